import { glob } from 'tinyglobby';
import { CiSigningError, UsageError } from '../../errors/src/index.js';
import { loadTrustedKeys, type TrustedKeyring } from '../../signing/src/index.js';
import { buildPolicy, renderVerificationSummary, verifyResults, type VerificationReport, type VerifyPolicy } from '../../verifier/src/index.js';
import { createGitHubClient, decodeEmbeddedBlock, readCheckRuns } from '../../checks/src/index.js';
import { readBoundedFile, readBoundedText, readOptionalFile } from '../../common/src/index.js';
import { RESULTS_FILE } from '../../results/src/index.js';
import { SIGNATURE_FILE, TRUSTED_KEY_FILE } from './input-files.js';
import { DEFAULTS } from '../../defaults/src/index.js';

export interface VerifyRequest {
  /** '' = read the results from the check run(s) instead of a local file. */
  resultsFile: string;
  signatureFile: string;
  trustedKeys: string;
  trustedKeysFile: string;
  sha: string;
  repository: string;
  allowUnsigned: string;
  maxFailedTests: string;
  minCoverage: string;
  minTests: string;
  maxAge: string;
  /** Check-run names, newline-separated in the action input. */
  checkNames: string[];
  github?: GitHubAccess;
  now?: Date;
}

export interface GitHubAccess {
  token: string;
  baseUrl: string;
  retries?: number;
  retryDelayMs?: number;
  requestTimeoutMs?: number;
  log: (line: string) => void;
}

export interface VerifiedEntry {
  /** The check-run name, or the results file in local mode. */
  name: string;
  report: VerificationReport;
  checkRunId?: number;
  checkRunUrl?: string;
}

export interface VerifyOutcome {
  verified: boolean;
  entries: VerifiedEntry[];
  summary: string;
  /** Action outputs / CLI fields; with several check names each value lists one line per name. */
  outputs: { verified: string; signed: string; fingerprint: string; 'signed-at': string; conclusion: string; 'check-run-id': string };
}

/** Verifies local results or the latest check run per name; never throws for a failed verification. */
export async function verifySignedResults(request: VerifyRequest): Promise<VerifyOutcome> {
  if (!request.repository) throw new UsageError('no repository to bind the results to', 'Set the repository input (owner/name); in Actions it defaults to GITHUB_REPOSITORY.');
  if (!request.sha) throw new UsageError('no commit sha to bind the results to', 'Set the sha input; in Actions it defaults to the pull request head or GITHUB_SHA.');
  const policy = buildPolicy({
    allowUnsigned: request.allowUnsigned,
    maxFailedTests: request.maxFailedTests,
    minCoverage: request.minCoverage,
    minTests: request.minTests,
    maxAge: request.maxAge,
  });
  const keyring = await loadKeyring(request.trustedKeys, request.trustedKeysFile);
  const now = request.now ?? new Date();
  const expected = { repository: request.repository, sha: request.sha };

  const entries = request.resultsFile
    ? [await verifyLocalFile(request, keyring, policy, expected, now)]
    : await verifyCheckRuns(request, keyring, policy, expected, now);

  const verified = entries.length > 0 && entries.every((entry) => entry.report.verified);
  const column = (pick: (entry: VerifiedEntry) => string) => entries.map(pick).join('\n');
  return {
    verified,
    entries,
    summary: renderVerificationSummary(entries.map(({ name, report }) => ({ name, report }))),
    outputs: {
      verified: String(verified),
      signed: String(entries.every((entry) => entry.report.signed)),
      fingerprint: column((entry) => entry.report.fingerprint),
      'signed-at': column((entry) => entry.report.signedAt),
      conclusion: column((entry) => entry.report.conclusion),
      'check-run-id': column((entry) => (entry.checkRunId === undefined ? '' : String(entry.checkRunId))),
    },
  };
}

