// verify: local results, or the check runs of a commit. Which run decides, how long to wait for one, and the
// outputs that describe only what verified (docs/verification.md, "Which run decides").
import { access } from 'node:fs/promises';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CiSigningError, UsageError } from '../../errors/src/index.js';
import {
  loadTrustedKeys,
  parseTrustedFingerprints,
  type TrustedKeyring,
  type TrustedKeySource,
} from '../../signing/src/index.js';
import {
  buildPolicy,
  renderVerificationSummary,
  unreadReport,
  verifyResults,
  type VerificationReport,
  type VerifyInput,
  type VerifyPolicy,
} from '../../verifier/src/index.js';
import type { CheckRunRecord } from '../../checks/src/index.js';
import {
  formatSeconds,
  parseDuration,
  parseDurationMs,
  readBoundedFile,
  readOptionalFile,
} from '../../common/src/index.js';
import { RESULTS_FILE } from '../../results/src/index.js';
import { SIGNATURE_FILE, TRUSTED_KEY_FILE } from './input-files.js';
import { DEFAULTS, WAIT_TIMEOUT_DEFAULTS, withDefault } from '../../defaults/src/index.js';
import type { EventContext } from './context.js';

export interface VerifyRequest {
  /** '' = read the results from the check run(s) instead of a local file. */
  resultsFile: string;
  signatureFile: string;
  trustedKeys: string;
  trustedKeysFile: string;
  /** Newline- or comma-separated primary fingerprints; when set, only those keys are trusted. */
  trustedFingerprints?: string;
  sha: string;
  repository: string;
  allowUnsigned: string;
  maxFailedTests: string;
  minCoverage: string;
  minTests: string;
  maxAge: string;
  /** Check-run names, newline-separated in the action input. */
  checkNames: string[];
  /** Duration; '' = 15m reading from GitHub, 0 for a local file (WAIT_TIMEOUT_DEFAULTS). */
  waitTimeout?: string;
  /** Duration between looks; '' = 15s. */
  waitInterval?: string;
  /** The event the verifier runs on (fork pull requests fail at once instead of waiting). */
  event?: Pick<EventContext, 'event' | 'isFork' | 'headRepository'>;
  github?: GitHubAccess;
  now?: Date;
}

export interface GitHubAccess {
  token: string;
  baseUrl: string;
  retries?: number;
  retryDelayMs?: number;
  requestTimeoutMs?: number;
  /** Duration text (rate-limit-wait); '' = 10m. */
  rateLimitWait?: string;
  log: (line: string) => void;
}

export interface VerifiedEntry {
  /** The check-run name, or the results file in local mode. */
  name: string;
  report: VerificationReport;
  checkRunId?: number;
  checkRunUrl?: string;
  /** How the run was chosen: which run decided, what was ignored, what was missing. */
  note?: string;
}

export interface VerifyOutputs {
  verified: string;
  signed: string;
  fingerprint: string;
  'signed-at': string;
  conclusion: string;
  'check-run-id': string;
  reason: string;
}

export interface VerifyOutcome {
  verified: boolean;
  entries: VerifiedEntry[];
  summary: string;
  /** One line each: revocations for keys not in the ring, trusted-fingerprints that match no key. */
  warnings: string[];
  /** Fingerprints of trusted keys that are revoked; every result they signed is refused. */
  revokedKeys: string[];
  /**
   * Action outputs / CLI fields; with several check names each value lists one line per name. Unless
   * everything verified, fingerprint, signed-at and conclusion are empty: they describe only what verified.
   */
  outputs: VerifyOutputs;
}

interface Settings {
  policy: VerifyPolicy;
  keyring: TrustedKeyring | null;
  expected: { repository: string; sha: string };
  waitTimeoutMs: number;
  waitIntervalMs: number;
  now: () => Date;
}

