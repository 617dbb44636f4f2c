import { getOctokit } from '@actions/github';
import { responseSchemaErrors, startGitHubApiServer, type CheckRunJson, type GitHubApiServer } from '../src/index.js';
import { annotation, call, completedRun, OTHER_SHA, SHA } from './helpers.js';

let server: GitHubApiServer;

beforeAll(async () => {
  server = await startGitHubApiServer({ htmlBaseUrl: 'https://github.example/' });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function expectCheckRunSchema(body: unknown): void {
  expect(responseSchemaErrors('checkRun', body)).toEqual([]);
}

describe('create a check run', () => {
  test('answers 201 with the check-run object GitHub returns, valid against the extracted schema', async () => {
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ details_url: 'https://ci.example/1', started_at: '2024-05-01T10:00:00.123Z' }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-github-request-id')).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]+:[0-9A-F]+:[0-9A-F]+:[0-9A-F]+$/,
    );
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(response.headers.get('x-ratelimit-used')).toBe('1');
    expectCheckRunSchema(response.body);
    const run = response.body as CheckRunJson;
    expect(run).toMatchObject({
      name: 'local-ci',
      head_sha: SHA,
      external_id: 'sha256:abc',
      status: 'completed',
      conclusion: 'success',
      details_url: 'https://ci.example/1',
      started_at: '2024-05-01T10:00:00Z',
      html_url: `https://github.example/octo/demo/runs/${run.id}`,
      url: `${server.url}/repos/octo/demo/check-runs/${run.id}`,
      output: {
        title: '10 passed',
        summary: '| tests | 10 |',
        text: 'details',
        annotations_count: 0,
        annotations_url: `${server.url}/repos/octo/demo/check-runs/${run.id}/annotations`,
      },
      app: { slug: 'github-actions' },
      pull_requests: [],
    });
    expect(run.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(server.checkRuns('octo', 'demo')).toEqual([
      expect.objectContaining({ id: run.id, owner: 'octo', repo: 'demo', annotations: [] }),
    ]);
  });

  test('defaults: queued without a conclusion, details_url from the app, one check suite per commit', async () => {
    const first = (
      await call(server, 'POST', '/repos/octo/demo/check-runs', { name: 'a', head_sha: SHA.toUpperCase() })
    ).body as CheckRunJson;
    const second = (
      await call(server, 'POST', '/repos/octo/demo/check-runs', { name: 'b', head_sha: SHA, status: 'in_progress' })
    ).body as CheckRunJson;
    const other = (await call(server, 'POST', '/repos/octo/demo/check-runs', { name: 'a', head_sha: OTHER_SHA }))
      .body as CheckRunJson;
    expectCheckRunSchema(first);
    expect(first).toMatchObject({
      status: 'queued',
      conclusion: null,
      completed_at: null,
      external_id: null,
      head_sha: SHA,
      details_url: 'https://help.github.com/en/actions',
    });
    expect(first.output).toMatchObject({ title: null, summary: null, text: null });
    expect(second.status).toBe('in_progress');
    expect(second.check_suite.id).toBe(first.check_suite.id);
    expect(other.check_suite.id).not.toBe(first.check_suite.id);
    expect(second.id).toBeGreaterThan(first.id);
  });

  test('a conclusion alone completes the run, keeping the completed_at it was given', async () => {
    const run = (
      await call(server, 'POST', '/repos/octo/demo/check-runs', {
        name: 'a',
        head_sha: SHA,
        conclusion: 'failure',
        completed_at: '2024-05-01T10:05:00Z',
      })
    ).body as CheckRunJson;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: '2024-05-01T10:05:00Z' });
  });
});

