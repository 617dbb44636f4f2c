// Posts results as one check run per (commit, name, digest), whatever the network does.
//
// How duplicates are avoided:
// - the run's external_id is the results digest; before creating, the commit's runs of that name are
//   listed and a run with the same external_id is updated instead;
// - when a create attempt's outcome is unknown (timeout, reset, 5xx), the client's retry loop looks the
//   run up again before re-sending the create (RequestOptions.reconcile);
// - GitHub appends annotations on every update, so the run's annotations_count says how many were
//   applied: batches resume from that count, and a batch whose update's outcome is unknown is re-sent
//   only if the count shows it was not applied.

import { CiSigningError } from '../../errors/src/index.js';
import { renderResultsSummary, renderResultsTitle } from '../../results/src/index.js';
import { isoSeconds, sha256Digest } from '../../common/src/index.js';
import { DEFAULTS } from '../../defaults/src/index.js';
import type { CiResults } from '../../results/src/index.js';
import { ANNOTATIONS_PER_REQUEST, failuresToAnnotations, type Annotation } from './annotations.js';
import type { GitHubClient, GitHubResponse, LookupRequest } from './client.js';
import { encodeEmbeddedBlock } from './embedded-block.js';
import { listCheckRunsForRef, parseRepository, type CheckRunData } from './runs.js';
import { fitMarkdown, truncateChars, utf8Length } from './utf8.js';

/** GitHub's limits on output.summary and output.text, in UTF-8 bytes. */
export const OUTPUT_MAX_BYTES = 65535;
const TITLE_MAX_CHARS = 1000;
const DEFAULT_ANNOTATION_PATH = 'ci-results.json';

export interface PostResultsInput {
  client: GitHubClient;
  /** owner/name; must be the results' own repository. */
  repository: string;
  /** The exact bytes of the results file (what the signature covers). */
  resultsBytes: Uint8Array;
  results: CiResults;
  signature: string | null;
  checkName?: string;
  signerFingerprint?: string;
  signingKeyId?: string;
  detailsUrl?: string;
  /** Path for annotations of failures that name no file. */
  annotationPath?: string;
  log: (line: string) => void;
}

export interface PostResultsOutcome {
  checkRunId: number;
  htmlUrl: string;
  /** HTTP attempts this post made (lookups, create or update, annotation batches, retries). */
  attempts: number;
  signed: boolean;
  /** False when an existing run for the same results was updated. */
  created: boolean;
}

export interface CheckRunContent {
  title: string;
  summary: string;
  text: string;
  annotations: Annotation[];
  digest: string;
}

/** Builds the run's output within GitHub's limits, or refuses before any request. */
export function buildCheckRunContent(
  input: Omit<PostResultsInput, 'client' | 'repository' | 'log' | 'checkName' | 'detailsUrl'>,
): CheckRunContent {
  const digest = sha256Digest(input.resultsBytes);
  const signed = input.signature !== null;
  const block = encodeEmbeddedBlock({ resultsBytes: input.resultsBytes, signature: input.signature });
  const blockBytes = utf8Length(block);
  if (blockBytes > OUTPUT_MAX_BYTES) {
    throw new CiSigningError(
      'RESULTS_TOO_LARGE',
      `The signed results take ${blockBytes} bytes in the check run's text once compressed, over GitHub's limit ` +
        `of ${OUTPUT_MAX_BYTES} bytes; nothing was posted.`,
      'Make the results file smaller: shorten failure messages (keep the first lines of each) or drop large ' +
        'free-form properties such as run, then sign and post again.',
    );
  }
  const title = truncateChars(
    renderResultsTitle(input.results, { signingKeyId: input.signingKeyId, signed }).replace(/\s+/g, ' ').trim(),
    TITLE_MAX_CHARS,
  );
  const summary = fitMarkdown(
    renderResultsSummary(input.results, { fingerprint: input.signerFingerprint, signed, digest }),
    OUTPUT_MAX_BYTES,
    (count) =>
      `_…${count} more part${count === 1 ? '' : 's'} of this summary cut: GitHub limits it to ` +
      `${OUTPUT_MAX_BYTES} bytes. Every failure is an annotation._`,
  );
  const note = [
    '### About the block above',
    '',
    'It is the exact results file (gzip, base64), its sha256 digest and its OpenPGP detached signature, as ' +
      'posted by ci-signing. ' +
      'The verify action (or `ci-signing verify`) reads it back and checks the signature against the trusted ' +
      'keys; the human-readable parts of this check run are not trusted.',
  ].join('\n');
  const room = OUTPUT_MAX_BYTES - blockBytes - 2;
  const text = room >= utf8Length(note) ? `${block}\n\n${note}` : block;
  return {
    title,
    summary,
    text,
    annotations: failuresToAnnotations(input.results.failures, input.annotationPath ?? DEFAULT_ANNOTATION_PATH),
    digest,
  };
}