/** Verifies local results or the check runs of each name; never throws for a failed verification. */
export async function verifySignedResults(request: VerifyRequest): Promise<VerifyOutcome> {
  if (!request.repository)
    throw new UsageError(
      'no repository to bind the results to',
      'Set the repository input (owner/name); in Actions it defaults to GITHUB_REPOSITORY.',
    );
  if (!request.sha)
    throw new UsageError(
      'no commit sha to bind the results to',
      'Set the sha input; in Actions it defaults to the tested commit of the event.',
    );
  const policy = buildPolicy({
    allowUnsigned: request.allowUnsigned,
    maxFailedTests: request.maxFailedTests,
    minCoverage: request.minCoverage,
    minTests: request.minTests,
    maxAge: request.maxAge,
  });
  const mode = request.resultsFile ? 'results-file' : 'github';
  const waitTimeout = withDefault('wait-timeout', request.waitTimeout).trim() || WAIT_TIMEOUT_DEFAULTS[mode];
  const settings: Settings = {
    policy,
    keyring: await loadKeyring(
      request.trustedKeys,
      request.trustedKeysFile,
      parseTrustedFingerprints(request.trustedFingerprints ?? ''),
    ),
    expected: { repository: request.repository, sha: request.sha },
    waitTimeoutMs: parseDurationMs(waitTimeout, { name: 'wait-timeout', zeroAllowed: true, example: '15m' }),
    waitIntervalMs: parseDurationMs(withDefault('wait-interval', request.waitInterval), {
      name: 'wait-interval',
      example: '15s',
    }),
    now: () => request.now ?? new Date(),
  };

  const entries = request.resultsFile
    ? [await verifyLocalFile(request, settings)]
    : await verifyCheckRuns(request, settings);

  const verified = entries.length > 0 && entries.every((entry) => entry.report.verified);
  const column = (pick: (entry: VerifiedEntry) => string) => entries.map(pick).join('\n');
  // Only a verified result has a signer, a time and a conclusion worth acting on.
  const ifVerified = (pick: (entry: VerifiedEntry) => string) => (verified ? column(pick) : '');
  return {
    verified,
    entries,
    summary: renderVerificationSummary(
      entries.map(({ name, report, note }) => ({ name, report, note })),
      {
        revokedKeys: [...(settings.keyring?.revoked ?? [])],
      },
    ),
    warnings: [...(settings.keyring?.warnings ?? [])],
    revokedKeys: [...(settings.keyring?.revoked ?? [])],
    outputs: {
      verified: String(verified),
      signed: String(entries.length > 0 && entries.every((entry) => entry.report.signed)),
      fingerprint: ifVerified((entry) => entry.report.fingerprint),
      'signed-at': ifVerified((entry) => entry.report.signedAt),
      conclusion: ifVerified((entry) => entry.report.conclusion),
      'check-run-id': column((entry) => (entry.checkRunId === undefined ? '' : String(entry.checkRunId))),
      reason: verified ? '' : column((entry) => entry.report.error?.code ?? ''),
    },
  };
}

type ChecksModule = typeof import('../../checks/src/index.js');
let checksModule: Promise<ChecksModule> | undefined;
/** The GitHub client loads only when check runs are read: local-file mode never evaluates it. */
function loadChecks(): Promise<ChecksModule> {
  checksModule ??= import('../../checks/src/index.js');
  return checksModule;
}

async function loadKeyring(
  trustedKeys: string,
  trustedKeysFile: string,
  trustedFingerprints: string[],
): Promise<TrustedKeyring | null> {
  // Files keep their names: a file named after a fingerprint pins it. Text inputs have no name.
  const blocks: TrustedKeySource[] = [];
  if (trustedKeys.trim()) blocks.push({ bytes: trustedKeys });
  if (trustedKeysFile.trim()) {
    for (const pattern of trustedKeysFile
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)) {
      // A plain path goes to the reader as it is, so a FIFO, device or directory is refused, never skipped.
      const files = isDynamicPattern(pattern)
        ? (await glob(pattern, { onlyFiles: false, expandDirectories: false })).sort()
        : [pattern];
      if (files.length === 0) {
        throw new CiSigningError(
          'TRUSTED_KEYS_FILE_NOT_FOUND',
          `trusted-keys-file ${pattern} matches no file`,
          'Check the path or glob; keys usually live in .github/ci-signing/trusted-keys/*.asc.',
        );
      }
      for (const file of files) blocks.push({ source: file, bytes: await readBoundedFile(file, TRUSTED_KEY_FILE) });
    }
  }
  // No keys at all is allowed only so that allow-unsigned migrations work; any signature then fails.
  if (!blocks.length) {
    if (trustedFingerprints.length) {
      throw new UsageError(
        'trusted-fingerprints is set but no trusted keys are given',
        'Set trusted-keys or trusted-keys-file to the public keys those fingerprints name.',
      );
    }
    return null;
  }
  return loadTrustedKeys(blocks, { trustedFingerprints });
}

