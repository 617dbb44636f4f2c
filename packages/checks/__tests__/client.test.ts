import { startGitHubApiServer, FAULT_KINDS, type FaultKind } from '../../github-api-server/src/index.js';
import { createGitHubClient, GitHubRequestError } from '../src/index.js';
import { rejection } from '../../../__tests__/helpers/fixtures.js';
import { useTestServer } from './helpers.js';

const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs';
const SHA = 'b'.repeat(40);
const params = { owner: 'octo-org', repo: 'octo-repo', ref: SHA, filter: 'all', per_page: 100 };

const harness = useTestServer(5000);
const { logs, client } = harness;

const failure = (promise: Promise<unknown>) => rejection(promise, GitHubRequestError);

describe('createGitHubClient', () => {
  it('sends one request and counts it when nothing goes wrong', async () => {
    const github = client();
    const response = await github.request<{ total_count: number }>(LIST, params);
    expect(response.status).toBe(200);
    expect(response.data.total_count).toBe(0);
    expect(github.attempts).toBe(1);
    expect(harness.server.requests).toHaveLength(1);
    expect(logs).toEqual([]);
  });

  it('uses the base URL it is given, with a trailing slash or a path prefix', async () => {
    const github = client({ baseUrl: `${harness.server.url}/` });
    await github.request(LIST, params);
    expect(harness.server.requests[0]?.path).toBe(`/repos/octo-org/octo-repo/commits/${SHA}/check-runs`);
  });

  it.each(FAULT_KINDS.map((kind) => [kind]))('retries once past %s and logs the wait', async (kind: FaultKind) => {
    harness.server.setFaults({ script: [kind], retryAfterSeconds: 0 });
    const github = client({ requestTimeoutMs: 300 });
    const response = await github.request<{ total_count: number }>(LIST, params);
    expect(response.data.total_count).toBe(0);
    expect(github.attempts).toBe(2);
    expect(harness.server.requests).toHaveLength(2);
    expect(harness.server.requests[0]?.fault).toBe(kind);
    expect(logs).toHaveLength(1);
    const progress =
      kind.includes('rate-limit') || kind.includes('429')
        ? '(primary|secondary) rate limit; \\d+m \\d+s of rate-limit-wait left'
        : 'attempt 1 of 4';
    expect(logs[0]).toMatch(
      new RegExp(
        `on GET /repos/octo-org/octo-repo/commits/${SHA}/check-runs; retrying in \\d+\\.\\d s.* \\(${progress}\\)$`,
      ),
    );
  });

  it('waits 1x, 2x, 4x the retry delay, logs each wait, and the logged waits are the waits taken', async () => {
    harness.server.setFaults({ script: ['status-503', 'status-500', 'status-502-html'] });
    const github = client({ retryDelayMs: 150 });
    const started = Date.now();
    await github.request(LIST, params);
    const elapsed = Date.now() - started;
    expect(logs).toEqual([
      expect.stringMatching(
        /^GitHub answered 503 \(Service Unavailable\) on GET .*; retrying in 0\.1 s \(attempt 1 of 4\)$/,
      ),
      expect.stringMatching(
        /^GitHub answered 500 \(Internal Server Error\) on GET .*; retrying in 0\.3 s \(attempt 2 of 4\)$/,
      ),
      expect.stringMatching(/^GitHub answered 502 \(Bad Gateway\) on GET .*; retrying in 0\.6 s \(attempt 3 of 4\)$/),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(150 + 300 + 600 - 20);
    expect(elapsed).toBeLessThan(150 + 300 + 600 + 1500);
    expect(github.attempts).toBe(4);
  });

  it('rate-limit answers are budgeted by waiting time: they do not use up the retries meant for failures', async () => {
    harness.server.setFaults({
      script: [
        'status-503',
        'status-429-retry-after',
        'status-500',
        'secondary-rate-limit',
        'status-504',
        'primary-rate-limit',
      ],
      retryAfterSeconds: 0,
    });
    const github = client();
    const response = await github.request<{ total_count: number }>(LIST, params);
    expect(response.status).toBe(200);
    expect(github.attempts).toBe(7);
    expect(
      logs.map(
        (line) => /\((attempt \d of 4|\w+ rate limit); /.exec(line)?.[1] ?? /\((attempt \d of 4)\)$/.exec(line)?.[1],
      ),
    ).toEqual([
      'attempt 1 of 4',
      'secondary rate limit',
      'attempt 2 of 4',
      'secondary rate limit',
      'attempt 3 of 4',
      'primary rate limit',
    ]);
  });

  it('keeps honouring rate limits past the retries count while the budget lasts', async () => {
    harness.server.setFaults({ script: Array(6).fill('status-429-retry-after'), retryAfterSeconds: 0 });
    const response = await client({ retries: 0 }).request(LIST, params);
    expect(response.status).toBe(200);
    expect(harness.server.requests).toHaveLength(7);
    expect(logs.at(-1)).toMatch(/9m 54s of rate-limit-wait left\)$/);
  });

  it('gives up when the next wait would overrun rate-limit-wait, saying so with the fix', async () => {
    harness.server.setFaults({ script: ['secondary-rate-limit'], retryAfterSeconds: 30 });
    const started = Date.now();
    const error = await failure(client({ rateLimitWaitMs: 10_000 }).request(LIST, params));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('GITHUB_RATE_LIMITED');
    expect(error.message).toMatch(
      /still rate limited .*secondary rate limit.* after waiting 0s; GitHub asks for 30s more, beyond rate-limit-wait 10s\.$/,
    );
    expect(error.fix).toMatch(/raise rate-limit-wait/);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.status).toBe(403);
    expect(harness.server.requests).toHaveLength(1);
  });

  it("waits at least a minute on a secondary rate limit without retry-after (GitHub's docs), not 2, 4, 8 s", async () => {
    harness.server.setFaults({ script: ['secondary-rate-limit'], retryAfterHeader: false });
    const error = await failure(client({ rateLimitWaitMs: 59_000 }).request(LIST, params));
    expect(error.code).toBe('GITHUB_RATE_LIMITED');
    expect(error.message).toContain('GitHub asks for 1m more');
    expect(error.message).toContain('after waiting 0s');
  });

  it('honours retry-after on a 429 and the rate-limit reset (plus a second) on a primary limit', async () => {
    harness.server.setFaults({ script: ['status-429-retry-after'], retryAfterSeconds: 1 });
    const github = client({ retryDelayMs: 1 });
    const started = Date.now();
    await github.request(LIST, params);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(logs[0]).toMatch(
      /GitHub answered 429 \(Too Many Requests\) ".*secondary rate limit.*" on GET .*; retrying in 1\.0 s as retry-after asks/,
    );

    logs.length = 0;
    harness.server.setFaults({ script: ['primary-rate-limit'], retryAfterSeconds: 30 });
    const error = await failure(client({ rateLimitWaitMs: 5000 }).request(LIST, params));
    expect(error.message).toMatch(/API rate limit exceeded.*GitHub asks for 3\ds more/);
  });

  it('gives up a hanging request at the per-attempt timeout and retries it', async () => {
    harness.server.setFaults({ script: ['hang', 'hang'] });
    const github = client({ requestTimeoutMs: 200 });
    const started = Date.now();
    await github.request(LIST, params);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(logs[0]).toMatch(/^GitHub did not answer within 0\.2 s on GET/);
    expect(github.attempts).toBe(3);
  });

  it('stops after the last retry, naming the request, the last failure and the attempts', async () => {
    harness.server.setFaults({ script: ['status-500', 'connection-reset', 'status-503'] });
    const github = client({ retries: 2 });
    const error = await failure(github.request(LIST, params));
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.kind).toBe('github');
    expect(error.message).toContain(
      `GET /repos/octo-org/octo-repo/commits/${SHA}/check-runs still failed after 3 HTTP attempts`,
    );
    expect(error.message).toContain('503 (Service Unavailable)');
    expect(error.attempts).toBe(3);
    expect(error.outcomeUnknown).toBe(true);
    expect(harness.server.requests).toHaveLength(3);
    expect(logs).toHaveLength(2);
  });

  it('with retries 0 makes exactly one attempt', async () => {
    harness.server.setFaults({ script: ['status-503'] });
    const error = await failure(client({ retries: 0 }).request(LIST, params));
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.message).toContain('after 1 HTTP attempt;');
    expect(harness.server.requests).toHaveLength(1);
  });

  it('reports a rate limit that outlasts the budget as not applied (outcome known)', async () => {
    harness.server.setFaults({ script: ['status-429-retry-after', 'status-429-retry-after'], retryAfterSeconds: 0 });
    const error = await failure(client({ rateLimitWaitMs: 1500 }).request(LIST, params));
    expect(error.code).toBe('GITHUB_RATE_LIMITED');
    expect(error.outcomeUnknown).toBe(false);
    expect(error.status).toBe(429);
  });

  it('reports a refused connection as exhausted after retrying it', async () => {
    const closed = await startGitHubApiServer();
    const url = closed.url;
    await closed.close();
    const error = await failure(
      createGitHubClient({
        token: 't',
        baseUrl: url,
        retries: 1,
        retryDelayMs: 1,
        log: (line) => logs.push(line),
      }).request(LIST, params),
    );
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.outcomeUnknown).toBe(false);
  });

  it.each([['an unknown token', 'nobody', 'GITHUB_BAD_TOKEN', 401]])(
    'does not retry %s',
    async (_label, token, code, status) => {
      const error = await failure(client({ token }).request(LIST, params));
      expect(error).toMatchObject({ code, status, attempts: 1 });
      expect(harness.server.requests).toHaveLength(1);
      expect(logs).toEqual([]);
    },
  );

  it("does not retry a 422 and passes on GitHub's validation message", async () => {
    const github = client();
    const error = await failure(
      github.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'octo-org',
        repo: 'octo-repo',
        name: 'local-ci',
        head_sha: 'not-a-sha',
        status: 'completed',
        conclusion: 'success',
      }),
    );
    expect(error.code).toBe('GITHUB_VALIDATION_FAILED');
    expect(error.message).toContain('No commit found for SHA: not-a-sha');
    expect(error.attempts).toBe(1);
    expect(harness.server.requests).toHaveLength(1);
  });

  it('lets a write look itself up before it is re-sent after an unknown outcome', async () => {
    harness.server.setFaults({ script: ['lost-response'] });
    const github = client();
    const create = { owner: 'octo-org', repo: 'octo-repo', name: 'probe', head_sha: SHA, external_id: 'probe-1' };
    let lookups = 0;
    const response = await github.request<{ id: number }>('POST /repos/{owner}/{repo}/check-runs', create, {
      reconcile: async (send) => {
        lookups++;
        const listed = await send<{ check_runs: { id: number; external_id: string }[] }>(LIST, params);
        const found = listed.data.check_runs.find((run) => run.external_id === 'probe-1');
        return found ? { ...listed, data: found } : undefined;
      },
    });
    expect(lookups).toBe(1);
    expect(harness.server.checkRuns()).toHaveLength(1);
    expect(response.data.id).toBe(harness.server.checkRuns()[0]?.id);
    // The lost create and the lookup that found it: no second create.
    expect(github.attempts).toBe(2);
    expect(harness.server.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('retries the lookup on its own budget, then re-sends the write only if it did not land', async () => {
    // create: reset (unknown) -> lookup: 503, 429, ok (not there) -> create again: ok
    harness.server.setFaults({
      script: ['connection-reset', 'status-503', 'status-429-retry-after', null, null],
      retryAfterSeconds: 0,
    });
    const github = client({ retries: 2 });
    const create = { owner: 'octo-org', repo: 'octo-repo', name: 'probe', head_sha: SHA, external_id: 'probe-2' };
    const response = await github.request<{ id: number }>('POST /repos/{owner}/{repo}/check-runs', create, {
      reconcile: async (lookup) => {
        const listed = await lookup<{ check_runs: { id: number; external_id: string }[] }>(LIST, params);
        const found = listed.data.check_runs.find((run) => run.external_id === 'probe-2');
        return found ? { ...listed, data: found } : undefined;
      },
    });
    expect(harness.server.checkRuns()).toHaveLength(1);
    expect(response.data.id).toBe(harness.server.checkRuns()[0]?.id);
    expect(harness.server.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET', 'GET', 'POST']);
    expect(github.attempts).toBe(5);
  });

  it('stops without re-sending when the lookup itself cannot get an answer', async () => {
    harness.server.setFaults({ script: ['status-500', 'status-503', 'status-503'], retryAfterSeconds: 0 });
    const github = client({ retries: 1 });
    const error = await failure(
      github.request(
        'POST /repos/{owner}/{repo}/check-runs',
        { owner: 'octo-org', repo: 'octo-repo', name: 'probe', head_sha: SHA },
        {
          reconcile: async (lookup) => {
            await lookup(LIST, params);
            return undefined;
          },
        },
      ),
    );
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.message).toMatch(
      /^GET \/repos\/.* still failed after 2 HTTP attempts; .*503.* while checking whether an earlier POST \/repos\/octo-org\/octo-repo\/check-runs had been applied\.$/,
    );
    expect(error.outcomeUnknown).toBe(true);
    expect(error.attempts).toBe(3);
    expect(harness.server.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);
  });

  it('does not look up after a rate limit (the write was refused, not lost)', async () => {
    harness.server.setFaults({ script: ['secondary-rate-limit'], retryAfterSeconds: 0 });
    let lookups = 0;
    await client().request(
      'POST /repos/{owner}/{repo}/check-runs',
      { owner: 'octo-org', repo: 'octo-repo', name: 'probe', head_sha: SHA },
      {
        reconcile: async () => {
          lookups++;
          return undefined;
        },
      },
    );
    expect(lookups).toBe(0);
    expect(harness.server.checkRuns()).toHaveLength(1);
  });

  it('refuses a missing token or a base URL that is not http(s) before any request', () => {
    expect(() => client({ token: '' })).toThrow(expect.objectContaining({ code: 'GITHUB_TOKEN_MISSING' }));
    expect(() => client({ baseUrl: 'api.github.com' })).toThrow(
      expect.objectContaining({ code: 'GITHUB_API_URL_INVALID' }),
    );
    expect(() => client({ baseUrl: 'ftp://example.com' })).toThrow(
      expect.objectContaining({ code: 'GITHUB_API_URL_INVALID' }),
    );
    expect(harness.server.requests).toEqual([]);
  });

  it('refuses an API URL with credentials without echoing them', () => {
    const secret = 'ghp_planted0123456789abcdefghijklmnopqr';
    let thrown: unknown;
    try {
      client({ baseUrl: `https://ci:${secret}@ghe.example.com/api/v3` });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'GITHUB_API_URL_INVALID',
      message: expect.stringContaining('https://ghe.example.com/api/v3'),
    });
    expect(JSON.stringify({ message: (thrown as Error).message, fix: (thrown as { fix: string }).fix })).not.toMatch(
      /ghp_|ci:/,
    );
    let unparsable: unknown;
    try {
      client({ baseUrl: `not a url ${secret}` });
    } catch (error) {
      unparsable = error;
    }
    expect((unparsable as Error).message).not.toContain(secret);
    expect(harness.server.requests).toEqual([]);
  });

  it('counts attempts per fork and in total', async () => {
    const github = client();
    const fork = github.fork();
    await fork.request(LIST, params);
    await github.request(LIST, params);
    expect(fork.attempts).toBe(1);
    expect(github.attempts).toBe(2);
    expect(fork.baseUrl).toBe(harness.server.url);
  });
});