export async function postResults(input: PostResultsInput): Promise<PostResultsOutcome> {
  const checkName = input.checkName ?? DEFAULTS['check-name'];
  const { owner, repo } = parseRepository(input.repository);
  if (input.results.repository.toLowerCase() !== input.repository.toLowerCase()) {
    throw new CiSigningError(
      'REPOSITORY_MISMATCH',
      `The results are for ${input.results.repository} but were to be posted to ${input.repository}.`,
      'Post to the repository named in the results file (the verifier would reject them anywhere else).',
    );
  }
  const content = buildCheckRunContent(input);
  const sha = input.results.commit;
  const client = input.client.fork();
  const completedAt = isoSeconds(new Date());
  const startedAt = validTimestamp(input.results.startedAt);
  const runFields = {
    status: 'completed',
    conclusion: input.results.conclusion,
    completed_at: completedAt,
    external_id: content.digest,
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(startedAt ? { started_at: startedAt } : {}),
  };
  const output = (annotations: Annotation[]) => ({
    title: content.title,
    summary: content.summary,
    text: content.text,
    ...(annotations.length > 0 ? { annotations } : {}),
  });
  const findExisting = (get: LookupRequest) =>
    findRunByExternalId(get, { owner, repo, sha, checkName, externalId: content.digest });

  const existing = await findExisting((route, params) => client.request(route, params));
  let run: CheckRunData;
  let created = false;
  let applied: number;
  if (existing) {
    run = existing;
    applied = run.output?.annotations_count ?? 0;
    input.log(
      `Updating check run ${checkName} #${run.id} on ${sha} (same results already posted; ${applied} of ` +
        `${content.annotations.length} annotations present).`,
    );
    if (applied >= content.annotations.length) {
      // Nothing left to append: refresh the run (updates are idempotent without annotations).
      run = (
        await client.request<CheckRunData>('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          owner,
          repo,
          check_run_id: run.id,
          ...runFields,
          output: output([]),
        })
      ).data;
    }
  } else {
    const firstBatch = content.annotations.slice(0, ANNOTATIONS_PER_REQUEST);
    let foundAfterLostAnswer = false;
    const response = await client.request<CheckRunData>(
      'POST /repos/{owner}/{repo}/check-runs',
      { owner, repo, name: checkName, head_sha: sha, ...runFields, output: output(firstBatch) },
      {
        reconcile: async (lookup) => {
          const found = await findExisting(lookup);
          if (!found) return undefined;
          foundAfterLostAnswer = true;
          input.log(`Check run #${found.id} was created although GitHub's answer was lost; continuing with it.`);
          return asResponse(found);
        },
      },
    );
    run = response.data;
    created = true;
    // A run found by reconcile says itself how many annotations it got.
    applied = foundAfterLostAnswer ? (run.output?.annotations_count ?? 0) : firstBatch.length;
    input.log(`Created check run ${checkName} #${run.id} on ${sha}.`);
  }

  while (applied < content.annotations.length) {
    const batch = content.annotations.slice(applied, applied + ANNOTATIONS_PER_REQUEST);
    const before = applied;
    let reconciledCount: number | undefined;
    const runId = run.id;
    const response: GitHubResponse<CheckRunData> = await client.request<CheckRunData>(
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      { owner, repo, check_run_id: runId, ...runFields, output: output(batch) },
      {
        reconcile: async (lookup) => {
          const current = (
            await lookup<CheckRunData>('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', {
              owner,
              repo,
              check_run_id: runId,
            })
          ).data;
          const count = current.output?.annotations_count ?? 0;
          if (count <= before) return undefined;
          reconciledCount = count;
          return asResponse(current);
        },
      },
    );
    run = response.data;
    applied = reconciledCount ?? before + batch.length;
  }
  if (content.annotations.length > ANNOTATIONS_PER_REQUEST)
    input.log(`Added ${content.annotations.length} annotations to check run #${run.id}.`);

  return {
    checkRunId: run.id,
    htmlUrl: run.html_url ?? '',
    attempts: client.attempts,
    signed: input.signature !== null,
    created,
  };
}

/** The run of this commit with this name and external_id, the newest if several. */
async function findRunByExternalId(
  get: LookupRequest,
  query: { owner: string; repo: string; sha: string; checkName: string; externalId: string },
): Promise<CheckRunData | null> {
  const runs = await listCheckRunsForRef(get, {
    owner: query.owner,
    repo: query.repo,
    ref: query.sha,
    checkName: query.checkName,
  });
  const matches = runs.filter((run) => run.external_id === query.externalId && run.name === query.checkName);
  return matches.sort((a, b) => b.id - a.id)[0] ?? null;
}

function asResponse(run: CheckRunData): GitHubResponse<CheckRunData> {
  return { status: 200, url: '', headers: {}, data: run };
}

/** YYYY-MM-DDTHH:MM:SSZ, the form GitHub documents, or undefined. */
function validTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? isoSeconds(time) : undefined;
}
