// The five checks in their fixed order. Each either passes (or warns) and hands what it learned to the next,
// or fails with a CiSigningError; after the first failure the remaining checks are reported as skipped.
// The results bytes are parsed only once the signature over exactly those bytes has been verified.
import { CiSigningError } from '../../errors/src/index.js';
import { parseResults, type CiResults } from '../../results/src/index.js';
import { verifyDetached } from '../../signing/src/index.js';
import {
  CHECK_IDS,
  type CheckId,
  type CheckOutcome,
  type UnreadId,
  type VerificationReport,
  type VerifyInput,
} from './types.js';
import { describeName, formatSeconds } from '../../common/src/index.js';

export const CHECK_TITLES: Record<CheckId, string> = {
  'signature-present': 'Signature present',
  'signature-valid': 'Signature valid',
  binding: 'Bound to repository and commit',
  freshness: 'Fresh',
  thresholds: 'Thresholds',
};

const DAY_MS = 24 * 60 * 60 * 1000;

interface Signer {
  fingerprint: string;
  signingKeyId: string;
  signedAt: Date;
}

/** What the checks have established so far; each check reads the earlier ones' findings. */
interface Findings {
  signer?: Signer;
  results?: CiResults;
}

type CheckResult = { status: 'pass' | 'warn'; detail: string };

export const UNREAD_TITLES: Record<UnreadId, string> = {
  'run-not-found': 'Check run found',
  'wait-timed-out': 'Check run arrived in time',
  'fork-pull-request': 'Pull request from this repository',
  'block-unreadable': 'Signed results block readable',
};

/** The report for a result that never reached the five checks (no run, a fork, an unreadable block). */
export function unreadReport(id: UnreadId, error: CiSigningError): VerificationReport {
  const title = UNREAD_TITLES[id];
  return {
    verified: false,
    signed: false,
    fingerprint: '',
    signingKeyId: '',
    signedAt: '',
    conclusion: '',
    unread: { id, title, detail: error.message },
    checks: CHECK_IDS.map((check) => ({
      id: check,
      title: CHECK_TITLES[check],
      status: 'skip',
      detail: `Not checked: "${title}" failed.`,
    })),
    error,
  };
}

export async function verifyResults(input: VerifyInput): Promise<VerificationReport> {
  const findings: Findings = {};
  const signature = isBlank(input.signature) ? null : input.signature;
  const run: Record<CheckId, () => CheckResult | Promise<CheckResult>> = {
    'signature-present': () => checkSignaturePresent(input, signature),
    'signature-valid': () => checkSignatureValid(input, signature, findings),
    binding: () => checkBinding(input, required(findings.results)),
    freshness: () => checkFreshness(input, findings.signer, required(findings.results)),
    thresholds: () => checkThresholds(input, required(findings.results)),
  };

  const checks: CheckOutcome[] = [];
  let error: CiSigningError | undefined;
  let failedTitle = '';
  for (const id of CHECK_IDS) {
    const title = CHECK_TITLES[id];
    if (error) {
      checks.push({ id, title, status: 'skip', detail: `Not checked: "${failedTitle}" failed.` });
      continue;
    }
    try {
      const outcome = await run[id]();
      checks.push({ id, title, ...outcome });
    } catch (thrown) {
      error = asCiSigningError(thrown);
      failedTitle = title;
      checks.push({ id, title, status: 'fail', detail: error.message });
    }
  }

  return {
    verified: !error,
    signed: Boolean(findings.signer),
    fingerprint: findings.signer?.fingerprint ?? '',
    signingKeyId: findings.signer?.signingKeyId ?? '',
    signedAt: findings.signer?.signedAt.toISOString() ?? '',
    conclusion: findings.results?.conclusion ?? '',
    checks,
    ...(findings.results ? { results: findings.results } : {}),
    ...(error ? { error } : {}),
  };
}

function checkSignaturePresent(input: VerifyInput, signature: string | Uint8Array | null): CheckResult {
  if (signature) return { status: 'pass', detail: `A signature over ${input.source} is present.` };
  const { allowUnsigned } = input.policy;
  if (allowUnsigned === true) {
    return {
      status: 'warn',
      detail: `No signature over ${input.source}; accepted unsigned because allow-unsigned is true.`,
    };
  }
  if (allowUnsigned instanceof Date) {
    const day = allowUnsigned.toISOString().slice(0, 10);
    // The date names a UTC calendar day; unsigned results are accepted through its end.
    if (input.now.getTime() < Date.parse(day) + DAY_MS) {
      return {
        status: 'warn',
        detail:
          `No signature over ${input.source}; accepted unsigned until the end of ${day} (UTC) under ` +
          `allow-unsigned.`,
      };
    }
    throw new CiSigningError(
      'SIGNATURE_MISSING',
      `No signature over ${input.source}, and allow-unsigned ended with ${day} (UTC).`,
      'Sign the results on the trusted runner (the sign action or `ci-signing sign`), or, if the migration ' +
        'truly needs longer, move the allow-unsigned date.',
      'verification',
    );
  }
  throw new CiSigningError(
    'SIGNATURE_MISSING',
    `No signature over ${input.source} was found.`,
    'Sign the results on the trusted runner (the sign action or `ci-signing sign`) and pass the signature, or ' +
      'set allow-unsigned to a date while migrating.',
    'verification',
  );
}

