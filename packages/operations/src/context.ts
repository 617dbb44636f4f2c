import { readBoundedFileSync, type ReadFileOptions } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';
import { UsageError } from '../../errors/src/index.js';

/** The environment variables of a GitHub Actions run that the operations read. */
export interface RunnerEnvironment {
  GITHUB_SHA?: string;
  GITHUB_REPOSITORY?: string;
  GITHUB_EVENT_NAME?: string;
  GITHUB_EVENT_PATH?: string;
  GITHUB_API_URL?: string;
  RUNNER_ENVIRONMENT?: string;
  [name: string]: string | undefined;
}

interface RepositoryRef {
  full_name?: string;
}

interface EventPayload {
  after?: string;
  pull_request?: {
    head?: { sha?: string; repo?: RepositoryRef | null };
    base?: { sha?: string; repo?: RepositoryRef | null };
  };
  merge_group?: { head_sha?: string; base_sha?: string };
  workflow_run?: { head_sha?: string };
}

/** What the run's event says about the commit to verify. */
export interface EventContext {
  /** GITHUB_EVENT_NAME, '' outside Actions. */
  event: string;
  /** The commit results must be bound to ('' when nothing names one). */
  sha: string;
  /** A pull request whose head lives in another repository (or in a deleted fork). */
  isFork: boolean;
  /** owner/name of the pull request's head repository, when the payload names it. */
  headRepository?: string;
  /** The commit the trusted keys and the verifier should come from (PR base, merge group base). */
  baseSha?: string;
}

// The commit that was tested, by event: on pull_request GITHUB_SHA is a test-merge commit, on workflow_run it
// is the default branch; merge_group and push name it in the payload too (docs: reference/github-checks-api.md §6).
const TESTED_SHA: Record<string, (payload: EventPayload) => string | undefined> = {
  pull_request: (payload) => payload.pull_request?.head?.sha,
  merge_group: (payload) => payload.merge_group?.head_sha,
  workflow_run: (payload) => payload.workflow_run?.head_sha,
  push: (payload) => payload.after,
};

/** The event payload through the bounded reader: a FIFO or a huge file cannot stall a run. */
const EVENT_PAYLOAD: ReadFileOptions = {
  what: 'event payload',
  flag: 'GITHUB_EVENT_PATH',
  maxBytes: LIMITS.eventPayloadBytes,
};

function readPayload(env: RunnerEnvironment): EventPayload | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return JSON.parse(readBoundedFileSync(env.GITHUB_EVENT_PATH, EVENT_PAYLOAD).toString('utf8')) as EventPayload;
  } catch {
    // An unreadable payload falls back to GITHUB_SHA; binding still fails closed on a mismatch.
    return undefined;
  }
}

/** The event's commit, fork status and base; refuses pull_request_target, which runs beside untrusted code. */
export function eventContext(env: RunnerEnvironment): EventContext {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (event === 'pull_request_target') {
    throw new UsageError(
      'ci-signing does not run on pull_request_target: that event has write access and secrets next to ' +
        'untrusted head code',
      'Run the verifier on pull_request (and merge_group, push); keys and verifier come from the base commit there.',
    );
  }
  const payload = readPayload(env);
  const pick = TESTED_SHA[event];
  const sha = (payload && pick?.(payload)) || env.GITHUB_SHA || '';
  if (event !== 'pull_request') return { event, sha, isFork: false, baseSha: payload?.merge_group?.base_sha };
  const head = payload?.pull_request?.head;
  const base = payload?.pull_request?.base;
  const headRepository = head?.repo?.full_name;
  const baseRepository = base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
  // head.repo is null when the fork was deleted: that code came from outside too.
  const isFork =
    Boolean(head) &&
    (head?.repo === null ||
      (Boolean(headRepository) && headRepository?.toLowerCase() !== baseRepository?.toLowerCase()));
  return { event, sha, isFork, headRepository: headRepository ?? undefined, baseSha: base?.sha };
}

/** The commit results must be bound to: the tested commit of the event (eventContext), else GITHUB_SHA. */
export function defaultSha(env: RunnerEnvironment): string {
  return eventContext(env).sha;
}

export function apiUrl(env: RunnerEnvironment): string {
  return env.GITHUB_API_URL || 'https://api.github.com';
}
