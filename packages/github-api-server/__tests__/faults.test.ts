import { request } from 'node:http';
import { FAULT_KINDS, startGitHubApiServer, type FaultKind, type GitHubApiServer } from '../src/index.js';
import { FaultInjector, seededRandom } from '../src/faults.js';
import { call, completedRun, SHA, until } from './helpers.js';

let server: GitHubApiServer;

beforeAll(async () => {
  server = await startGitHubApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const LIST = `/repos/octo/demo/commits/${SHA}/check-runs`;

/** The network error fetch raises, with the code of its cause (ECONNRESET, UND_ERR_SOCKET, ...). */
async function networkError(promise: Promise<unknown>): Promise<{ name: string; cause?: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { cause?: { code?: string } };
    return { name: failure.name, cause: failure.cause?.code };
  }
  throw new Error('the request was answered');
}

describe('status faults answer without committing anything', () => {
  test.each([
    ['status-500', 500, 'application/json; charset=utf-8'],
    ['status-502-html', 502, 'text/html'],
    ['status-503', 503, 'application/json; charset=utf-8'],
    ['status-504', 504, 'application/json; charset=utf-8'],
  ] as const)('%s', async (kind, status, contentType) => {
    server.setFaults({ script: [kind] });
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun());
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(contentType);
    if (kind === 'status-502-html') expect(response.text).toContain('<h1>502 Bad Gateway</h1>');
    else expect(response.body).toHaveProperty('message');
    expect(server.checkRuns()).toEqual([]);
    expect(server.requests).toEqual([expect.objectContaining({ method: 'POST', status, fault: kind })]);
    expect((await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).status).toBe(201);
  });
});

describe('rate-limit faults', () => {
  test('status-429-retry-after sends retry-after', async () => {
    server.setFaults({ script: ['status-429-retry-after'], retryAfterSeconds: 0 });
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0');
    expect(response.body).toMatchObject({ message: expect.stringMatching(/secondary rate limit/) });
    expect(server.checkRuns()).toEqual([]);
  });

  test('secondary-rate-limit is a 403 with GitHub message and retry-after (default 1)', async () => {
    server.setFaults({ script: ['secondary-rate-limit'] });
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun());
    expect(response.status).toBe(403);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toMatchObject({
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    expect(server.checkRuns()).toEqual([]);
  });

  test('primary-rate-limit is a 403 with x-ratelimit-remaining 0 and a reset retryAfterSeconds ahead', async () => {
    server.setFaults({ script: ['primary-rate-limit'], retryAfterSeconds: 3 });
    const before = Math.floor(Date.now() / 1000);
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun());
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ message: 'API rate limit exceeded for installation ID 1.' });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 3);
    expect(reset).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3);
    expect(server.checkRuns()).toEqual([]);
  });
});

describe('network faults', () => {
  test('connection-reset destroys the socket before any answer; nothing is committed', async () => {
    server.setFaults({ script: ['connection-reset'] });
    const failure = await networkError(call(server, 'POST', '/repos/octo/demo/check-runs', completedRun()));
    expect(failure.cause).toBe('ECONNRESET');
    expect(server.checkRuns()).toEqual([]);
    expect(server.requests).toEqual([expect.objectContaining({ status: 'reset', fault: 'connection-reset' })]);
  });

  test('lost-response commits the write, then drops the connection without an answer', async () => {
    server.setFaults({ script: ['lost-response'] });
    const failure = await networkError(
      call(server, 'POST', '/repos/octo/demo/check-runs', completedRun({ external_id: 'digest-1' })),
    );
    expect(failure.name).toBe('TypeError');
    expect(server.checkRuns()).toEqual([expect.objectContaining({ external_id: 'digest-1', conclusion: 'success' })]);
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'POST', status: 'lost', fault: 'lost-response' }),
    ]);
    const list = await call(server, 'GET', `${LIST}?check_name=local-ci`);
    expect((list.body as { total_count: number }).total_count).toBe(1);
  });

  test('hang never answers until the client gives up; nothing is committed', async () => {
    server.setFaults({ script: ['hang'] });
    const failure = await networkError(
      call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { timeoutMs: 150 }),
    );
    expect(failure.name).toBe('TimeoutError');
    expect(server.checkRuns()).toEqual([]);
    expect(server.requests).toEqual([expect.objectContaining({ status: 'hang', fault: 'hang' })]);
  });

  test('close() ends hanging requests and resolves', async () => {
    const own = await startGitHubApiServer({ faults: { script: ['hang', 'hang'] } });
    const pending = [
      networkError(call(own, 'GET', LIST, undefined, { timeoutMs: 30_000 })),
      networkError(call(own, 'POST', '/repos/octo/demo/check-runs', completedRun(), { timeoutMs: 30_000 })),
    ];
    await until(() => own.requests.length === 2);
    const started = Date.now();
    await own.close();
    await own.close(); // idempotent
    expect(Date.now() - started).toBeLessThan(2000);
    for (const failure of await Promise.all(pending)) expect(failure.name).toBe('TypeError');
  });
});

