// The GitHub client: Octokit (from @actions/github) for the HTTP, async-retry as the one layer that retries.

import retry from 'async-retry';
import { getOctokit } from '@actions/github';
import { CiSigningError } from '../../errors/src/index.js';
import { DEFAULTS } from '../../defaults/src/index.js';
import { redactUrl, urlHasCredentials } from '../../common/src/index.js';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import {
  GitHubRequestError,
  classifyFailure,
  computeWait,
  retryLogLine,
  type AttemptFailure,
  type RequestDescription,
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
  /** Cap on any single wait, whatever the headers ask. */
  maxWaitMs?: number;
  log: (line: string) => void;
  /** [0, 1) source for the backoff jitter. */
  random?: () => number;
}

interface Settings {
  retries: number;
  retryDelayMs: number;
  requestTimeoutMs: number;
  maxWaitMs: number;
  log: (line: string) => void;
  random: () => number;
}

type OctokitInstance = ReturnType<typeof getOctokit>;

/** Thrown inside the retry loop so the loop sees one classified failure per attempt. */
class AttemptFailedError extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.description);
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const settings: Settings = {
    retries: options.retries ?? Number(DEFAULTS.retries),
    retryDelayMs: options.retryDelayMs ?? Number(DEFAULTS['retry-delay']) * 1000,
    requestTimeoutMs: options.requestTimeoutMs ?? Number(DEFAULTS['request-timeout']) * 1000,
    maxWaitMs: options.maxWaitMs ?? 120000,
    log: options.log,
    random: options.random ?? Math.random,
  };
  if (!options.token) {
    throw new CiSigningError('GITHUB_TOKEN_MISSING', 'No GitHub token was given.', 'Pass a token with checks: write (GITHUB_TOKEN in Actions) or GitHub App credentials.', 'github');
  }
  const baseUrl = String(options.baseUrl ?? '').trim().replace(/\/+$/, '');
  // Credentials in the URL would be echoed by fetch's own errors; the token is the only credential.
  if (urlHasCredentials(baseUrl)) {
    throw new CiSigningError(
      'GITHUB_API_URL_INVALID',
      `The GitHub API URL ${redactUrl(baseUrl)} holds a user or password before the host (not shown).`,
      'Remove the credentials from the URL (--api-url or GITHUB_API_URL); the token goes in GITHUB_TOKEN or the token input.',
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

function buildClient(octokit: OctokitInstance, baseUrl: string, settings: Settings, parentCounters: Counter[]): GitHubClient {
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

  /** One HTTP attempt with the per-attempt timeout; never retries. */
  const sendOnce = async <T>(route: string, params: RequestParameters | undefined, requestCounters: Counter[]): Promise<GitHubResponse<T>> => {
    for (const c of [...counters, ...requestCounters]) c.count++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.requestTimeoutMs);
    try {
      const response = await octokit.request(route, { ...params, request: { signal: controller.signal } });
      // Octokit turns a JSON body cut off mid-way (reset, timeout while reading) into a string.
      const contentType = String(response.headers['content-type'] ?? '');
      if (timedOut || (contentType.includes('json') && typeof response.data === 'string')) {
        throw new AttemptFailedError({
          transient: true,
          outcomeUnknown: true,
          description: timedOut ? `GitHub did not answer within ${(settings.requestTimeoutMs / 1000).toFixed(1)} s` : 'GitHub\'s answer was cut off',
        });
      }
      return response as unknown as GitHubResponse<T>;
    } catch (error) {
      if (error instanceof AttemptFailedError) throw error;
      throw new AttemptFailedError(classifyFailure(error, describe(route, params), { timedOut, timeoutMs: settings.requestTimeoutMs }));
    } finally {
      clearTimeout(timer);
    }
  };

  /** `outer` counts the attempts of the requests this one is made for (a lookup for a write). */
  const request = async <T>(route: string, params: RequestParameters | undefined, options: RequestOptions<T>, outer: Counter[]): Promise<GitHubResponse<T>> => {
    const description = describe(route, params);
    const maxAttempts = settings.retries + 1;
    const own: Counter = { count: 0 };
    const requestCounters = [own, ...outer];
    const lookup: LookupRequest = (lookupRoute, lookupParams) => request(lookupRoute, lookupParams, {}, requestCounters);
    // Sticky: once an attempt may have been applied, later attempts look before they write again.
    let outcomeUnknown = false;
    let waitMs = 0;
    let transientFailures = 0;
    let rateLimitedAnswers = 0;
    const result = await retry<GitHubResponse<T> | undefined>(
      async (bail, attempt) => {
        if (attempt > 1 && waitMs > 0) await sleep(waitMs);
        if (outcomeUnknown && options.reconcile) {
          let applied: GitHubResponse<T> | undefined;
          try {
            applied = await options.reconcile(lookup);
          } catch (error) {
            // The lookup had its own retries; without its answer the write cannot be safely re-sent.
            bail(lookupFailed(error, description, own.count));
            return undefined;
          }
          if (applied) return applied;
          outcomeUnknown = false;
        }
        try {
          return await sendOnce<T>(route, params, requestCounters);
        } catch (error) {
          const failure = error instanceof AttemptFailedError ? error.failure : classifyFailure(error, description, { timedOut: false, timeoutMs: settings.requestTimeoutMs });
          if (failure.permanent) {
            bail(withAttempts(failure.permanent, own.count));
            return undefined;
          }
          outcomeUnknown ||= failure.outcomeUnknown;
          // Rate-limit answers say when to come back; they have a budget of their own, so that honouring
          // them does not use up the retries meant for failures (as octokit's throttling and retry plugins split it).
          const failures = failure.rateLimited ? ++rateLimitedAnswers : ++transientFailures;
          if (failures >= maxAttempts) {
            bail(exhausted(failure, description, own.count, outcomeUnknown));
            return undefined;
          }
          const wait = computeWait({
            attempt: failures,
            headers: failure.headers,
            retryDelayMs: settings.retryDelayMs,
            maxWaitMs: settings.maxWaitMs,
            nowMs: Date.now(),
            random: settings.random,
          });
          waitMs = wait.ms;
          settings.log(retryLogLine(failure, description, wait, failures, maxAttempts));
          throw error;
        }
      },
      // async-retry drives the attempts; the wait is ours (computed from the answer), so its own is zero.
      // Enough attempts for both budgets; the loop above decides when to stop.
      { retries: settings.retries * 2, factor: 1, minTimeout: 0, maxTimeout: 0, randomize: false },
    );
    return result as GitHubResponse<T>;
  };

  return {
    baseUrl,
    get attempts() {
      return counter.count;
    },
    request: (route, params, options = {}) => request(route, params, options, []),
    fork: () => buildClient(octokit, baseUrl, settings, counters),
  };
}

function withAttempts(error: GitHubRequestError, attempts: number): GitHubRequestError {
  return new GitHubRequestError(error.code, error.message, error.fix, { status: error.status, outcomeUnknown: false, attempts });
}

function lookupFailed(error: unknown, request: RequestDescription, attempts: number): unknown {
  if (!(error instanceof GitHubRequestError)) return error;
  return new GitHubRequestError(
    error.code,
    `${error.message.replace(/\.$/, '')} while checking whether an earlier ${request.method} ${request.path} had been applied.`,
    error.fix,
    { status: error.status, outcomeUnknown: true, attempts },
  );
}

function exhausted(failure: AttemptFailure, request: RequestDescription, attempts: number, outcomeUnknown: boolean): GitHubRequestError {
  return new GitHubRequestError(
    'GITHUB_RETRIES_EXHAUSTED',
    `${request.method} ${request.path} still failed after ${attempts} HTTP attempt${attempts === 1 ? '' : 's'}; the last failure: ${failure.description}.`,
    'GitHub or the network is having trouble: run the step again later (posting is idempotent, a re-run updates the same check run), or raise retries / retry-delay.',
    { status: failure.status, outcomeUnknown, attempts },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
