import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LIMITS } from '../../defaults/src/index.js';

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

const HEAD_SHA_EVENTS: Record<string, (payload: EventPayload) => string | undefined> = {
  // On pull_request events GITHUB_SHA is the test-merge commit; the results are bound to the head.
  pull_request: (payload) => payload.pull_request?.head?.sha,
  pull_request_target: (payload) => payload.pull_request?.head?.sha,
  merge_group: (payload) => payload.merge_group?.head_sha,
  workflow_run: (payload) => payload.workflow_run?.head_sha,
};

interface EventPayload {
  pull_request?: { head?: { sha?: string } };
  merge_group?: { head_sha?: string };
  workflow_run?: { head_sha?: string };
}

/**
 * The commit this run tested, which results must be bound to: the pull request head on pull_request,
 * merge_group.head_sha, workflow_run.head_sha, else GITHUB_SHA. Sign and verify both use this one rule.
 */
export function defaultSha(env: RunnerEnvironment): string {
  const pick = env.GITHUB_EVENT_NAME ? HEAD_SHA_EVENTS[env.GITHUB_EVENT_NAME] : undefined;
  if (pick && env.GITHUB_EVENT_PATH) {
    try {
      const sha = pick(JSON.parse(readEventPayload(env.GITHUB_EVENT_PATH)) as EventPayload);
      if (sha) return sha;
    } catch {
      // An unreadable payload falls back to GITHUB_SHA; binding still fails closed on a mismatch.
    }
  }
  return env.GITHUB_SHA ?? '';
}

/** The event payload, bounded: a FIFO or device at GITHUB_EVENT_PATH must not stall the step. */
function readEventPayload(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > LIMITS.eventPayloadBytes) throw new Error('not a bounded regular file');
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function apiUrl(env: RunnerEnvironment): string {
  return env.GITHUB_API_URL || 'https://api.github.com';
}
