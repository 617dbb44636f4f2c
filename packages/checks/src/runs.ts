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
    throw new CiSigningError('REPOSITORY_INVALID', `"${repository}" is not a repository name of the form owner/name.`, 'Give the repository as owner/name, e.g. octo-org/octo-repo.');
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
    const response = await get<{ total_count?: number; check_runs?: CheckRunData[] }>('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner: query.owner,
      repo: query.repo,
      ref: query.ref,
      ...(query.checkName !== undefined ? { check_name: query.checkName } : {}),
      filter: 'all',
      per_page: PER_PAGE,
      page,
    });
    const runs = response.data.check_runs ?? [];
    // Runs created while paging shift the pages; the same run may come twice.
    for (const run of runs) byId.set(run.id, run);
    const link = String(response.headers.link ?? '');
    const more = link ? /rel="next"/.test(link) : runs.length === PER_PAGE && page * PER_PAGE < (response.data.total_count ?? 0);
    if (!more || runs.length === 0) break;
  }
  return [...byId.values()];
}

/** Latest first: by completed_at, then by id (the later run of the same second). */
function newerFirst(a: CheckRunData, b: CheckRunData): number {
  const byTime = Date.parse(b.completed_at ?? '') - Date.parse(a.completed_at ?? '');
  return byTime !== 0 && Number.isFinite(byTime) ? byTime : b.id - a.id;
}

/**
 * The most recent completed run of each name on `sha` (null when none). The latest decides: an older
 * run is never returned in place of a newer completed one.
 */
export async function readCheckRuns(input: {
  client: GitHubClient;
  repository: string;
  sha: string;
  checkNames: string[];
}): Promise<Map<string, CheckRunRecord | null>> {
  const { owner, repo } = parseRepository(input.repository);
  const get: LookupRequest = (route, params) => input.client.request(route, params);
  const runs = await listCheckRunsForRef(get, { owner, repo, ref: input.sha });
  const result = new Map<string, CheckRunRecord | null>();
  for (const name of input.checkNames) {
    const latest = runs.filter((run) => run.name === name && run.status === 'completed' && run.completed_at).sort(newerFirst)[0];
    if (!latest) {
      result.set(name, null);
      continue;
    }
    let text = latest.output?.text;
    if (text === undefined) {
      // GitHub's listing carries output.text; fetch the run only if a server left it out.
      const full = await input.client.request<CheckRunData>('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner, repo, check_run_id: latest.id });
      text = full.data.output?.text;
    }
    result.set(name, {
      id: latest.id,
      name: latest.name,
      htmlUrl: latest.html_url ?? null,
      completedAt: latest.completed_at,
      status: latest.status,
      conclusion: latest.conclusion,
      headSha: latest.head_sha,
      text: text ?? null,
    });
  }
  return result;
}
