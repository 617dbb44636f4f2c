// Event payloads as GitHub writes them to GITHUB_EVENT_PATH, trimmed to the fields that name commits and
// repositories (docs.github.com webhook payloads; /work/shared/reference/github-checks-api.md §6).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type EventKind =
  'pull_request' | 'pull_request_fork' | 'pull_request_deleted_fork' | 'merge_group' | 'workflow_run' | 'push';

export interface EventPayloadOptions {
  /** owner/name of the repository the workflow runs in. */
  repository: string;
  /** The tested commit: PR head, merge group head, workflow_run head, pushed commit. */
  sha: string;
  /** The base commit (PR base, merge group base); default 40 zeros. */
  baseSha?: string;
  /** A fork's owner/name for pull_request_fork; default `fork-owner/<name>`. */
  forkRepository?: string;
}

function repo(fullName: string) {
  const [owner, name] = fullName.split('/');
  return { full_name: fullName, name, owner: { login: owner }, fork: false };
}

/** The payload object of one event. */
export function eventPayload(
  kind: EventKind,
  options: EventPayloadOptions,
): { name: string; payload: Record<string, unknown> } {
  const base = options.baseSha ?? '0'.repeat(40);
  const here = repo(options.repository);
  switch (kind) {
    case 'pull_request':
    case 'pull_request_fork':
    case 'pull_request_deleted_fork': {
      const fork = { ...repo(options.forkRepository ?? `fork-owner/${options.repository.split('/')[1]}`), fork: true };
      const headRepo = kind === 'pull_request' ? here : kind === 'pull_request_fork' ? fork : null;
      const pullRequest = {
        number: 7,
        head: { sha: options.sha, ref: 'feature', repo: headRepo },
        base: { sha: base, ref: 'main', repo: here },
      };
      return {
        name: 'pull_request',
        payload: { action: 'synchronize', number: 7, pull_request: pullRequest, repository: here },
      };
    }
    case 'merge_group':
      return {
        name: 'merge_group',
        payload: {
          action: 'checks_requested',
          merge_group: {
            head_sha: options.sha,
            head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-' + base,
            base_sha: base,
            base_ref: 'refs/heads/main',
          },
          repository: here,
        },
      };
    case 'workflow_run':
      return {
        name: 'workflow_run',
        payload: {
          action: 'completed',
          workflow_run: { head_sha: options.sha, head_branch: 'feature', event: 'push' },
          repository: here,
        },
      };
    case 'push':
      return { name: 'push', payload: { ref: 'refs/heads/main', before: base, after: options.sha, repository: here } };
  }
}

/** Writes the payload to `<folder>/<kind>.json`; returns the GITHUB_EVENT_NAME and GITHUB_EVENT_PATH to set. */
export function writeEventPayload(
  folder: string,
  kind: EventKind,
  options: EventPayloadOptions,
): { GITHUB_EVENT_NAME: string; GITHUB_EVENT_PATH: string } {
  const { name, payload } = eventPayload(kind, options);
  const path = join(folder, `${kind}-${options.sha.slice(0, 8)}.json`);
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path };
}