describe('update a check run', () => {
  test('replaces the output fields it is given and appends annotations', async () => {
    const created = await call(server, 'POST', '/repos/octo/demo/check-runs', {
      name: 'local-ci',
      head_sha: SHA,
      status: 'in_progress',
      output: {
        title: 'first',
        summary: 'first summary',
        text: 'first text',
        annotations: [annotation(0), annotation(1)],
      },
    });
    const id = (created.body as CheckRunJson).id;
    const updated = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      conclusion: 'failure',
      external_id: 'sha256:def',
      output: {
        summary: 'second summary',
        annotations: [annotation(2, { title: 'T', raw_details: 'raw', start_column: 2, end_column: 4 })],
      },
    });
    expect(updated.status).toBe(200);
    expectCheckRunSchema(updated.body);
    expect(updated.body).toMatchObject({
      id,
      status: 'completed',
      conclusion: 'failure',
      external_id: 'sha256:def',
      output: { title: 'first', summary: 'second summary', text: 'first text', annotations_count: 3 },
    });
    const [stored] = server.checkRuns();
    expect(stored?.annotations.map((item) => item.message)).toEqual(['failure 0', 'failure 1', 'failure 2']);
    expect(stored?.annotations[2]).toEqual({
      path: 'src/file-2.ts',
      blob_href: `https://github.example/octo/demo/blob/${SHA}/src/file-2.ts`,
      start_line: 3,
      end_line: 3,
      start_column: 2,
      end_column: 4,
      annotation_level: 'failure',
      title: 'T',
      message: 'failure 2',
      raw_details: 'raw',
    });
  });

  test('renames, sets details, images and actions, and moves a run back to in_progress', async () => {
    const id = ((await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).body as CheckRunJson).id;
    const response = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      name: 'renamed',
      details_url: 'https://ci.example/2',
      started_at: '2024-05-01T09:00:00Z',
      status: 'in_progress',
      actions: [{ label: 'Fix', description: 'Fix it', identifier: 'fix' }],
      output: { title: 'again', summary: 's', images: [{ alt: 'chart', image_url: 'https://img.example/1.png' }] },
    });
    expect(response.body).toMatchObject({
      name: 'renamed',
      details_url: 'https://ci.example/2',
      started_at: '2024-05-01T09:00:00Z',
      status: 'in_progress',
      conclusion: null,
      completed_at: null,
    });
    expect(server.checkRuns()[0]).toMatchObject({ images: [{ alt: 'chart' }], actions: [{ identifier: 'fix' }] });
    const completed = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      conclusion: 'neutral',
      completed_at: '2024-05-01T09:30:00Z',
    });
    expect(completed.body).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      completed_at: '2024-05-01T09:30:00Z',
    });
    const moved = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      completed_at: '2024-05-01T09:45:00Z',
    });
    expect(moved.body).toMatchObject({ conclusion: 'neutral', completed_at: '2024-05-01T09:45:00Z' });
  });

  test('an unknown id, or a run of another repository, is 404 Not Found', async () => {
    const id = ((await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).body as CheckRunJson).id;
    for (const [method, path] of [
      ['PATCH', '/repos/octo/demo/check-runs/1'],
      ['PATCH', `/repos/octo/other/check-runs/${id}`],
      ['GET', '/repos/octo/demo/check-runs/1'],
      ['GET', `/repos/octo/other/check-runs/${id}`],
      ['GET', '/repos/octo/demo/check-runs/1/annotations'],
    ] as const) {
      const response = await call(server, method, path, method === 'PATCH' ? { conclusion: 'success' } : undefined);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        message: 'Not Found',
        documentation_url: expect.stringContaining('docs.github.com/rest/checks/runs#'),
      });
    }
  });
});

describe('get a check run', () => {
  test('returns the run; owner and repo are case-insensitive', async () => {
    const created = (await call(server, 'POST', '/repos/Octo/Demo/check-runs', completedRun())).body as CheckRunJson;
    const response = await call(server, 'GET', `/repos/octo/demo/check-runs/${created.id}`);
    expect(response.status).toBe(200);
    expectCheckRunSchema(response.body);
    expect(response.body).toEqual(created);
  });
});