describe('fault plans', () => {
  test('the script is consumed one per matching request, null serving normally; methods narrow it', async () => {
    server.setFaults({ script: ['status-500', null, 'status-503'], methods: ['post'] });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await call(server, 'GET', LIST)).status);
      statuses.push((await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).status);
    }
    expect(statuses).toEqual([200, 500, 200, 201, 200, 503, 200, 201]);
    expect(server.checkRuns()).toHaveLength(2);
  });

  test('options.faults applies from the start; setFaults(undefined) and reset() clear it', async () => {
    const own = await startGitHubApiServer({ faults: { rate: 1, kinds: ['status-503'] } });
    try {
      expect((await call(own, 'GET', LIST)).status).toBe(503);
      own.setFaults(undefined);
      expect((await call(own, 'GET', LIST)).status).toBe(200);
      own.setFaults({ rate: 1, kinds: ['status-500'] });
      expect((await call(own, 'GET', LIST)).status).toBe(500);
      own.reset();
      expect((await call(own, 'GET', LIST)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  test('a seeded rate is deterministic: the same seed gives the same faults, another seed others', async () => {
    const plan = { rate: 0.4, seed: 7, kinds: ['status-500', 'status-503', 'status-429-retry-after'] as FaultKind[] };
    const run = async (seed: number) => {
      server.reset();
      server.setFaults({ ...plan, seed });
      const statuses: number[] = [];
      for (let index = 0; index < 30; index += 1) statuses.push((await call(server, 'GET', LIST)).status);
      return statuses;
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const faulted = first.filter((status) => status !== 200);
    expect(faulted.length).toBeGreaterThan(3);
    expect(faulted.length).toBeLessThan(27);
    expect(new Set(faulted).size).toBeGreaterThan(1);
  });

  test('the rate is honoured over many draws and kinds are drawn from the whole list by default', () => {
    const injector = new FaultInjector({ rate: 0.25, seed: 123 });
    const drawn = Array.from({ length: 4000 }, () => injector.next('GET'));
    const faulted = drawn.filter((kind) => kind !== undefined);
    expect(faulted.length / drawn.length).toBeGreaterThan(0.22);
    expect(faulted.length / drawn.length).toBeLessThan(0.28);
    expect(new Set(faulted)).toEqual(new Set(FAULT_KINDS));
    expect(Array.from({ length: 5 }, seededRandom(9))).toEqual(Array.from({ length: 5 }, seededRandom(9)));
  });

  test('bad plans are refused with the reason', () => {
    expect(() => server.setFaults({ script: ['status-418' as FaultKind] })).toThrow('unknown fault kind "status-418"');
    expect(() => server.setFaults({ rate: 2 })).toThrow('between 0 and 1');
    expect(() => server.setFaults({ rate: 0.5, kinds: [] })).toThrow('must not be empty');
  });
});

describe('limits', () => {
  test('content creation beyond max per window is a 403 secondary rate limit with retry-after; reads pass', async () => {
    const own = await startGitHubApiServer({ contentCreationLimit: { max: 2, windowMs: 300 } });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index += 1)
        statuses.push((await call(own, 'POST', '/repos/octo/demo/check-runs', completedRun())).status);
      expect(statuses).toEqual([201, 201, 403]);
      const refused = await call(own, 'POST', '/repos/octo/demo/check-runs', completedRun());
      expect(refused.body).toMatchObject({
        message: expect.stringContaining('temporarily blocked from content creation'),
      });
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await call(own, 'GET', LIST)).status).toBe(200);
      expect(own.checkRuns()).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 320));
      expect((await call(own, 'POST', '/repos/octo/demo/check-runs', completedRun())).status).toBe(201);
    } finally {
      await own.close();
    }
  });

  test('requests beyond the concurrency limit are a 403 secondary rate limit', async () => {
    const own = await startGitHubApiServer({ concurrencyLimit: 2, latencyMs: 150, concurrencyRetryAfterSeconds: 0 });
    try {
      const responses = await Promise.all(Array.from({ length: 4 }, () => call(own, 'GET', LIST)));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 403, 403]);
      const refused = responses.find((response) => response.status === 403);
      expect(refused?.body).toMatchObject({
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      });
      expect(refused?.headers.get('retry-after')).toBe('0');
      expect((await call(own, 'GET', LIST)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  test('close() cancels the latency wait of requests in flight', async () => {
    const own = await startGitHubApiServer({ latencyMs: 20_000 });
    const pending = networkError(call(own, 'GET', LIST, undefined, { timeoutMs: 30_000 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await pending).name).toBe('TypeError');
  });

  test('an enforced primary limit refuses requests beyond the budget with remaining 0', async () => {
    const own = await startGitHubApiServer({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const first = await call(own, 'GET', LIST);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await call(own, 'GET', LIST)).status).toBe(200);
      const refused = await call(own, 'GET', LIST);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ message: 'API rate limit exceeded for installation ID 1.' });
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await own.close();
    }
  });
});

test('a client aborting in the middle of its body is recorded as reset and does not take the server down', async () => {
  // A client announcing more body than it sends, then aborting: the server must survive it.
  await new Promise<void>((resolve) => {
    const req = request(`${server.url}/repos/octo/demo/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token test-token', 'content-length': '100' },
    });
    req.on('error', () => resolve());
    req.write('{"na');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 50);
  });
  await until(() => server.requests.length === 1);
  expect(server.requests).toEqual([expect.objectContaining({ method: 'POST', status: 'reset' })]);
  expect(server.requests[0]).not.toHaveProperty('fault');
  expect((await call(server, 'GET', LIST)).status).toBe(200);
});
