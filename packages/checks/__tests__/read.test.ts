import { startGitHubApiServer, type GitHubApiServer } from '../../github-api-server/src/index.js';
import { createGitHubClient, encodeEmbeddedBlock, GitHubRequestError, parseRepository, readCheckRuns, type GitHubClient } from '../src/index.js';
import { CiSigningError } from '../../errors/src/index.js';

const OWNER = 'octo-org';
const REPO = 'octo-repo';
const SHA = 'd'.repeat(40);
const OTHER_SHA = 'e'.repeat(40);

let server: GitHubApiServer;
let github: GitHubClient;
let logs: string[];

beforeAll(async () => {
  server = await startGitHubApiServer({ tokens: { 'test-token': 'write', 'read-token': 'read-only' } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  logs = [];
  github = createGitHubClient({ token: 'test-token', baseUrl: server.url, retryDelayMs: 10, requestTimeoutMs: 3000, log: (line) => logs.push(line) });
});

/** Creates a run through the API as a poster would; completedAt null leaves it in progress. */
async function createRun(name: string, completedAt: string | null, options: { sha?: string; conclusion?: string; text?: string } = {}): Promise<number> {
  const body: Record<string, unknown> = {
    owner: OWNER,
    repo: REPO,
    name,
    head_sha: options.sha ?? SHA,
    output: { title: name, summary: 'summary', text: options.text ?? `text of ${name} at ${completedAt}` },
  };
  if (completedAt) Object.assign(body, { status: 'completed', conclusion: options.conclusion ?? 'success', completed_at: completedAt });
  else body.status = 'in_progress';
  const response = await github.request<{ id: number }>('POST /repos/{owner}/{repo}/check-runs', body);
  return response.data.id;
}

function listings() {
  return server.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/check-runs'));
}

describe('readCheckRuns', () => {
  it('returns the most recent completed run of a name, with its text', async () => {
    await createRun('local-ci', '2025-01-01T10:00:00Z');
    const latest = await createRun('local-ci', '2025-01-01T12:00:00Z', { text: encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null }) });
    await createRun('local-ci', '2025-01-01T11:00:00Z');
    server.requests.length = 0;
    const runs = await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] });
    const record = runs.get('local-ci');
    expect(record).toMatchObject({ id: latest, name: 'local-ci', completedAt: '2025-01-01T12:00:00Z', status: 'completed', conclusion: 'success', headSha: SHA });
    expect(record?.text).toContain('<!-- ci-signing:v1 -->');
    expect(record?.htmlUrl).toMatch(/^https:\/\/github\.com\/octo-org\/octo-repo\/runs\/\d+$/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toContain('filter=all');
    expect(server.requests[0]?.url).toContain('per_page=100');
    expect(server.requests[0]?.url).not.toContain('check_name');
  });

  it('lets the latest run decide: a newer failing run is not rescued by an older good one', async () => {
    await createRun('local-ci', '2025-01-01T10:00:00Z', { conclusion: 'success' });
    const newer = await createRun('local-ci', '2025-01-02T10:00:00Z', { conclusion: 'failure' });
    const record = (await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] })).get('local-ci');
    expect(record?.id).toBe(newer);
    expect(record?.conclusion).toBe('failure');
  });

  it('breaks a tie on completed_at by the newer id, and ignores runs still in progress', async () => {
    await createRun('local-ci', '2025-01-01T10:00:00Z');
    const second = await createRun('local-ci', '2025-01-01T10:00:00Z');
    await createRun('local-ci', null);
    const record = (await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] })).get('local-ci');
    expect(record?.id).toBe(second);
  });

  it('reads several names with one listing, and null for a name without a completed run', async () => {
    const unit = await createRun('unit', '2025-01-01T10:00:00Z');
    const e2e = await createRun('e2e', '2025-01-01T09:00:00Z');
    const lint = await createRun('lint', '2025-01-01T08:00:00Z');
    await createRun('pending', null);
    await createRun('unit', '2025-01-03T10:00:00Z', { sha: OTHER_SHA });
    server.requests.length = 0;
    const runs = await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['unit', 'e2e', 'lint', 'pending', 'missing'] });
    expect([...runs.keys()]).toEqual(['unit', 'e2e', 'lint', 'pending', 'missing']);
    expect(runs.get('unit')?.id).toBe(unit);
    expect(runs.get('e2e')?.id).toBe(e2e);
    expect(runs.get('lint')?.id).toBe(lint);
    expect(runs.get('pending')).toBeNull();
    expect(runs.get('missing')).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('follows pagination through 250 runs on one commit and finds the latest on the last page', async () => {
    // Listings come newest id first, so the first run created lands on the last page.
    const latest = await createRun('unit', '2025-02-01T00:00:00Z');
    const times = Array.from({ length: 249 }, (_, index) => `2025-01-01T${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00Z`);
    for (let start = 0; start < times.length; start += 50) {
      await Promise.all(times.slice(start, start + 50).map((time, offset) => createRun((start + offset) % 2 ? 'unit' : 'noise', time)));
    }
    server.requests.length = 0;
    const runs = await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['unit', 'noise'] });
    expect(runs.get('unit')?.id).toBe(latest);
    expect(runs.get('noise')?.completedAt).toBe('2025-01-01T04:08:00Z');
    expect(listings()).toHaveLength(3);
    expect(listings().map((request) => new URL(request.url, server.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('reads through transient faults with the same retrying client', async () => {
    const id = await createRun('local-ci', '2025-01-01T10:00:00Z');
    server.setFaults({ script: ['status-502-html', 'connection-reset', 'secondary-rate-limit'], retryAfterSeconds: 0 });
    const runs = await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] });
    expect(runs.get('local-ci')?.id).toBe(id);
    expect(logs).toHaveLength(3);
  });

  it('names the cause when the token cannot see the repository', async () => {
    const noAccess = await startGitHubApiServer({ repositories: ['octo-org/elsewhere'] });
    try {
      const client = createGitHubClient({ token: 'test-token', baseUrl: noAccess.url, retryDelayMs: 10, log: () => {} });
      const error = await readCheckRuns({ client, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GitHubRequestError);
      expect((error as GitHubRequestError).code).toBe('GITHUB_NOT_FOUND');
    } finally {
      await noAccess.close();
    }
  });

  it('refuses a malformed repository name before any request', async () => {
    await expect(readCheckRuns({ client: github, repository: 'no-slash', sha: SHA, checkNames: ['x'] })).rejects.toThrow(CiSigningError);
    expect(() => parseRepository('a/b/c')).toThrow(/owner\/name/);
    expect(parseRepository(' octo-org/octo.repo ')).toEqual({ owner: 'octo-org', repo: 'octo.repo' });
    expect(server.requests).toEqual([]);
  });
});
