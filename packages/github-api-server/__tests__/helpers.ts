// Shared by the github-api-server tests: real HTTP requests against a running server.
import type { GitHubApiServer } from '../src/index.js';

export const SHA = '0123456789abcdef0123456789abcdef01234567';
export const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  scheme?: 'token' | 'Bearer';
  /** Sent as-is (malformed JSON tests); otherwise `body` is JSON-encoded. */
  raw?: string;
  timeoutMs?: number;
}

/** One HTTP request with fetch; the body is parsed as JSON when the server says it is JSON. */
export async function call(
  server: GitHubApiServer,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const token = options.token === undefined ? 'test-token' : options.token;
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (token !== null) headers.authorization = `${options.scheme ?? 'token'} ${token}`;
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  const json =
    (response.headers.get('content-type') ?? '').startsWith('application/json') && text
      ? (JSON.parse(text) as unknown)
      : undefined;
  return { status: response.status, headers: response.headers, body: json, text };
}

export function annotation(index: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    path: `src/file-${index}.ts`,
    start_line: index + 1,
    end_line: index + 1,
    annotation_level: 'failure',
    message: `failure ${index}`,
    ...extra,
  };
}

export function completedRun(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'local-ci',
    head_sha: SHA,
    external_id: 'sha256:abc',
    status: 'completed',
    conclusion: 'success',
    output: { title: '10 passed', summary: '| tests | 10 |', text: 'details' },
    ...extra,
  };
}

/** Resolves when `predicate` holds, polling the in-process server state (no fixed sleeps). */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
