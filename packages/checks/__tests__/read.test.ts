import { startGitHubApiServer, type GitHubApiServer } from '../../github-api-server/src/index.js';
import {
  createGitHubClient,
  encodeEmbeddedBlock,
  GitHubRequestError,
  parseRepository,
  readAllCheckRuns,
  readCheckRuns,
  type GitHubClient,
} from '../src/index.js';
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
  github = createGitHubClient({
    token: 'test-token',
    baseUrl: server.url,
    retryDelayMs: 10,
    requestTimeoutMs: 3000,
    log: (line) => logs.push(line),
  });
});

/** Creates a run through the API as a poster would; completedAt null leaves it in progress. */
async function createRun(
  name: string,
  completedAt: string | null,
  options: { sha?: string; conclusion?: string; text?: string } = {},
): Promise<number> {
  const body: Record<string, unknown> = {
    owner: OWNER,
    repo: REPO,
    name,
    head_sha: options.sha ?? SHA,
    output: { title: name, summary: 'summary', text: options.text ?? `text of ${name} at ${completedAt}` },
  };
  if (completedAt)
    Object.assign(body, {
      status: 'completed',
      conclusion: options.conclusion ?? 'success',
      completed_at: completedAt,
    });
  else body.status = 'in_progress';
  const response = await github.request<{ id: number }>('POST /repos/{owner}/{repo}/check-runs', body);
  return response.data.id;
}

function listings() {
  return server.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/check-runs'));
}

describe('readCheckRuns', () => {
  it('returns every run of a name whatever its status, with its text, from one listing', async () => {
    const first = await createRun('local-ci', '2025-01-01T10:00:00Z');
    const second = await createRun('local-ci', '2025-01-01T12:00:00Z', {
      text: encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null }),
    });
    const going = await createRun('local-ci', null);
    server.requests.length = 0;
    const runs =
      (await readCheckRuns({ client: github, repository: `${OWNER}/${REPO}`, sha: SHA, checkNames: ['local-ci'] })).get(
        'local-ci',
      ) ?? [];
    expect(runs.map((run) => run.id).sort()).toEqual([first, second, going].sort());
    const record = runs.find((run) => run.id === second);
    expect(record).toMatchObject({
      name: 'local-ci',
      completedAt: '2025-01-01T12:00:00Z',
      status: 'completed',
      conclusion: 'success',
      headSha: SHA,
    });
    expect(record?.text).toContain('<!-- ci-signing:v1 -->');
    expect(record?.htmlUrl).toMatch(/^https:\/\/github\.com\/octo-org\/octo-repo\/runs\/\d+$/);
    expect(runs.find((run) => run.id === going)?.status).toBe('in_progress');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toContain('filter=all');
    expect(server.requests[0]?.url).toContain('per_page=100');
    expect(server.requests[0]?.url).not.toContain('check_name');
  });

  it('reads several names with one listing, and an empty list for a name without runs', async () => {
    const unit = await createRun('unit', '2025-01-01T10:00:00Z');
    const e2e = await createRun('e2e', '2025-01-01T09:00:00Z');
    await createRun('unit', '2025-01-03T10:00:00Z', { sha: OTHER_SHA });
    server.requests.length = 0;
    const runs = await readCheckRuns({
      client: github,
      repository: `${OWNER}/${REPO}`,
      sha: SHA,
      checkNames: ['unit', 'e2e', 'missing'],
    });
    expect([...runs.keys()]).toEqual(['unit', 'e2e', 'missing']);
    expect(runs.get('unit')?.map((run) => run.id)).toEqual([unit]);
    expect(runs.get('e2e')?.map((run) => run.id)).toEqual([e2e]);
    expect(runs.get('missing')).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('follows pagination through 250 runs on one commit', async () => {
    const times = Array.from(
      { length: 250 },
      (_, index) =>
        `2025-01-01T${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00Z`,
    );
    for (let start = 0; start < times.length; start += 50) {
      await Promise.all(
        times.slice(start, start + 50).map((time, offset) => createRun((start + offset) % 2 ? 'unit' : 'noise', time)),
      );
    }
    server.requests.length = 0;
    const runs = await readCheckRuns({
      client: github,
      repository: `${OWNER}/${REPO}`,
      sha: SHA,
      checkNames: ['unit', 'noise'],
    });
    expect(runs.get('unit')).toHaveLength(125);
    expect(runs.get('noise')).toHaveLength(125);
    expect(listings().map((request) => new URL(request.url, server.url).searchParams.get('page'))).toEqual([
      '1',
      '2',
      '3',
    ]);
  });
});

