// Test helpers: real results files (bytes + parsed through the real schema).
import { startGitHubApiServer, type GitHubApiServer } from '../../github-api-server/src/index.js';
import { parseResults, type CiResults } from '../../results/src/index.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../src/index.js';

export const REPOSITORY = 'octo-org/octo-repo';
export const COMMIT = 'a'.repeat(40);

export interface ResultsFixture {
  bytes: Uint8Array;
  results: CiResults;
  text: string;
}

export function makeResults(
  overrides: Record<string, unknown> = {},
  options: { prefix?: string; newline?: string } = {},
): ResultsFixture {
  const value = {
    version: 1,
    repository: REPOSITORY,
    commit: COMMIT,
    conclusion: 'success',
    tests: { passed: 10, failed: 0, skipped: 1 },
    coverage: { lines: 91.5 },
    ...overrides,
  };
  const text =
    (options.prefix ?? '') +
    JSON.stringify(value, null, 2).replace(/\n/g, options.newline ?? '\n') +
    (options.newline ?? '\n');
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  return { bytes, results: parseResults(bytes, 'ci-results.json'), text };
}

export function makeFailures(
  count: number,
  message: (index: number) => string = (index) => `expected ${index} to equal ${index + 1}`,
) {
  return Array.from({ length: count }, (_, index) => ({
    name: `suite › test ${index + 1}`,
    message: message(index),
    file: `src/file-${index % 7}.ts`,
    line: index + 1,
  }));
}

/**
 * One GitHub API test server per test file (write, read-only and classic-PAT tokens), reset before each test,
 * and a client factory whose log lines land in `logs`.
 */
export function useTestServer(requestTimeoutMs: number) {
  const harness = {
    server: undefined as unknown as GitHubApiServer,
    logs: [] as string[],
    client(overrides: Partial<GitHubClientOptions> = {}): GitHubClient {
      return createGitHubClient({
        token: 'test-token',
        baseUrl: harness.server.url,
        retryDelayMs: 10,
        requestTimeoutMs,
        log: (line) => harness.logs.push(line),
        random: () => 0,
        ...overrides,
      });
    },
  };
  beforeAll(async () => {
    harness.server = await startGitHubApiServer({
      tokens: { 'test-token': 'write', 'read-token': 'read-only', 'pat-token': 'classic-pat' },
    });
  });
  afterAll(() => harness.server.close());
  beforeEach(() => {
    harness.server.reset();
    harness.logs.length = 0;
  });
  return harness;
}