async function loadKeyring(trustedKeys: string, trustedKeysFile: string): Promise<TrustedKeyring | null> {
  const blocks: string[] = [];
  if (trustedKeys.trim()) blocks.push(trustedKeys);
  if (trustedKeysFile.trim()) {
    for (const pattern of trustedKeysFile.split('\n').map((line) => line.trim()).filter(Boolean)) {
      const files = (await glob(pattern, { onlyFiles: true, expandDirectories: false })).sort();
      if (files.length === 0) {
        throw new CiSigningError('TRUSTED_KEYS_FILE_NOT_FOUND', `trusted-keys-file ${pattern} matches no file`, 'Check the path or glob; keys usually live in .github/ci-signing/trusted-keys/*.asc.');
      }
      for (const file of files) blocks.push(await readBoundedText(file, TRUSTED_KEY_FILE));
    }
  }
  // No keys at all is allowed only so that allow-unsigned migrations work; any signature then fails.
  return blocks.length ? loadTrustedKeys(blocks) : null;
}

async function verifyLocalFile(
  request: VerifyRequest,
  keyring: TrustedKeyring | null,
  policy: VerifyPolicy,
  expected: { repository: string; sha: string },
  now: Date,
): Promise<VerifiedEntry> {
  const resultsBytes = await readBoundedFile(request.resultsFile, RESULTS_FILE);
  // A named signature that is missing is a mistake; only the conventional <results-file>.asc is optional.
  const signatureBytes = request.signatureFile
    ? await readBoundedFile(request.signatureFile, SIGNATURE_FILE)
    : await readOptionalFile(`${request.resultsFile}.asc`, SIGNATURE_FILE);
  const signature = signatureBytes === null ? null : signatureBytes.toString('utf8');
  const report = await verifyResults({ resultsBytes, signature, keyring, expected, policy, now, source: request.resultsFile });
  return { name: request.resultsFile, report };
}

async function verifyCheckRuns(
  request: VerifyRequest,
  keyring: TrustedKeyring | null,
  policy: VerifyPolicy,
  expected: { repository: string; sha: string },
  now: Date,
): Promise<VerifiedEntry[]> {
  const names = [...new Set(request.checkNames.map((name) => name.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError('no check-name to read', `Set check-name (default ${DEFAULTS['check-name']}), or results-file to verify a local file.`);
  if (!request.github?.token) throw new UsageError('no token to read check runs with', 'Set the token input (default github.token) with checks: read, or GITHUB_TOKEN for the CLI.');
  const client = createGitHubClient({
    token: request.github.token,
    baseUrl: request.github.baseUrl,
    retries: request.github.retries,
    retryDelayMs: request.github.retryDelayMs,
    requestTimeoutMs: request.github.requestTimeoutMs,
    log: request.github.log,
  });
  const runs = await readCheckRuns({ client, repository: request.repository, sha: request.sha, checkNames: names });
  const entries: VerifiedEntry[] = [];
  for (const name of names) {
    const run = runs.get(name) ?? null;
    if (!run) {
      const error = new CiSigningError(
        'CHECK_RUN_NOT_FOUND',
        `no completed check run named ${name} on ${request.sha} in ${request.repository}`,
        'Make sure the trusted runner posted its results for this commit (post action or ci-signing post) under this check-name.',
        'verification',
      );
      entries.push({ name, report: failedBeforeChecks('check-run', 'Check run found', error) });
      continue;
    }
    let block;
    try {
      block = decodeEmbeddedBlock(run.text ?? '');
    } catch (error) {
      const reason = error instanceof CiSigningError ? error : new CiSigningError('EMBEDDED_BLOCK_INVALID', String(error), 'Re-post the results with ci-signing post.', 'verification');
      entries.push({ name, report: failedBeforeChecks('check-run', 'Signed results block readable', reason), checkRunId: run.id, checkRunUrl: run.htmlUrl ?? undefined });
      continue;
    }
    const report = await verifyResults({
      resultsBytes: block.resultsBytes,
      signature: block.signature,
      keyring,
      expected,
      policy,
      now,
      source: `check run ${name} (#${run.id})`,
    });
    entries.push({ name, report, checkRunId: run.id, checkRunUrl: run.htmlUrl ?? undefined });
  }
  return entries;
}

/** A report for a result that never reached the five checks (no run, unreadable block). */
function failedBeforeChecks(id: string, title: string, error: CiSigningError): VerificationReport {
  return {
    verified: false,
    signed: false,
    fingerprint: '',
    signingKeyId: '',
    signedAt: '',
    conclusion: '',
    checks: [{ id, title, status: 'fail', detail: error.message }],
    error,
  } as VerificationReport;
}
