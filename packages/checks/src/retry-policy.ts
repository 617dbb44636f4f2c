// What to do with a failed GitHub request: retry (and how long to wait) or stop with a cause and a fix.
// Pure functions, so the policy is tested without a network.

import { safeLine } from '../../errors/src/index.js';
import type { GitHubRequestError } from './github-request-error.js';
import { gitHubMessage, permanentError, statusText, type RequestDescription } from './http-errors.js';

export type ResponseHeaders = Record<string, string | number | undefined>;

/** One failed HTTP attempt, classified. Retryable unless `permanent` is set. */
export interface AttemptFailure {
  /** The request may have been applied by GitHub although we got no answer saying so. */
  outcomeUnknown: boolean;
  /** Starts a log line: "GitHub answered 503 (Service Unavailable)". */
  description: string;
  status?: number;
  headers?: ResponseHeaders;
  /** The error to stop with: retrying cannot change this answer. */
  permanent?: GitHubRequestError;
  /** A rate-limit answer: retried within the waiting budget (rate-limit-wait), not the retries. */
  rateLimit?: 'primary' | 'secondary';
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { status: number; headers: ResponseHeaders; data: unknown };
}

// Network errors whose request never reached GitHub: a retry cannot duplicate anything.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** GitHub's docs: a secondary rate limit without retry-after means waiting at least a minute. */
export const SECONDARY_RATE_LIMIT_MIN_WAIT_MS = 60_000;

export function headerValue(headers: ResponseHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** Which rate limit an answer reports, if any. */
export function rateLimitKind(
  status: number,
  headers: ResponseHeaders | undefined,
  message: string,
): 'primary' | 'secondary' | undefined {
  if (status !== 429 && status !== 403) return undefined;
  if (/secondary rate limit/i.test(message)) return 'secondary';
  if (headerValue(headers, 'x-ratelimit-remaining') === '0') return 'primary';
  if (/rate limit/i.test(message)) return 'primary';
  // A 429 is a rate limit whatever it says; GitHub uses it for secondary limits.
  return status === 429 ? 'secondary' : undefined;
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

/** Our own per-attempt timeout fired: GitHub may have applied the request. */
export function timeoutFailure(timeoutMs: number): AttemptFailure {
  return { outcomeUnknown: true, description: `GitHub did not answer within ${seconds(timeoutMs)} s` };
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
  if (options.timedOut) return timeoutFailure(options.timeoutMs);
  const httpError = error as HttpErrorLike;
  const response = httpError?.response;
  if (!response) {
    const { code, message } = networkCode(error);
    const reason = code && !message.includes(code) ? `${code}: ${message}` : message;
    return {
      outcomeUnknown: !(code && NOT_SENT_CODES.has(code)),
      description: `The connection to GitHub failed (${safeLine(reason).replace(/\/\/[^/@\s]*@/g, '//')})`,
    };
  }
  const { status, headers, data } = response;
  const message = gitHubMessage(data);
  if (status >= 500 || status === 408) {
    return { outcomeUnknown: true, description: `GitHub answered ${statusText(status)}`, status, headers };
  }
  const rateLimit = rateLimitKind(status, headers, message);
  if (rateLimit) {
    return {
      outcomeUnknown: false,
      rateLimit,
      description: `GitHub answered ${statusText(status)}${message ? ` "${message}"` : ''}`,
      status,
      headers,
    };
  }
  return {
    outcomeUnknown: false,
    description: `GitHub answered ${statusText(status)}`,
    status,
    headers,
    permanent: permanentError(status, message, request),
  };
}

export interface WaitInput {
  /** The attempt that just failed, from 1 (counted per kind: failures, or rate-limit answers). */
  attempt: number;
  headers?: ResponseHeaders;
  /** Set for rate-limit answers. */
  rateLimit?: 'primary' | 'secondary';
  retryDelayMs: number;
  /** Cap on a failure's backoff; rate-limit waits are bounded by the waiting budget instead. */
  maxWaitMs: number;
  nowMs: number;
  /** [0, 1); jitter adds up to 10% of the backoff. */
  random: () => number;
}

export interface Wait {
  ms: number;
  /** Why this long, for the log line. */
  reason: 'retry-after' | 'rate-limit-reset' | 'secondary-rate-limit' | 'backoff';
}

/**
 * retry-after, else x-ratelimit-reset when the budget is spent, else (secondary limit) a minute doubling,
 * else exponential backoff. Failure waits are capped at maxWaitMs; rate-limit waits are what GitHub asks.
 */
export function computeWait(input: WaitInput): Wait {
  const cap = (ms: number) => Math.max(0, input.rateLimit ? ms : Math.min(ms, input.maxWaitMs));
  const retryAfter = parseRetryAfter(headerValue(input.headers, 'retry-after'), input.nowMs);
  if (retryAfter !== undefined) return { ms: cap(retryAfter), reason: 'retry-after' };
  const remaining = headerValue(input.headers, 'x-ratelimit-remaining');
  const reset = Number(headerValue(input.headers, 'x-ratelimit-reset'));
  // GitHub sends x-ratelimit-reset on every answer; it only matters once the budget is spent.
  if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
    // One second past the reset, as octokit's throttling does: the reset second itself may still refuse.
    return { ms: cap(reset * 1000 - input.nowMs + (input.rateLimit ? 1000 : 0)), reason: 'rate-limit-reset' };
  }
  if (input.rateLimit) {
    return { ms: SECONDARY_RATE_LIMIT_MIN_WAIT_MS * 2 ** (input.attempt - 1), reason: 'secondary-rate-limit' };
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

const BECAUSE: Record<Wait['reason'], string> = {
  'retry-after': ' as retry-after asks',
  'rate-limit-reset': ' until the rate limit resets',
  'secondary-rate-limit': ' (a secondary rate limit without retry-after: at least a minute)',
  backoff: '',
};

/**
 * "retrying in 4.0 s (attempt 2 of 4)" for a failure; for a rate limit the budget left instead of a count:
 * "retrying in 60.0 s (...; 9m 0s of rate-limit-wait left)".
 */
export function retryLogLine(
  failure: AttemptFailure,
  request: RequestDescription,
  wait: Wait,
  progress: string,
): string {
  return (
    `${failure.description} on ${request.method} ${request.path}; retrying in ${seconds(wait.ms)} ` +
    `s${BECAUSE[wait.reason]} (${progress})`
  );
}