describe('list check runs for a ref', () => {
  async function createRuns(count: number, name = 'local-ci', sha = SHA): Promise<number[]> {
    const ids: number[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push(
        (
          (
            await call(
              server,
              'POST',
              '/repos/octo/demo/check-runs',
              completedRun({ name, head_sha: sha, external_id: `run-${index}` }),
            )
          ).body as CheckRunJson
        ).id,
      );
    }
    return ids;
  }

  test('filter=all returns every run newest first; the default (latest) keeps the most recent per name', async () => {
    const ids = await createRuns(3);
    const [otherName] = await createRuns(1, 'lint');
    await createRuns(1, 'local-ci', OTHER_SHA);
    const all = await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?filter=all`);
    expect(all.status).toBe(200);
    expect(responseSchemaErrors('listForRef', all.body)).toEqual([]);
    const allBody = all.body as { total_count: number; check_runs: CheckRunJson[] };
    expect(allBody.total_count).toBe(4);
    expect(allBody.check_runs.map((run) => run.id)).toEqual([otherName, ...ids.slice().reverse()]);
    const latest = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs`)).body as {
      total_count: number;
      check_runs: CheckRunJson[];
    };
    expect(latest.check_runs.map((run) => run.id)).toEqual([otherName, ids[2]]);
    expect(latest.total_count).toBe(2);
  });

  test('latest prefers a run still in progress, then the later completed_at, over a higher id', async () => {
    const older = (
      (
        await call(
          server,
          'POST',
          '/repos/octo/demo/check-runs',
          completedRun({ completed_at: '2024-05-02T00:00:00Z' }),
        )
      ).body as CheckRunJson
    ).id;
    await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun({ completed_at: '2024-05-01T00:00:00Z' }));
    let latest = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?filter=latest`)).body as {
      check_runs: CheckRunJson[];
    };
    expect(latest.check_runs.map((run) => run.id)).toEqual([older]);
    const running = (
      (
        await call(server, 'POST', '/repos/octo/demo/check-runs', {
          name: 'local-ci',
          head_sha: SHA,
          status: 'in_progress',
        })
      ).body as CheckRunJson
    ).id;
    latest = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs`)).body as {
      check_runs: CheckRunJson[];
    };
    expect(latest.check_runs.map((run) => run.id)).toEqual([running]);
  });

  test('check_name, status and app_id narrow the list', async () => {
    await createRuns(2);
    const [lint] = await createRuns(1, 'lint');
    await call(server, 'POST', '/repos/octo/demo/check-runs', { name: 'queued-one', head_sha: SHA });
    const byName = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?check_name=lint&filter=all`))
      .body as { check_runs: CheckRunJson[] };
    expect(byName.check_runs.map((run) => run.id)).toEqual([lint]);
    const queued = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?status=queued&filter=all`))
      .body as { check_runs: CheckRunJson[] };
    expect(queued.check_runs.map((run) => run.name)).toEqual(['queued-one']);
    const byApp = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?app_id=15368&filter=all`))
      .body as { total_count: number };
    expect(byApp.total_count).toBe(4);
    const otherApp = (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?app_id=1&filter=all`))
      .body as { total_count: number };
    expect(otherApp.total_count).toBe(0);
  });

  test('paginates with per_page and page and a Link header like GitHub', async () => {
    const ids = (await createRuns(5)).reverse();
    const base = `/repos/octo/demo/commits/${SHA}/check-runs`;
    const first = await call(server, 'GET', `${base}?filter=all&per_page=2`);
    const firstBody = first.body as { total_count: number; check_runs: CheckRunJson[] };
    expect(firstBody.total_count).toBe(5);
    expect(firstBody.check_runs.map((run) => run.id)).toEqual(ids.slice(0, 2));
    expect(first.headers.get('link')).toBe(
      `<${server.url}${base}?filter=all&per_page=2&page=2>; rel="next", <${server.url}${base}?filter=all&per_page=2&page=3>; rel="last"`,
    );
    const middle = await call(server, 'GET', `${base}?filter=all&per_page=2&page=2`);
    expect((middle.body as { check_runs: CheckRunJson[] }).check_runs.map((run) => run.id)).toEqual(ids.slice(2, 4));
    expect(middle.headers.get('link')).toBe(
      [
        `<${server.url}${base}?filter=all&per_page=2&page=1>; rel="prev"`,
        `<${server.url}${base}?filter=all&per_page=2&page=3>; rel="next"`,
        `<${server.url}${base}?filter=all&per_page=2&page=3>; rel="last"`,
        `<${server.url}${base}?filter=all&per_page=2&page=1>; rel="first"`,
      ].join(', '),
    );
    const last = await call(server, 'GET', `${base}?filter=all&per_page=2&page=3`);
    expect((last.body as { check_runs: CheckRunJson[] }).check_runs.map((run) => run.id)).toEqual(ids.slice(4));
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const single = await call(server, 'GET', `${base}?filter=all`);
    expect(single.headers.get('link')).toBeNull();
  });

  test('per_page defaults to 30 and is capped at 100; nonsense values fall back to the defaults', async () => {
    const ids = (await createRuns(101)).reverse();
    const base = `/repos/octo/demo/commits/${SHA}/check-runs?filter=all`;
    const defaulted = (await call(server, 'GET', base)).body as { check_runs: CheckRunJson[] };
    expect(defaulted.check_runs).toHaveLength(30);
    const capped = (await call(server, 'GET', `${base}&per_page=500`)).body as { check_runs: CheckRunJson[] };
    expect(capped.check_runs).toHaveLength(100);
    const nonsense = (await call(server, 'GET', `${base}&per_page=zero&page=-3`)).body as {
      check_runs: CheckRunJson[];
    };
    expect(nonsense.check_runs.map((run) => run.id)).toEqual(ids.slice(0, 30));
    const beyond = (await call(server, 'GET', `${base}&page=9`)).body as {
      total_count: number;
      check_runs: CheckRunJson[];
    };
    expect(beyond).toEqual({ total_count: 101, check_runs: [] });
  });

  test('Octokit pagination follows the Link header through every page', async () => {
    await createRuns(7);
    const octokit = getOctokit('test-token', { baseUrl: server.url });
    const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
      owner: 'octo',
      repo: 'demo',
      ref: SHA,
      filter: 'all',
      per_page: 3,
    });
    expect(runs).toHaveLength(7);
    expect(new Set(runs.map((run) => run.id)).size).toBe(7);
  });

  test('refs: branch and tag names registered with addCommit resolve; unknown refs are 422', async () => {
    server.addCommit('octo/demo', SHA, ['main', 'refs/tags/v1.0.0', 'heads/feature/x']);
    const [id] = await createRuns(1);
    for (const ref of ['main', 'heads/main', 'tags/v1.0.0', 'heads/feature/x', encodeURIComponent('heads/feature/x')]) {
      const response = await call(server, 'GET', `/repos/octo/demo/commits/${ref}/check-runs`);
      expect(response.status).toBe(200);
      expect((response.body as { check_runs: CheckRunJson[] }).check_runs.map((run) => run.id)).toEqual([id]);
    }
    const unknown = await call(server, 'GET', '/repos/octo/demo/commits/nope/check-runs');
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ message: 'No commit found for SHA: nope' });
    expect(() => server.addCommit('octo', SHA)).toThrow('owner/repo');
    expect(() => server.addCommit('octo/demo', 'abc')).toThrow('40 hexadecimal');
  });

  test('filter and status outside the published enums are 422 Invalid request', async () => {
    const response = await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?filter=newest&status=done`);
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(
      'Invalid request.\n\nFor \'filter\', "newest" is not one of ["latest", "all"].\nFor \'status\', "done" is not one of ["queued", "in_progress", "completed"].',
    );
  });
});

describe('list annotations', () => {
  test('returns the annotations in order, paginated with a Link header, valid against the extracted schema', async () => {
    const first = Array.from({ length: 50 }, (_, index) => annotation(index));
    const id = (
      (
        await call(
          server,
          'POST',
          '/repos/octo/demo/check-runs',
          completedRun({ output: { title: 't', summary: 's', annotations: first } }),
        )
      ).body as CheckRunJson
    ).id;
    await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      output: { summary: 's', annotations: [annotation(50), annotation(51)] },
    });
    const page = await call(server, 'GET', `/repos/octo/demo/check-runs/${id}/annotations?per_page=20&page=3`);
    expect(page.status).toBe(200);
    expect(responseSchemaErrors('listAnnotations', page.body)).toEqual([]);
    expect((page.body as Array<{ message: string }>).map((item) => item.message)).toEqual(
      Array.from({ length: 12 }, (_, index) => `failure ${index + 40}`),
    );
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect(page.headers.get('link')).not.toContain('rel="next"');
    const octokit = getOctokit('test-token', { baseUrl: server.url });
    const all = await octokit.paginate(octokit.rest.checks.listAnnotations, {
      owner: 'octo',
      repo: 'demo',
      check_run_id: id,
      per_page: 25,
    });
    expect(all.map((item) => item.message)).toEqual(Array.from({ length: 52 }, (_, index) => `failure ${index}`));
  });
});

describe('other routes', () => {
  test('GET /rate_limit reports the token budget without spending it', async () => {
    await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs`);
    const response = await call(server, 'GET', '/rate_limit');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      resources: { core: { limit: 5000, used: 1, remaining: 4999 } },
      rate: { limit: 5000, used: 1 },
    });
    const anonymous = await call(server, 'GET', '/rate_limit', undefined, { token: null });
    expect(anonymous.body).toMatchObject({ rate: { limit: 60, used: 0 } });
  });

  test('unknown routes are 404 Not Found; every request is recorded with its outcome', async () => {
    const response = await call(server, 'DELETE', '/repos/octo/demo/check-runs/1');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    expect((await call(server, 'GET', '/nothing/here')).status).toBe(404);
    await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?per_page=1`);
    expect(server.requests).toEqual([
      { method: 'DELETE', path: '/repos/octo/demo/check-runs/1', url: '/repos/octo/demo/check-runs/1', status: 404 },
      { method: 'GET', path: '/nothing/here', url: '/nothing/here', status: 404 },
      {
        method: 'GET',
        path: `/repos/octo/demo/commits/${SHA}/check-runs`,
        url: `/repos/octo/demo/commits/${SHA}/check-runs?per_page=1`,
        status: 200,
      },
    ]);
  });

  test('checkRuns() filters by owner and repo and hands out copies; reset() forgets runs and requests', async () => {
    await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun());
    await call(server, 'POST', '/repos/octo/other/check-runs', completedRun());
    await call(server, 'POST', '/repos/someone/demo/check-runs', completedRun());
    expect(server.checkRuns()).toHaveLength(3);
    expect(server.checkRuns('OCTO')).toHaveLength(2);
    expect(server.checkRuns('octo', 'other').map((run) => run.repo)).toEqual(['other']);
    const [copy] = server.checkRuns('octo', 'demo');
    if (copy) copy.annotations.push({} as never);
    expect(server.checkRuns('octo', 'demo')[0]?.annotations).toEqual([]);
    server.reset();
    expect(server.checkRuns()).toEqual([]);
    expect(server.requests).toEqual([]);
  });
});

describe('response schema validation is not hollow', () => {
  test('the extracted check-run schema rejects a run missing a required field or with a wrong type', async () => {
    const run = (await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).body as Record<
      string,
      unknown
    >;
    const { node_id: _nodeId, ...withoutNodeId } = run;
    expect(responseSchemaErrors('checkRun', withoutNodeId)).toEqual([
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'node_id' } }),
    ]);
    expect(responseSchemaErrors('checkRun', { ...run, conclusion: 'stale' })).not.toEqual([]);
    expect(responseSchemaErrors('checkAnnotation', { path: 'a' })).not.toEqual([]);
  });
});

describe('repositories option', () => {
  test('only the listed repositories (and those given to addCommit) exist; others are 404', async () => {
    const restricted = await startGitHubApiServer({ repositories: ['octo/demo'] });
    try {
      expect((await call(restricted, 'POST', '/repos/octo/demo/check-runs', completedRun())).status).toBe(201);
      const missing = await call(restricted, 'POST', '/repos/octo/missing/check-runs', completedRun());
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ message: 'Not Found' });
      restricted.addCommit('octo/missing', SHA, ['main']);
      expect((await call(restricted, 'GET', '/repos/octo/missing/commits/main/check-runs')).status).toBe(200);
    } finally {
      await restricted.close();
    }
  });
});