async function verifyLocalFile(request: VerifyRequest, settings: Settings): Promise<VerifiedEntry> {
  // A results file written by a step still running elsewhere (rare) may be waited for; by default it is not.
  const deadline = Date.now() + settings.waitTimeoutMs;
  while (settings.waitTimeoutMs > 0 && !(await exists(request.resultsFile)) && Date.now() < deadline) {
    await sleep(Math.min(settings.waitIntervalMs, Math.max(0, deadline - Date.now())));
  }
  const resultsBytes = await readBoundedFile(request.resultsFile, RESULTS_FILE);
  // A named signature that is missing is a mistake; only the conventional <results-file>.asc is optional.
  const signatureBytes = request.signatureFile
    ? await readBoundedFile(request.signatureFile, SIGNATURE_FILE)
    : await readOptionalFile(`${request.resultsFile}.asc`, SIGNATURE_FILE);
  const { policy, keyring, expected } = settings;
  // Bytes, not text: a binary signature (gpg --detach-sign) is read as it is.
  const report = await verifyResults({
    resultsBytes,
    signature: signatureBytes,
    keyring,
    expected,
    policy,
    now: settings.now(),
    source: request.resultsFile,
  });
  return { name: request.resultsFile, report };
}

/** One run of a name, read and judged. */
interface Judged {
  run: CheckRunRecord;
  report: VerificationReport;
  /** The block carries no signature. */
  unsigned: boolean;
}

/** For one check name: the run that decides, if any, and every run seen. */
interface Choice {
  name: string;
  runs: Judged[];
  decider?: Judged;
  /** Runs whose signature verifies by a trusted key. */
  signed: number;
}

async function judge(run: CheckRunRecord, settings: Settings, soleName: boolean): Promise<Judged> {
  const source = `check run ${run.name} (#${run.id})`;
  let block;
  try {
    block = (await loadChecks()).decodeEmbeddedBlock(run.text ?? '');
  } catch (error) {
    const reason =
      error instanceof CiSigningError
        ? error
        : new CiSigningError(
            'EMBEDDED_BLOCK_INVALID',
            `${source}: ${String(error)}`,
            'Re-post the results with ci-signing post.',
            'verification',
          );
    return { run, report: unreadReport('block-unreadable', reason), unsigned: false };
  }
  const input: VerifyInput = {
    resultsBytes: block.resultsBytes,
    signature: block.signature,
    keyring: settings.keyring,
    expected: { ...settings.expected, checkRun: { name: run.name, soleName } },
    policy: settings.policy,
    now: settings.now(),
    source,
  };
  return { run, report: await verifyResults(input), unsigned: !block.signature?.trim() };
}

/**
 * The rule: among runs whose signature verifies by a trusted key, the newest signature creation time decides
 * (a tie goes to the run that fails, then the higher id). Status, completed_at, started_at, id and order never
 * choose. Unsigned runs decide only under allow-unsigned and only when no run is validly signed.
 */
function choose(name: string, runs: Judged[]): Choice {
  const signed = runs.filter((judged) => judged.report.signed);
  const byTime = (judged: Judged) => Date.parse(judged.report.signedAt);
  const decider = signed.sort(
    (a, b) => byTime(b) - byTime(a) || Number(a.report.verified) - Number(b.report.verified) || b.run.id - a.run.id,
  )[0];
  if (decider) return { name, runs, decider, signed: signed.length };
  // Check 1 warns exactly when an unsigned result is allowed right now.
  const allowedUnsigned = runs
    .filter((judged) => judged.unsigned && judged.report.checks[0]?.status === 'warn')
    .sort((a, b) => b.run.id - a.run.id);
  return { name, runs, decider: allowedUnsigned[0], signed: 0 };
}

