// What to do with a failed GitHub request: retry (and how long to wait) or stop with a cause and a fix.
// Pure functions, so the policy is tested without a network.

import { STATUS_CODES } from 'node:http';
import { CiSigningError, safeLine } from '../../errors/src/index.js';

export type ResponseHeaders = Record<string, string | number | undefined>;

/** The error thrown when GitHub refuses a request or retries run out; carries what callers need to react. */
export class GitHubRequestError extends CiSigningError {
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** True when a write may have been applied although no answer said so (timeout, reset, 5xx). */
  readonly outcomeUnknown: boolean;
  /** HTTP attempts made for this request. */
  readonly attempts: number;

  constructor(
    code: string,
    message: string,
    fix: string,
    details: { status?: number; outcomeUnknown?: boolean; attempts?: number } = {},
  ) {
    super(code, message, fix, 'github');
    this.name = 'GitHubRequestError';
    this.status = details.status;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.attempts = details.attempts ?? 1;
  }
}

/** One failed HTTP attempt, classified. */
export interface AttemptFailure {
  /** Retrying may succeed. */
  transient: boolean;
  /** The request may have been applied by GitHub although we got no answer saying so. */
  outcomeUnknown: boolean;
  /** Starts a log line: "GitHub answered 503 (Service Unavailable)". */
  description: string;
  status?: number;
  headers?: ResponseHeaders;
  /** Set when not transient: the error to stop with. */
  permanent?: GitHubRequestError;
  /** A rate-limit answer (429 or a rate-limit 403): GitHub said when to retry. */
  rateLimited?: boolean;
}

export interface RequestDescription {
  method: string;
  /** Path without the base URL and query, e.g. /repos/o/r/check-runs. */
  path: string;
  /** "owner/name" when the route names a repository. */
  repository?: string;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { status: number; headers: ResponseHeaders; data: unknown };
}

// Network errors whose request never reached GitHub: a retry cannot duplicate anything.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function statusText(status: number): string {
  return `${status} (${STATUS_CODES[status] ?? 'Unknown'})`;
}

/** GitHub's own message from an error body (JSON or text), on one line. */
export function gitHubMessage(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
    const errors = 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
    const details = errors
      .map((item: unknown) =>
        typeof item === 'string' ? item : item && typeof item === 'object' && 'message' in item ? String(item.message) : JSON.stringify(item),
      )
      .filter(Boolean);
    // A remote body: no terminal escapes, and bounded.
    return safeLine(details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message).slice(0, 300);
  }
  if (typeof data === 'string' && data.trim() && !/^\s*</.test(data)) return safeLine(data).slice(0, 300);
  return '';
}

function headerValue(headers: ResponseHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

export function isRateLimited(status: number, headers: ResponseHeaders | undefined, message: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return /rate limit/i.test(message) || headerValue(headers, 'x-ratelimit-remaining') === '0';
}

/** The innermost error code of a network failure (undici nests them in `cause`). */
function networkCode(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  let code: string | undefined;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') code = candidate.code;
    if (typeof candidate.message === 'string' && candidate.message) message = candidate.message;
    current = candidate.cause;
  }
  return { code, message };
}

/**
 * Classifies one failed attempt.
 * @param timedOut the attempt was aborted by our own per-attempt timeout
 */
export function classifyFailure(
  error: unknown,
  request: RequestDescription,
  options: { timedOut: boolean; timeoutMs: number },
): AttemptFailure {
  if (options.timedOut) {
    return {
      transient: true,
      outcomeUnknown: true,
      description: `GitHub did not answer within ${seconds(options.timeoutMs)} s`,
    };
  }
  const httpError = error as HttpErrorLike;
  const response = httpError?.response;
  if (!response) {
    const { code, message } = networkCode(error);
    const reason = code && !message.includes(code) ? `${code}: ${message}` : message;
    return {
      transient: true,
      outcomeUnknown: !(code && NOT_SENT_CODES.has(code)),
      description: `The connection to GitHub failed (${safeLine(reason).replace(/\/\/[^/@\s]*@/g, '//')})`,
    };
  }
  const { status, headers, data } = response;
  const message = gitHubMessage(data);
  if (status >= 500 || status === 408) {
    return { transient: true, outcomeUnknown: true, description: `GitHub answered ${statusText(status)}`, status, headers };
  }
  if (isRateLimited(status, headers, message)) {
    return {
      transient: true,
      outcomeUnknown: false,
      rateLimited: true,
      description: `GitHub answered ${statusText(status)}${message ? ` "${message}"` : ''}`,
      status,
      headers,
    };
  }
  return { transient: false, outcomeUnknown: false, description: `GitHub answered ${statusText(status)}`, status, headers, permanent: permanentError(status, message, request) };
}