async function checkSignatureValid(
  input: VerifyInput,
  signature: string | Uint8Array | null,
  findings: Findings,
): Promise<CheckResult> {
  if (!signature) {
    findings.results = parseOrExplain(input, 'The results are unsigned and');
    return {
      status: 'warn',
      detail: `Nothing to verify: ${input.source} is unsigned, so nothing proves where its content came from.`,
    };
  }
  if (!input.keyring) {
    throw new CiSigningError(
      'TRUSTED_KEYS_MISSING',
      `${input.source} is signed, but no trusted keys were given to check the signature against.`,
      'Pass the trusted public keys (trusted-keys or trusted-keys-file; --trusted-keys-file in the CLI).',
      'verification',
    );
  }
  const check = await verifyDetached(input.resultsBytes, signature, input.keyring, input.now);
  findings.signer = { fingerprint: check.fingerprint, signingKeyId: check.signingKeyId, signedAt: check.signedAt };
  findings.results = parseOrExplain(input, `The signature by ${check.fingerprint} is valid, but the signed results`);
  const subkey = check.fingerprint.endsWith(check.signingKeyId) ? '' : ` (signing subkey ${check.signingKeyId})`;
  return {
    status: 'pass',
    detail: `Valid signature by trusted key ${check.fingerprint}${subkey}, made ${check.signedAt.toISOString()}.`,
  };
}

/** Parses the (verified or allowed-unsigned) bytes; a refusal keeps its code and says that the content is at fault. */
function parseOrExplain(input: VerifyInput, lead: string): CiResults {
  try {
    return parseResults(input.resultsBytes, input.source);
  } catch (thrown) {
    const error = asCiSigningError(thrown);
    throw new CiSigningError(
      error.code,
      `${lead} are not valid ci-results v1: ${error.message}`,
      error.fix,
      'verification',
    );
  }
}

function checkBinding(input: VerifyInput, results: CiResults): CheckResult {
  const expectedRepository = input.expected.repository;
  const expectedSha = input.expected.sha;
  const problems: string[] = [];
  if (results.repository.toLowerCase() !== expectedRepository.toLowerCase()) {
    problems.push(
      `repository "${results.repository}" but the expected repository is "${expectedRepository || '(not given)'}"`,
    );
  }
  if (results.commit.toLowerCase() !== expectedSha.toLowerCase()) {
    problems.push(`commit ${results.commit} but the expected commit is ${expectedSha || '(not given)'}`);
  }
  if (problems.length > 0) {
    throw new CiSigningError(
      'BINDING_MISMATCH',
      `${input.source} names ${problems.join(', and ')}.`,
      'These results belong to another commit or repository (a stale file or a replayed result): produce and ' +
        'sign results for this commit.',
      'verification',
    );
  }
  const bound = `The results are for ${results.repository} at commit ${results.commit}`;
  const run = input.expected.checkRun;
  if (!run) return { status: 'pass', detail: `${bound}, as expected.` };
  if (results.check !== undefined && results.check !== run.name) {
    throw new CiSigningError(
      'CHECK_NAME_MISMATCH',
      `${input.source} holds results signed for check ${describeName(results.check)}, not for "${run.name}", ` +
        `the run it was posted as.`,
      `A result of one check cannot stand in for another: post the results of "${run.name}" under that name.`,
      'verification',
    );
  }
  if (results.check === undefined && !run.soleName) {
    throw new CiSigningError(
      'CHECK_NAME_MISSING',
      `${input.source} does not name its check, and several check names are verified, so it could stand in for ` +
        `another.`,
      'Add `check` to the results (collect --check-name, or the root action) and sign them again.',
      'verification',
    );
  }
  if (results.check === undefined) {
    return {
      status: 'pass',
      detail: `${bound}, as expected; the result does not name its check (accepted: one check name is verified).`,
    };
  }
  return { status: 'pass', detail: `${bound}, check ${run.name}, as expected.` };
}

