import { CiSigningError, UsageError } from '../../errors/src/index.js';
import { readResultsFile } from '../../results/src/index.js';
import {
  describeName,
  parseDuration,
  parseNonNegativeInteger,
  readBoundedFile,
  readOptionalFile,
} from '../../common/src/index.js';
import { DEFAULTS, LIMITS, withDefault } from '../../defaults/src/index.js';
import { inspectSignature } from '../../signing/src/index.js';
import { createGitHubClient, postResults, type GitHubClient } from '../../checks/src/index.js';
import { SIGNATURE_FILE } from './input-files.js';

export interface PostRequest {
  resultsFile: string;
  /** '' = `<results-file>.asc` when it exists, else post unsigned. */
  signatureFile: string;
  token: string;
  checkName: string;
  /** '' = 3. */
  retries: string;
  /** Seconds; '' = 2. */
  retryDelay: string;
  /** Seconds; '' = 30. */
  requestTimeout: string;
  /** Total time rate-limit answers may make one request wait, a duration; '' = 10m. */
  rateLimitWait?: string;
  apiUrl: string;
  detailsUrl?: string;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** A prepared client (GitHub App token, tests); otherwise one is made from token and apiUrl. */
  client?: GitHubClient;
}

export interface PostOutcome {
  checkRunId: number;
  checkRunUrl: string;
  attempts: number;
  signed: boolean;
  created: boolean;
}

export async function postResultsFile(request: PostRequest): Promise<PostOutcome> {
  const retries = parseNonNegativeInteger('retries', withDefault('retries', request.retries), LIMITS.maxRetries);
  const retryDelayMs = parseSeconds('retry-delay', withDefault('retry-delay', request.retryDelay), true) * 1000;
  const requestTimeoutMs =
    parseSeconds('request-timeout', withDefault('request-timeout', request.requestTimeout), false) * 1000;
  const rateLimitWaitMs =
    parseDuration(withDefault('rate-limit-wait', request.rateLimitWait), {
      name: 'rate-limit-wait',
      zeroAllowed: true,
      example: '10m',
    }) * 1000;
  const checkName = withDefault('check-name', request.checkName).trim();

  // Everything is read and checked before the first request, so a bad input never leaves a half-posted run.
  const { bytes, results } = await readResultsFile(request.resultsFile);
  if (results.check !== undefined && results.check !== checkName) {
    // The verifier would reject it (binding): posting it would only leave a run that can never verify.
    throw new CiSigningError(
      'CHECK_NAME_MISMATCH',
      `${request.resultsFile} names check ${describeName(results.check)}, but it was to be posted as ` +
        `"${checkName}"; nothing was posted.`,
      `Set check-name to the check the results name, or collect them again with --check-name ${checkName}.`,
    );
  }
  const signature = await readSignature(request);
  // Only armor is posted: a binary signature (gpg --detach-sign) is re-armored here.
  const signer = signature
    ? await describeSignature(signature, request.signatureFile || `${request.resultsFile}.asc`)
    : null;
  if (!signature)
    request.warn(
      `posting ${request.resultsFile} unsigned: the verifier rejects it unless allow-unsigned is set. Sign it ` +
        `first (sign action or ci-signing sign).`,
    );

  const client =
    request.client ??
    (() => {
      if (!request.token)
        throw new UsageError(
          'no GitHub token',
          'Pass token (default github.token, with checks: write) or set GITHUB_TOKEN; the CLI also takes GitHub ' +
            'App credentials.',
        );
      return createGitHubClient({
        token: request.token,
        baseUrl: request.apiUrl,
        retries,
        retryDelayMs,
        requestTimeoutMs,
        rateLimitWaitMs,
        log: request.log,
      });
    })();

  const posted = await postResults({
    client,
    repository: results.repository,
    resultsBytes: bytes,
    results,
    signature: signer?.armored ?? null,
    checkName,
    signerFingerprint: signer?.fingerprint,
    signingKeyId: signer?.signingKeyId,
    detailsUrl: request.detailsUrl,
    log: request.log,
  });
  return {
    checkRunId: posted.checkRunId,
    checkRunUrl: posted.htmlUrl,
    attempts: posted.attempts,
    signed: posted.signed,
    created: posted.created,
  };
}

async function readSignature(request: PostRequest): Promise<Uint8Array | null> {
  if (request.signatureFile) return readBoundedFile(request.signatureFile, SIGNATURE_FILE);
  return readOptionalFile(`${request.resultsFile}.asc`, SIGNATURE_FILE);
}

/** The signer as the signature itself names it, for the check run's title and summary; armor to post. */
async function describeSignature(
  signature: Uint8Array,
  path: string,
): Promise<{ armored: string; signingKeyId: string; fingerprint?: string }> {
  let inspected;
  try {
    inspected = await inspectSignature(signature);
  } catch (error) {
    if (!(error instanceof CiSigningError)) throw error;
    throw new CiSigningError(
      error.code,
      `${path}: ${error.message}`,
      'Point signature-file at the signature file the sign step wrote.',
    );
  }
  const [first] = inspected.signers;
  return { armored: inspected.armored, signingKeyId: first.signingKeyId, fingerprint: first.fingerprint };
}

function parseSeconds(name: string, value: string, zeroAllowed: boolean): number {
  const seconds = Number(value.trim());
  if (!value.trim() || !Number.isFinite(seconds) || seconds < 0 || (!zeroAllowed && seconds === 0) || seconds > 3600) {
    throw new UsageError(
      `${name} must be a number of seconds${zeroAllowed ? '' : ' above 0'}, got '${value}'`,
      `Set ${name} to e.g. ${DEFAULTS[name === 'retry-delay' ? 'retry-delay' : 'request-timeout']}.`,
    );
  }
  return seconds;
}