async function verifyCheckRuns(request: VerifyRequest, settings: Settings): Promise<VerifiedEntry[]> {
  const { createGitHubClient, readAllCheckRuns } = await loadChecks();
  const names = [...new Set(request.checkNames.map((name) => name.trim()).filter(Boolean))];
  if (names.length === 0)
    throw new UsageError(
      'no check-name to read',
      `Set check-name (default ${DEFAULTS['check-name']}), or results-file to verify a local file.`,
    );
  if (!request.github?.token)
    throw new UsageError(
      'no token to read check runs with',
      'Set the token input (default github.token) with checks: read, or GITHUB_TOKEN for the CLI.',
    );
  const github = request.github;
  const rateLimitWait = withDefault('rate-limit-wait', github.rateLimitWait);
  const client = createGitHubClient({
    token: github.token,
    baseUrl: github.baseUrl,
    retries: github.retries,
    retryDelayMs: github.retryDelayMs,
    requestTimeoutMs: github.requestTimeoutMs,
    rateLimitWaitMs:
      parseDuration(rateLimitWait, { name: 'rate-limit-wait', zeroAllowed: true, example: '10m' }) * 1000,
    log: github.log,
  });
  const { repository, sha } = settings.expected;
  const fork = request.event?.isFork ?? false;
  const started = Date.now();
  const deadline = started + settings.waitTimeoutMs;
  let etag: string | undefined;
  let choices: Choice[] = [];
  for (let poll = 1; ; poll++) {
    const listing = await readAllCheckRuns({ client, repository, sha, etag });
    if (listing !== 'not-modified') {
      etag = listing.etag;
      choices = [];
      for (const name of names) {
        const runs = listing.runs.filter((run) => run.name === name);
        const judged = await Promise.all(runs.map((run) => judge(run, settings, names.length === 1)));
        choices.push(choose(name, judged));
      }
    }
    const waiting = choices.filter((choice) => !choice.decider);
    // Trusted runners never test a fork's code, so no signed run will come: say so at once.
    if (waiting.length === 0 || (fork && waiting.every((choice) => choice.signed === 0))) break;
    const left = deadline - Date.now();
    if (left <= 0) break;
    const pause = Math.min(settings.waitIntervalMs, left);
    github.log(
      `Waiting for ${waiting.map(describeWaiting).join('; ')} on ${sha} in ${repository} ` +
        `(look ${poll}; next in ${formatMs(pause)}, ${formatMs(left)} of wait-timeout left).`,
    );
    await sleep(pause);
  }
  const waitedMs = Date.now() - started;
  return choices.map((choice) => entryFor(choice, request, settings, waitedMs));
}

function describeWaiting(choice: Choice): string {
  if (choice.runs.length === 0) return `${choice.name}: no check run yet`;
  const newest = newestById(choice.runs);
  const why = newest.report.error ? `${newest.report.error.code} on the newest, #${newest.run.id}` : 'none decides';
  return `${choice.name}: ${choice.runs.length} run(s), none signed by a trusted key (${why})`;
}

function newestById(runs: Judged[]): Judged {
  return [...runs].sort((a, b) => b.run.id - a.run.id)[0] as Judged;
}

function entryFor(choice: Choice, request: VerifyRequest, settings: Settings, waitedMs: number): VerifiedEntry {
  const { repository, sha } = settings.expected;
  const { name, runs, decider } = choice;
  const others = runs.length - 1;
  if (decider) {
    const why = decider.report.signed
      ? `the newest trusted signature (${decider.report.signedAt})`
      : 'no run is validly signed; unsigned allowed';
    const note = `Run #${decider.run.id} decided: ${why}; ${others} other run(s) of ${name} on this commit.`;
    return {
      name,
      report: decider.report,
      checkRunId: decider.run.id,
      checkRunUrl: decider.run.htmlUrl ?? undefined,
      note,
    };
  }
  if (request.event?.isFork) {
    const from = request.event.headRepository ? `from ${request.event.headRepository}` : 'from a fork';
    const error = new CiSigningError(
      'FORK_PULL_REQUEST',
      `This pull request comes ${from}: no check run named ${name} on ${sha} in ${repository} has a trusted ` +
        `signature, and trusted runners do not run code from forks.`,
      'A maintainer reviews the change, then pushes the head to a branch of this repository (git push origin ' +
        '<sha>:refs/heads/<branch>); the trusted runner signs that commit and this check, re-run, verifies it.',
      'verification',
    );
    return {
      name,
      report: unreadReport('fork-pull-request', error),
      note: `Not waited: ${runs.length} run(s) of ${name}, none signed by a trusted key.`,
    };
  }
  const waited = settings.waitTimeoutMs > 0 ? ` after waiting ${formatMs(waitedMs)} (wait-timeout)` : '';
  if (runs.length === 0) {
    const error = new CiSigningError(
      settings.waitTimeoutMs > 0 ? 'CHECK_RUN_WAIT_TIMED_OUT' : 'CHECK_RUN_NOT_FOUND',
      `No check run named ${name} on ${sha} in ${repository}${waited}.`,
      'Make sure the trusted runner ran for this commit and posted under this check-name (post action or ' +
        'ci-signing post); raise wait-timeout if it needs longer.',
      'verification',
    );
    return { name, report: unreadReport(settings.waitTimeoutMs > 0 ? 'wait-timed-out' : 'run-not-found', error) };
  }
  // Nothing verifies by a trusted key: the newest run by id speaks, with its own failure.
  const newest = newestById(runs);
  const note =
    `No run of ${name} has a valid trusted signature${waited}: ${runs.length} run(s); the newest, ` +
    `#${newest.run.id}, is reported.`;
  return { name, report: newest.report, checkRunId: newest.run.id, checkRunUrl: newest.run.htmlUrl ?? undefined, note };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : formatSeconds(Math.round(ms / 1000));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