function checkFreshness(input: VerifyInput, signer: Signer | undefined, results: CiResults): CheckResult {
  const maxAge = input.policy.maxAgeSeconds;
  if (maxAge === null) return { status: 'pass', detail: 'Not checked: no max-age is set.' };
  let reference: Date;
  let event: { past: string; present: string };
  if (signer) {
    reference = signer.signedAt;
    event = { past: 'was signed', present: 'Signed' };
  } else {
    // Unsigned results have no signature time; their own (unproven) completedAt is the only clock there is.
    reference = new Date(results.completedAt ?? Number.NaN);
    event = { past: 'completed (completedAt, unsigned)', present: 'Completed (completedAt, unsigned)' };
    if (!Number.isFinite(reference.getTime())) {
      throw new CiSigningError(
        'RESULTS_AGE_UNKNOWN',
        `${input.source} is unsigned and has no usable completedAt, so its age cannot be checked against ` +
          `max-age ${formatSeconds(maxAge)}.`,
        'Sign the results, or write completedAt into them, or leave max-age empty.',
        'verification',
      );
    }
  }
  // A signature up to 5 minutes ahead of our clock is accepted by signing; count it as age 0.
  const ageSeconds = Math.max(0, Math.floor((input.now.getTime() - reference.getTime()) / 1000));
  if (ageSeconds > maxAge) {
    throw new CiSigningError(
      'RESULTS_TOO_OLD',
      `${input.source} ${event.past} ${formatSeconds(ageSeconds)} ago (${reference.toISOString()}), longer than ` +
        `max-age ${formatSeconds(maxAge)} allows.`,
      'Run CI again on the trusted runner to produce fresh signed results, or raise max-age.',
      'verification',
    );
  }
  return {
    status: 'pass',
    detail:
      `${event.present} ${formatSeconds(ageSeconds)} ago (${reference.toISOString()}), within max-age ` +
      `${formatSeconds(maxAge)}.`,
  };
}

function checkThresholds(input: VerifyInput, results: CiResults): CheckResult {
  const { policy } = input;
  const { passed, failed } = results.tests;
  const ran = passed + failed;
  const violations: string[] = [];
  const met: string[] = [];

  if (results.conclusion === 'success') met.push('conclusion success');
  else violations.push(`conclusion is ${results.conclusion}, not success`);

  if (failed <= policy.maxFailedTests) met.push(`${failed} failed (max-failed-tests ${policy.maxFailedTests})`);
  else violations.push(`${failed} tests failed, more than max-failed-tests ${policy.maxFailedTests}`);

  if (ran >= policy.minTests) met.push(`${ran} tests ran (min-tests ${policy.minTests})`);
  else violations.push(`${ran} tests ran (passed + failed), fewer than min-tests ${policy.minTests}`);

  if (policy.minCoverage !== null) {
    const lines = results.coverage?.lines;
    if (lines === undefined)
      violations.push(`no line coverage is reported, but min-coverage is ${policy.minCoverage}%`);
    else if (lines < policy.minCoverage)
      violations.push(`line coverage ${lines}% is below min-coverage ${policy.minCoverage}%`);
    else met.push(`line coverage ${lines}% (min-coverage ${policy.minCoverage}%)`);
  }

  if (violations.length > 0) {
    throw new CiSigningError(
      'THRESHOLDS_NOT_MET',
      `${input.source} does not meet the thresholds: ${violations.join('; ')}.`,
      'Fix the failing tests or coverage and run CI again; change the thresholds only if the policy itself is wrong.',
      'verification',
    );
  }
  return { status: 'pass', detail: `${met.join(', ')}.` };
}

/** No signature: none given, or only white space (an empty .asc file). */
function isBlank(signature: string | Uint8Array | null): signature is null {
  if (signature === null) return true;
  const text = typeof signature === 'string' ? signature : Buffer.from(signature.subarray(0, 4096)).toString('latin1');
  return text.trim() === '' && (typeof signature === 'string' || signature.length <= 4096);
}

function required<T>(value: T | undefined): T {
  // Unreachable by construction: a check only runs when every earlier one passed.
  if (value === undefined)
    throw new CiSigningError(
      'INTERNAL',
      'A verifier check ran before the results were parsed.',
      'Report this as a bug in ci-signing.',
      'internal',
    );
  return value;
}

function asCiSigningError(thrown: unknown): CiSigningError {
  if (thrown instanceof CiSigningError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new CiSigningError(
    'INTERNAL',
    `Verification broke unexpectedly: ${message}`,
    'Report this as a bug in ci-signing, with the command and inputs used.',
    'internal',
  );
}
