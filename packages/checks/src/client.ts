// The GitHub client: Octokit (from @actions/github) for the HTTP, async-retry as the one layer that retries.

import retry from 'async-retry';
import { getOctokit } from '@actions/github';
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

/** Sends one HTTP attempt (counted, with the per-attempt timeout) and never retries. */
export type SendOnce = <T>(route: string, params?: RequestParameters) => Promise<GitHubResponse<T>>;

export interface RequestOptions<T> {
  /**
   * Called before re-sending a write after an attempt whose outcome is unknown (timeout, reset, 5xx):
   * look the write up with `sendOnce` and return its result if it was applied, or undefined to re-send.
   */
  reconcile?: (sendOnce: SendOnce) => Promise<GitHubResponse<T> | undefined>;
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
    retries: options.retries ?? 3,
    retryDelayMs: options.retryDelayMs ?? 2000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30000,
    maxWaitMs: options.maxWaitMs ?? 120000,
    log: options.log,
    random: options.random ?? Math.random,
  };
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
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

function buildClient(octokit: OctokitInstance, baseUrl: string, settings: Settings, parentCounters: { count: number }[]): GitHubClient {
  const counter = { count: 0 };
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

  const sendOnce: SendOnce = async <T>(route: string, params?: RequestParameters) => {
    for (const c of counters) c.count++;
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

  const request = async <T>(route: string, params?: RequestParameters, options: RequestOptions<T> = {}): Promise<GitHubResponse<T>> => {
    const description = describe(route, params);
    const maxAttempts = settings.retries + 1;
    let requestAttempts = 0;
    const send: SendOnce = (sendRoute, sendParams) => {
      requestAttempts++;
      return sendOnce(sendRoute, sendParams);
    };
    // Sticky: once an attempt may have been applied, every later attempt looks before it writes.
    let outcomeUnknown = false;
    let waitMs = 0;
    const result = await retry<GitHubResponse<T> | undefined>(
      async (bail, attempt) => {
        if (attempt > 1 && waitMs > 0) await sleep(waitMs);
        try {
          if (outcomeUnknown && options.reconcile) {
            const applied = await options.reconcile(send);
            if (applied) return applied;
            outcomeUnknown = false;
          }
          return await send<T>(route, params);
        } catch (error) {
          const failure = error instanceof AttemptFailedError ? error.failure : classifyFailure(error, description, { timedOut: false, timeoutMs: settings.requestTimeoutMs });
          if (failure.permanent) {
            bail(withAttempts(failure.permanent, requestAttempts));
            return undefined;
          }
          outcomeUnknown ||= failure.outcomeUnknown;
          if (attempt >= maxAttempts) {
            bail(exhausted(failure, description, requestAttempts, outcomeUnknown));
            return undefined;
          }
          const wait = computeWait({
            attempt,
            headers: failure.headers,
            retryDelayMs: settings.retryDelayMs,
            maxWaitMs: settings.maxWaitMs,
            nowMs: Date.now(),
            random: settings.random,
          });
          waitMs = wait.ms;
          settings.log(retryLogLine(failure, description, wait, attempt, maxAttempts));
          throw error;
        }
      },
      // async-retry drives the attempts; the wait is ours (computed from the answer), so its own is zero.
      { retries: settings.retries, factor: 1, minTimeout: 0, maxTimeout: 0, randomize: false },
    );
    return result as GitHubResponse<T>;
  };

  return {
    baseUrl,
    get attempts() {
      return counter.count;
    },
    request,
    fork: () => buildClient(octokit, baseUrl, settings, counters),
  };
}

function withAttempts(error: GitHubRequestError, attempts: number): GitHubRequestError {
  return new GitHubRequestError(error.code, error.message, error.fix, { status: error.status, outcomeUnknown: false, attempts });
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
