// The GitHub client: Octokit (from @actions/github) for the HTTP, async-retry as the one layer that retries.

import retry from 'async-retry';
import { getOctokit } from '@actions/github';
import { CiSigningError } from '../../errors/src/index.js';
import { formatSeconds, parseDuration } from '../../common/src/index.js';
import { DEFAULTS } from '../../defaults/src/index.js';
import { redactUrl, urlHasCredentials } from '../../common/src/index.js';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { GitHubRequestError } from './github-request-error.js';
import type { RequestDescription } from './http-errors.js';
import {
  classifyFailure,
  computeWait,
  retryLogLine,
  timeoutFailure,
  type AttemptFailure,
  type ResponseHeaders,
} from './retry-policy.js';

export type RequestParameters = Record<string, unknown>;

export interface GitHubResponse<T> {
  status: number;
  url: string;
  headers: ResponseHeaders;
  data: T;
}

/** A read made on behalf of another request: retried on its own, its attempts counted for both. */
export type LookupRequest = <T>(route: string, params?: RequestParameters) => Promise<GitHubResponse<T>>;

export interface RequestOptions<T> {
  /**
   * Called before re-sending a write after an attempt whose outcome is unknown (timeout, reset, 5xx):
   * look the write up with `lookup` and return its result if it was applied, or undefined to re-send.
   */
  reconcile?: (lookup: LookupRequest) => Promise<GitHubResponse<T> | undefined>;
}

export interface GitHubClient {
  readonly baseUrl: string;
  /** HTTP attempts made through this client (and its forks). */
  readonly attempts: number;
  /** The only place that retries. Throws GitHubRequestError. */
  request<T>(route: string, params?: RequestParameters, options?: RequestOptions<T>): Promise<GitHubResponse<T>>;
  /**
   * A GET sent with If-None-Match: `etag`; 'not-modified' when GitHub answers 304 (which does not count
   * against the primary rate limit). Retries like `request`.
   */
  requestIfChanged<T>(
    route: string,
    params: RequestParameters,
    etag: string | undefined,
  ): Promise<GitHubResponse<T> | 'not-modified'>;
  /** The same connection and settings with its own attempts counter (which still adds to this one's). */
  fork(): GitHubClient;
}

export interface GitHubClientOptions {
  token: string;
  baseUrl: string;
  /** Retries after the first attempt. */
  retries?: number;
  /** First backoff; doubles per attempt. */
  retryDelayMs?: number;
  requestTimeoutMs?: number;
  /** Cap on one failure's backoff (and a retry-after sent with a 5xx). */
  maxWaitMs?: number;
  /** Total time rate-limit answers may make a request wait (rate-limit-wait); default 10 minutes. */
  rateLimitWaitMs?: number;
  log: (line: string) => void;
  /** [0, 1) source for the backoff jitter. */
  random?: () => number;
}

interface Settings {
  retries: number;
  retryDelayMs: number;
  requestTimeoutMs: number;
  maxWaitMs: number;
  rateLimitWaitMs: number;
  log: (line: string) => void;
  random: () => number;
}

type OctokitInstance = ReturnType<typeof getOctokit>;

/** One attempt's outcome: sendOnce never throws, so the retry loop sees one classified failure per attempt. */
type Attempt<T> = { response: GitHubResponse<T> } | { notModified: true } | { failure: AttemptFailure };

