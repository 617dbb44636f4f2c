// Reading check runs back: one paginated listing of the commit's runs serves every name.

import { CiSigningError } from '../../errors/src/index.js';
import type { GitHubClient, LookupRequest } from './client.js';

/** The fields of GitHub's check-run object this package reads. */
export interface CheckRunData {
  id: number;
  name: string;
  head_sha: string;
  html_url: string | null;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  completed_at: string | null;
  external_id: string | null;
  output?: { title?: string | null; summary?: string | null; text?: string | null; annotations_count?: number };
}

export interface CheckRunRecord {
  id: number;
  name: string;
  htmlUrl: string | null;
  completedAt: string | null;
  status: string;
  conclusion: string | null;
  headSha: string;
  /** output.text, where the embedded block lives; null when the run has none. */
  text: string | null;
}

const PER_PAGE = 100;
// GitHub keeps at most 1000 check suites per ref; this only stops a server that never ends its pages.
const MAX_PAGES = 1000;

export function parseRepository(repository: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-_.]+)\/([A-Za-z0-9-_.]+)$/.exec(String(repository ?? '').trim());
  if (!match) {
    throw new CiSigningError(
      'REPOSITORY_INVALID',
      `"${repository}" is not a repository name of the form owner/name.`,
      'Give the repository as owner/name, e.g. octo-org/octo-repo.',
    );
  }
  return { owner: match[1], repo: match[2] };
}

/** Every check run of `ref` (optionally of one name), following pagination, each run once. */
export async function listCheckRunsForRef(
  get: LookupRequest,
  query: { owner: string; repo: string; ref: string; checkName?: string },
): Promise<CheckRunData[]> {
  const byId = new Map<number, CheckRunData>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await get<{ total_count?: number; check_runs?: CheckRunData[] }>(
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      {
        owner: query.owner,
        repo: query.repo,
        ref: query.ref,
        ...(query.checkName !== undefined ? { check_name: query.checkName } : {}),
        filter: 'all',
        per_page: PER_PAGE,
        page,
      },
    );
    const runs = response.data.check_runs ?? [];
    // Runs created while paging shift the pages; the same run may come twice.
    for (const run of runs) byId.set(run.id, run);
    const link = String(response.headers.link ?? '');
    const more = link
      ? /rel="next"/.test(link)
      : runs.length === PER_PAGE && page * PER_PAGE < (response.data.total_count ?? 0);
    if (!more || runs.length === 0) break;
  }
  return [...byId.values()];
}

export interface CheckRunListing {
  /** Every run of the commit, each once, with its text. */
  runs: CheckRunRecord[];
  /** The first page's ETag, for the next conditional read. */
  etag: string | undefined;
}

/**
 * Every check run of `sha` (all names, whatever their status), with output.text. With `etag`, the first page
 * is a conditional request: 'not-modified' when GitHub answers 304, which does not count against the primary
 * rate limit. The listing is newest first, so a new run or a change to a recent one changes the first page.
 */
export async function readAllCheckRuns(input: {
  client: GitHubClient;
  repository: string;
  sha: string;
  etag?: string;
}): Promise<CheckRunListing | 'not-modified'> {
  const { owner, repo } = parseRepository(input.repository);
  let etag: string | undefined;
  let first = true;
  const get: LookupRequest = async <T>(route: string, params?: Record<string, unknown>) => {
    if (!first) return input.client.request<T>(route, params);
    first = false;
    const response = await input.client.requestIfChanged<T>(route, params ?? {}, input.etag);
    if (response === 'not-modified') throw NOT_MODIFIED;
    etag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
    return response;
  };
  let runs: CheckRunData[];
  try {
    runs = await listCheckRunsForRef(get, { owner, repo, ref: input.sha });
  } catch (error) {
    if (error === NOT_MODIFIED) return 'not-modified';
    throw error;
  }
  const records: CheckRunRecord[] = [];
  for (const run of runs) {
    let text = run.output?.text;
    if (text === undefined) {
      // GitHub's listing carries output.text; fetch the run only if a server left it out.
      const full = await input.client.request<CheckRunData>('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner,
        repo,
        check_run_id: run.id,
      });
      text = full.data.output?.text;
    }
    records.push(toRecord(run, text ?? null));
  }
  return { runs: records, etag };
}

/** Ends a listing whose first page was not modified; never leaves this module. */
const NOT_MODIFIED = Symbol('not-modified');

function toRecord(run: CheckRunData, text: string | null): CheckRunRecord {
  return {
    id: run.id,
    name: run.name,
    htmlUrl: run.html_url ?? null,
    completedAt: run.completed_at,
    status: run.status,
    conclusion: run.conclusion,
    headSha: run.head_sha,
    text,
  };
}

/**
 * Every run of each name on `sha`, whatever its status (an empty list when none). Which run decides is the
 * verifier's choice (by signature time), never the run's metadata.
 */
export async function readCheckRuns(input: {
  client: GitHubClient;
  repository: string;
  sha: string;
  checkNames: string[];
}): Promise<Map<string, CheckRunRecord[]>> {
  const listing = await readAllCheckRuns({ client: input.client, repository: input.repository, sha: input.sha });
  const runs = listing === 'not-modified' ? [] : listing.runs;
  return new Map(input.checkNames.map((name) => [name, runs.filter((run) => run.name === name)]));
}