describe('readAllCheckRuns: conditional reads', () => {
  const repository = `${OWNER}/${REPO}`;

  it('sends the ETag back; a 304 is "not-modified" and consumes no rate limit; a change reads again', async () => {
    await createRun('local-ci', '2025-01-01T10:00:00Z');
    const used = server.rateLimitConsumed('test-token');
    const first = await readAllCheckRuns({ client: github, repository, sha: SHA });
    if (first === 'not-modified') throw new Error('the first read has no ETag to send');
    expect(first.etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(server.rateLimitConsumed('test-token')).toBe(used + 1);
    for (let poll = 0; poll < 5; poll++)
      expect(await readAllCheckRuns({ client: github, repository, sha: SHA, etag: first.etag })).toBe('not-modified');
    expect(server.rateLimitConsumed('test-token')).toBe(used + 1);
    expect(server.requests.filter((request) => request.status === 304)).toHaveLength(5);
    const id = await createRun('local-ci', null);
    const changed = await readAllCheckRuns({ client: github, repository, sha: SHA, etag: first.etag });
    expect(changed !== 'not-modified' && changed.runs.map((run) => run.id)).toContain(id);
  });

  it('sees a PATCH of status or completed_at as a change', async () => {
    const id = await createRun('local-ci', '2025-01-01T10:00:00Z');
    const first = await readAllCheckRuns({ client: github, repository, sha: SHA });
    if (first === 'not-modified') throw new Error('unreachable');
    await github.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: OWNER,
      repo: REPO,
      check_run_id: id,
      status: 'in_progress',
    });
    const patched = await readAllCheckRuns({ client: github, repository, sha: SHA, etag: first.etag });
    if (patched === 'not-modified') throw new Error('a PATCH must change the ETag');
    expect(patched.runs[0]).toMatchObject({ status: 'in_progress', completedAt: null, conclusion: null });
    await github.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: OWNER,
      repo: REPO,
      check_run_id: id,
      conclusion: 'success',
      completed_at: '2099-01-01T00:00:00Z',
    });
    const dated = await readAllCheckRuns({ client: github, repository, sha: SHA, etag: patched.etag });
    expect(dated !== 'not-modified' && dated.runs[0]).toMatchObject({
      status: 'completed',
      completedAt: '2099-01-01T00:00:00Z',
    });
  });
});

describe('reading', () => {
  it('reads through transient faults with the same retrying client', async () => {
    const id = await createRun('local-ci', '2025-01-01T10:00:00Z');
    server.setFaults({ script: ['status-502-html', 'connection-reset', 'secondary-rate-limit'], retryAfterSeconds: 0 });
    const runs = await readCheckRuns({
      client: github,
      repository: `${OWNER}/${REPO}`,
      sha: SHA,
      checkNames: ['local-ci'],
    });
    expect(runs.get('local-ci')?.map((run) => run.id)).toEqual([id]);
    expect(logs).toHaveLength(3);
  });

  it('names the cause when the token cannot see the repository', async () => {
    const noAccess = await startGitHubApiServer({ repositories: ['octo-org/elsewhere'] });
    try {
      const client = createGitHubClient({
        token: 'test-token',
        baseUrl: noAccess.url,
        retryDelayMs: 10,
        log: () => {},
      });
      const error = await readCheckRuns({
        client,
        repository: `${OWNER}/${REPO}`,
        sha: SHA,
        checkNames: ['local-ci'],
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GitHubRequestError);
      expect((error as GitHubRequestError).code).toBe('GITHUB_NOT_FOUND');
    } finally {
      await noAccess.close();
    }
  });

  it('refuses a malformed repository name before any request', async () => {
    await expect(
      readCheckRuns({ client: github, repository: 'no-slash', sha: SHA, checkNames: ['x'] }),
    ).rejects.toThrow(CiSigningError);
    expect(() => parseRepository('a/b/c')).toThrow(/owner\/name/);
    expect(parseRepository(' octo-org/octo.repo ')).toEqual({ owner: 'octo-org', repo: 'octo.repo' });
    expect(server.requests).toEqual([]);
  });
});