/** Thrown inside async-retry's loop to end it (async-retry stops on an error with `bail: true`). */
class StopRetrying extends Error {
  readonly bail = true;
  constructor(readonly error: unknown) {
    super('stop retrying');
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const settings: Settings = {
    retries: options.retries ?? Number(DEFAULTS.retries),
    retryDelayMs: options.retryDelayMs ?? Number(DEFAULTS['retry-delay']) * 1000,
    requestTimeoutMs: options.requestTimeoutMs ?? Number(DEFAULTS['request-timeout']) * 1000,
    maxWaitMs: options.maxWaitMs ?? 120000,
    rateLimitWaitMs:
      options.rateLimitWaitMs ?? parseDuration(DEFAULTS['rate-limit-wait'], { name: 'rate-limit-wait' }) * 1000,
    log: options.log,
    random: options.random ?? Math.random,
  };
  if (!options.token) {
    throw new CiSigningError(
      'GITHUB_TOKEN_MISSING',
      'No GitHub token was given.',
      'Pass a token with checks: write (GITHUB_TOKEN in Actions) or GitHub App credentials.',
      'github',
    );
  }
  const baseUrl = String(options.baseUrl ?? '')
    .trim()
    .replace(/\/+$/, '');
  // Credentials in the URL would be echoed by fetch's own errors; the token is the only credential.
  if (urlHasCredentials(baseUrl)) {
    throw new CiSigningError(
      'GITHUB_API_URL_INVALID',
      `The GitHub API URL ${redactUrl(baseUrl)} holds a user or password before the host (not shown).`,
      'Remove the credentials from the URL (--api-url or GITHUB_API_URL); the token goes in GITHUB_TOKEN or the ' +
        'token input.',
      'github',
    );
  }
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new CiSigningError(
      'GITHUB_API_URL_INVALID',
      `The GitHub API URL (${redactUrl(baseUrl)}) is not an http(s) URL.`,
      'Use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server (GITHUB_API_URL).',
      'github',
    );
  }
  const octokit = getOctokit(options.token, {
    // @actions/github reads GITHUB_API_URL once at import, so the base URL is always passed explicitly.
    baseUrl,
    // Keep @actions/github's proxy-aware fetch; octokit's retry/throttle plugins (not bundled by
    // @actions/github 9, disabled here in case they ever are) must not retry behind our back.
    request: { ...actionsDefaults.request, retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return buildClient(octokit, baseUrl, settings, []);
}

interface Counter {
  count: number;
}

function buildClient(
  octokit: OctokitInstance,
  baseUrl: string,
  settings: Settings,
  parentCounters: Counter[],
): GitHubClient {
  const counter: Counter = { count: 0 };
  const counters = [counter, ...parentCounters];

  const describe = (route: string, params: RequestParameters | undefined): RequestDescription => {
    const endpoint = octokit.request.endpoint(route, params ?? {});
    const url = new URL(endpoint.url, `${baseUrl}/`);
    const basePath = new URL(`${baseUrl}/`).pathname.replace(/\/$/, '');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const owner = params?.owner;
    const repo = params?.repo;
    return {
      method: endpoint.method,
      path,
      repository: typeof owner === 'string' && typeof repo === 'string' ? `${owner}/${repo}` : undefined,
    };
  };

  /** One HTTP attempt with the per-attempt timeout; never retries, never throws. */
  const sendOnce = async <T>(
    route: string,
    params: RequestParameters | undefined,
    requestCounters: Counter[],
  ): Promise<Attempt<T>> => {
    for (const c of [...counters, ...requestCounters]) c.count++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.requestTimeoutMs);
    try {
      const response = await octokit.request(route, { ...params, request: { signal: controller.signal } });
      if (timedOut) return { failure: timeoutFailure(settings.requestTimeoutMs) };
      // Octokit turns a JSON body cut off mid-way (reset, timeout while reading) into a string.
      const contentType = String(response.headers['content-type'] ?? '');
      if (contentType.includes('json') && typeof response.data === 'string') {
        return { failure: { outcomeUnknown: true, description: "GitHub's answer was cut off" } };
      }
      return { response: response as unknown as GitHubResponse<T> };
    } catch (error) {
      // Octokit reports a 304 (only possible after If-None-Match) as an error.
      if (!timedOut && (error as { status?: unknown })?.status === 304) return { notModified: true };
      return {
        failure: classifyFailure(error, describe(route, params), { timedOut, timeoutMs: settings.requestTimeoutMs }),
      };
    } finally {
      clearTimeout(timer);
    }
  };

  /** `outer` counts the attempts of the requests this one is made for (a lookup for a write). */
  const send = async <T>(
    route: string,
    params: RequestParameters | undefined,
    options: RequestOptions<T>,
    outer: Counter[],
  ): Promise<GitHubResponse<T> | 'not-modified'> => {
    const description = describe(route, params);
    const maxAttempts = settings.retries + 1;
    const own: Counter = { count: 0 };
    const requestCounters = [own, ...outer];
    const lookup: LookupRequest = (lookupRoute, lookupParams) =>
      request(lookupRoute, lookupParams, {}, requestCounters);
    // Sticky: once an attempt may have been applied, later attempts look before they write again.
    let outcomeUnknown = false;
    let waitMs = 0;
    let failures = 0;
    let rateLimitedAnswers = 0;
    let rateLimitWaitedMs = 0;
    // The waits come from each answer (retry-after, x-ratelimit-reset) and from a time budget, so they are
    // computed here and slept at the start of the next attempt; async-retry only repeats (forever, no delay
    // of its own) until an attempt succeeds or throws StopRetrying.
    const attempt = async (): Promise<GitHubResponse<T> | 'not-modified'> => {
      if (waitMs > 0) await sleep(waitMs);
      if (outcomeUnknown && options.reconcile) {
        let applied: GitHubResponse<T> | undefined;
        try {
          applied = await options.reconcile(lookup);
        } catch (error) {
          // The lookup had its own retries; without its answer the write cannot be safely re-sent.
          throw new StopRetrying(lookupFailed(error, description, own.count));
        }
        if (applied) return applied;
        outcomeUnknown = false;
      }
      const outcome = await sendOnce<T>(route, params, requestCounters);
      if ('response' in outcome) return outcome.response;
      if ('notModified' in outcome) return 'not-modified';
      const { failure } = outcome;
      if (failure.permanent) throw new StopRetrying(withAttempts(failure.permanent, own.count));
      outcomeUnknown ||= failure.outcomeUnknown;
      const nowMs = Date.now();
      if (failure.rateLimit) {
        // Rate-limit answers say when to come back; they are budgeted by total waiting time
        // (rate-limit-wait), so that honouring them does not use up the retries meant for failures.
        rateLimitedAnswers++;
        const wait = computeWait({
          attempt: rateLimitedAnswers,
          headers: failure.headers,
          rateLimit: failure.rateLimit,
          ...waitSettings(nowMs),
        });
        // Each wait is charged at least a second, so that a server asking for 0 s cannot loop forever.
        const charged = Math.max(wait.ms, 1000);
        if (rateLimitWaitedMs + charged > settings.rateLimitWaitMs) {
          throw new StopRetrying(
            rateLimitBudgetSpent(
              failure,
              description,
              own.count,
              rateLimitWaitedMs,
              wait.ms,
              settings.rateLimitWaitMs,
              outcomeUnknown,
            ),
          );
        }
        rateLimitWaitedMs += charged;
        waitMs = wait.ms;
        const left = formatSeconds(Math.floor((settings.rateLimitWaitMs - rateLimitWaitedMs) / 1000));
        settings.log(
          retryLogLine(failure, description, wait, `${failure.rateLimit} rate limit; ${left} of rate-limit-wait left`),
        );
      } else {
        failures++;
        if (failures >= maxAttempts) throw new StopRetrying(exhausted(failure, description, own.count, outcomeUnknown));
        const wait = computeWait({ attempt: failures, headers: failure.headers, ...waitSettings(nowMs) });
        waitMs = wait.ms;
        settings.log(retryLogLine(failure, description, wait, `attempt ${failures} of ${maxAttempts}`));
      }
      throw new Error(failure.description);
    };
    try {
      return await retry(attempt, {
        forever: true,
        retries: 1,
        factor: 1,
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
      });
    } catch (error) {
      throw error instanceof StopRetrying ? error.error : error;
    }
  };

  const waitSettings = (nowMs: number) => ({
    retryDelayMs: settings.retryDelayMs,
    maxWaitMs: settings.maxWaitMs,
    nowMs,
    random: settings.random,
  });

  const request = async <T>(
    route: string,
    params: RequestParameters | undefined,
    options: RequestOptions<T>,
    outer: Counter[],
  ): Promise<GitHubResponse<T>> => {
    const response = await send<T>(route, params, options, outer);
    if (response === 'not-modified') {
      // Only a request with If-None-Match can be answered 304; request() never sends one.
      throw new GitHubRequestError(
        'GITHUB_UNEXPECTED_304',
        `GitHub answered 304 (Not Modified) to ${route} without a conditional request.`,
        'Report this as a bug in ci-signing.',
      );
    }
    return response;
  };

  return {
    baseUrl,
    get attempts() {
      return counter.count;
    },
    request: (route, params, options = {}) => request(route, params, options, []),
    requestIfChanged: (route, params, etag) =>
      send(
        route,
        etag ? { ...params, headers: { ...(params.headers as object | undefined), 'if-none-match': etag } } : params,
        {},
        [],
      ),
    fork: () => buildClient(octokit, baseUrl, settings, counters),
  };
}

function withAttempts(error: GitHubRequestError, attempts: number): GitHubRequestError {
  return new GitHubRequestError(error.code, error.message, error.fix, {
    status: error.status,
    outcomeUnknown: false,
    attempts,
  });
}

function lookupFailed(error: unknown, request: RequestDescription, attempts: number): unknown {
  if (!(error instanceof GitHubRequestError)) return error;
  return new GitHubRequestError(
    error.code,
    `${error.message.replace(/\.$/, '')} while checking whether an earlier ${request.method} ${request.path} ` +
      `had been applied.`,
    error.fix,
    { status: error.status, outcomeUnknown: true, attempts },
  );
}

function exhausted(
  failure: AttemptFailure,
  request: RequestDescription,
  attempts: number,
  outcomeUnknown: boolean,
): GitHubRequestError {
  return new GitHubRequestError(
    'GITHUB_RETRIES_EXHAUSTED',
    `${request.method} ${request.path} still failed after ${attempts} HTTP attempt${attempts === 1 ? '' : 's'}; ` +
      `the last failure: ${failure.description}.`,
    'GitHub or the network is having trouble: run the step again later (posting is idempotent, a re-run updates ' +
      'the same check run), or raise retries / retry-delay.',
    { status: failure.status, outcomeUnknown, attempts },
  );
}

function rateLimitBudgetSpent(
  failure: AttemptFailure,
  request: RequestDescription,
  attempts: number,
  waitedMs: number,
  askedMs: number,
  budgetMs: number,
  outcomeUnknown: boolean,
): GitHubRequestError {
  const waited = formatSeconds(Math.round(waitedMs / 1000));
  const asked = formatSeconds(Math.ceil(askedMs / 1000));
  return new GitHubRequestError(
    'GITHUB_RATE_LIMITED',
    `${request.method} ${request.path} is still rate limited (${failure.description}) after waiting ${waited}; ` +
      `GitHub asks for ${asked} more, beyond rate-limit-wait ${formatSeconds(Math.round(budgetMs / 1000))}.`,
    'Run the step again later (posting is idempotent), raise rate-limit-wait, or post from fewer jobs at once.',
    { status: failure.status, outcomeUnknown, attempts },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