/** The cause and the fix for an answer that retrying cannot change. */
export function permanentError(status: number, message: string, request: RequestDescription): GitHubRequestError {
  const where = `${request.method} ${request.path}`;
  const said = message ? `: "${message}"` : '';
  const writing = request.method !== 'GET';
  const repository = request.repository ?? 'the repository';
  if (status === 401) {
    return new GitHubRequestError(
      'GITHUB_BAD_TOKEN',
      `GitHub refused the token (${statusText(status)}${said}) on ${where}.`,
      'Pass a valid, unexpired token: in Actions the default `${{ github.token }}`; for the CLI, GitHub App credentials (--app-id, --app-private-key-file) or GITHUB_TOKEN.',
      { status },
    );
  }
  if (status === 403 && /resource not accessible by integration/i.test(message)) {
    return new GitHubRequestError(
      'GITHUB_TOKEN_LACKS_CHECKS_PERMISSION',
      `The token lacks \`checks: ${writing ? 'write' : 'read'}\` on ${repository} (GitHub answered 403 "Resource not accessible by integration" on ${where}).`,
      writing
        ? 'Add `permissions: checks: write` to the job. Pull requests from forks only get read-only tokens: post from a trusted event (push, or the trusted runner) instead.'
        : 'Add `permissions: checks: read` (and `contents: read`) to the job.',
      { status },
    );
  }
  if (status === 403 && /must authenticate via a github app/i.test(message)) {
    return new GitHubRequestError(
      'GITHUB_TOKEN_CANNOT_WRITE_CHECKS',
      `A personal access token was used on ${where}; GitHub lets only GitHub Apps create check runs ("You must authenticate via a GitHub App").`,
      'Use GITHUB_TOKEN in Actions, or GitHub App credentials (--app-id and --app-private-key-file) with the CLI.',
      { status },
    );
  }
  if (status === 403) {
    return new GitHubRequestError(
      'GITHUB_FORBIDDEN',
      `GitHub refused ${where} (${statusText(status)}${said}).`,
      `Give the token access to ${repository} with \`checks: ${writing ? 'write' : 'read'}\`.`,
      { status },
    );
  }
  if (status === 404) {
    return new GitHubRequestError(
      'GITHUB_NOT_FOUND',
      `GitHub answered 404 (Not Found) on ${where}: ${repository} does not exist or the token cannot see it.`,
      'Check the repository name (owner/name) and that the token belongs to that repository (GITHUB_TOKEN only sees its own repository).',
      { status },
    );
  }
  if (status === 422) {
    return new GitHubRequestError(
      'GITHUB_VALIDATION_FAILED',
      `GitHub rejected ${where} as invalid (${statusText(status)}${said}).`,
      'Check the commit sha exists in the repository and the results respect GitHub\'s limits; the message above names the field.',
      { status },
    );
  }
  return new GitHubRequestError(
    'GITHUB_REQUEST_REJECTED',
    `GitHub rejected ${where} (${statusText(status)}${said}).`,
    'This is not a temporary failure, so it was not retried; check the repository, the token and the request named above.',
    { status },
  );
}

export interface WaitInput {
  /** The attempt that just failed, from 1. */
  attempt: number;
  headers?: ResponseHeaders;
  retryDelayMs: number;
  maxWaitMs: number;
  nowMs: number;
  /** [0, 1); jitter adds up to 10% of the backoff. */
  random: () => number;
}

export interface Wait {
  ms: number;
  /** Why this long, for the log line. */
  reason: 'retry-after' | 'rate-limit-reset' | 'backoff';
}

/** retry-after, else x-ratelimit-reset when the budget is spent, else exponential backoff; always capped. */
export function computeWait(input: WaitInput): Wait {
  const cap = (ms: number) => Math.max(0, Math.min(ms, input.maxWaitMs));
  const retryAfter = parseRetryAfter(headerValue(input.headers, 'retry-after'), input.nowMs);
  if (retryAfter !== undefined) return { ms: cap(retryAfter), reason: 'retry-after' };
  const remaining = headerValue(input.headers, 'x-ratelimit-remaining');
  const reset = Number(headerValue(input.headers, 'x-ratelimit-reset'));
  // GitHub sends x-ratelimit-reset on every answer; it only matters once the budget is spent.
  if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
    return { ms: cap(reset * 1000 - input.nowMs), reason: 'rate-limit-reset' };
  }
  const backoff = input.retryDelayMs * 2 ** (input.attempt - 1);
  const jitter = backoff * 0.1 * input.random();
  return { ms: cap(Math.round(backoff + jitter)), reason: 'backoff' };
}

function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - nowMs;
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** "retrying in 4.0 s (attempt 2 of 4)"-style log line for one wait. */
export function retryLogLine(failure: AttemptFailure, request: RequestDescription, wait: Wait, attempt: number, maxAttempts: number): string {
  const because = wait.reason === 'retry-after' ? ' as retry-after asks' : wait.reason === 'rate-limit-reset' ? ' until the rate limit resets' : '';
  return `${failure.description} on ${request.method} ${request.path}; retrying in ${seconds(wait.ms)} s${because} (attempt ${attempt} of ${maxAttempts})`;
}
