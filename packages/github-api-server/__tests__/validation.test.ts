import { startGitHubApiServer, type CheckRunJson, type GitHubApiServer } from '../src/index.js';
import { annotation, call, completedRun, SHA } from './helpers.js';

let server: GitHubApiServer;

beforeAll(async () => {
  server = await startGitHubApiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const CREATE_DOCS = 'https://docs.github.com/rest/checks/runs#create-a-check-run';
const UPDATE_DOCS = 'https://docs.github.com/rest/checks/runs#update-a-check-run';

async function createId(): Promise<number> {
  return ((await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun())).body as CheckRunJson).id;
}

describe('request bodies', () => {
  test('malformed JSON is 400 Problems parsing JSON, on create and update', async () => {
    const created = await call(server, 'POST', '/repos/octo/demo/check-runs', undefined, { raw: '{"name": ' });
    expect(created.status).toBe(400);
    expect(created.body).toEqual({ message: 'Problems parsing JSON', documentation_url: CREATE_DOCS, status: '400' });
    const id = await createId();
    const updated = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, undefined, { raw: 'not json' });
    expect(updated.status).toBe(400);
    expect(updated.body).toMatchObject({ message: 'Problems parsing JSON', documentation_url: UPDATE_DOCS });
    expect(server.checkRuns()).toHaveLength(1);
  });

  test('a missing or non-object body is 422 like GitHub ("nil is not an object")', async () => {
    const empty = await call(server, 'POST', '/repos/octo/demo/check-runs');
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({
      message: "Invalid request.\n\nFor 'links/0/schema', nil is not an object.",
      documentation_url: CREATE_DOCS,
    });
    const array = await call(server, 'POST', '/repos/octo/demo/check-runs', [1, 2]);
    expect((array.body as { message: string }).message).toBe(
      "Invalid request.\n\nFor 'links/0/schema', [1,2] is not an object.",
    );
  });

  test('missing required fields are named, grouped per object, with GitHub wording', async () => {
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', { output: { title: 't' } });
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(
      'Invalid request.\n\n"name", "head_sha" weren\'t supplied.\n"summary" wasn\'t supplied.',
    );
    expect(server.checkRuns()).toEqual([]);
  });

  test('annotation required fields are checked per annotation', async () => {
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ output: { title: 't', summary: 's', annotations: [annotation(0), { path: 'a', message: 'm' }] } }),
    );
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(
      'Invalid request.\n\n"start_line", "end_line", "annotation_level" weren\'t supplied.',
    );
  });

  test('wrong types, enum values and timestamps are described with the failing property', async () => {
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', {
      name: 'x',
      head_sha: SHA,
      conclusion: 'succes',
      started_at: 'yesterday',
      output: {
        title: 't',
        summary: 's',
        annotations: [annotation(0, { start_line: '1', annotation_level: 'error' })],
      },
    });
    expect(response.status).toBe(422);
    const lines = (response.body as { message: string }).message.split('\n').slice(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        'For \'properties/started_at\', "yesterday" is not a valid date-time.',
        'For \'properties/conclusion\', "succes" is not one of ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"].',
        'For \'properties/start_line\', "1" is not an integer.',
        'For \'properties/annotation_level\', "error" is not one of ["notice", "warning", "failure"].',
      ]),
    );
    expect(lines).toHaveLength(4);
  });

  test('other schema keywords are reported with the failing location', async () => {
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ actions: [{ label: 'x', description: 'y', identifier: 'z' }, 1, 2, 3] }),
    );
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toContain(
      'No more than 3 items are allowed; 4 were supplied.',
    );
    const long = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ actions: [{ label: 'a label that is far too long', description: 'y', identifier: 'z' }] }),
    );
    expect((long.body as { message: string }).message).toBe(
      'Invalid request.\n\nOnly 20 characters are allowed; 28 were supplied.',
    );
    const items = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ output: { title: 't', summary: 's', annotations: ['x'] } }),
    );
    expect((items.body as { message: string }).message).toBe(
      'Invalid request.\n\nFor \'items\', "x" is not an object.',
    );
  });
});

describe('limits', () => {
  test('more than 50 annotations in one request is 422; exactly 50 is accepted', async () => {
    const tooMany = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, (_, index) => annotation(index)) },
      }),
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({
      message: 'Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.',
      documentation_url: CREATE_DOCS,
    });
    expect(server.checkRuns()).toEqual([]);
    const fifty = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({
        output: { title: 't', summary: 's', annotations: Array.from({ length: 50 }, (_, index) => annotation(index)) },
      }),
    );
    expect(fifty.status).toBe(201);
    const id = (fifty.body as CheckRunJson).id;
    const updateTooMany = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      output: { summary: 's', annotations: Array.from({ length: 60 }, (_, index) => annotation(index)) },
    });
    expect(updateTooMany.status).toBe(422);
    expect(server.checkRuns()[0]?.annotations).toHaveLength(50);
  });

  test('summary and text are limited to 65535 UTF-8 bytes: emoji text under 65535 characters but over 65535 bytes is refused', async () => {
    const emoji = '🔥'.repeat(16384) + 'x'; // 16385 characters, 65537 bytes
    expect(emoji.length).toBeLessThan(65535);
    expect(Buffer.byteLength(emoji)).toBeGreaterThan(65535);
    for (const field of ['summary', 'text'] as const) {
      const response = await call(
        server,
        'POST',
        '/repos/octo/demo/check-runs',
        completedRun({ output: { title: 't', summary: 's', [field]: emoji } }),
      );
      expect(response.status).toBe(422);
      expect(response.body).toEqual({
        message: 'Validation Failed',
        errors: [
          { resource: 'CheckRun', code: 'custom', field, message: `${field} exceeds a maximum bytesize of 65535` },
        ],
        documentation_url: CREATE_DOCS,
        status: '422',
      });
    }
    expect(server.checkRuns()).toEqual([]);
    const id = await createId();
    const update = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, { output: { summary: emoji } });
    expect(update.status).toBe(422);
    expect(update.body).toMatchObject({
      errors: [{ field: 'summary', message: 'summary exceeds a maximum bytesize of 65535' }],
      documentation_url: UPDATE_DOCS,
    });
  });

  test('exactly 65535 bytes of multi-byte text is accepted and stored intact', async () => {
    const text = '€'.repeat(21845); // 3 bytes each: 65535 bytes
    expect(Buffer.byteLength(text)).toBe(65535);
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ output: { title: 't', summary: text, text } }),
    );
    expect(response.status).toBe(201);
    expect(server.checkRuns()[0]?.output).toMatchObject({ summary: text, text });
  });

  test('more than 65535 ASCII characters fails the schema first, in characters', async () => {
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({ output: { title: 't', summary: 'a'.repeat(70000) } }),
    );
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(
      'Invalid request.\n\nOnly 65535 characters are allowed; 70000 were supplied.',
    );
  });

  test('annotation message and raw_details are limited in bytes, titles to 255 characters', async () => {
    const big = '😀'.repeat(16384); // 65536 bytes
    const response = await call(
      server,
      'POST',
      '/repos/octo/demo/check-runs',
      completedRun({
        output: {
          title: 't',
          summary: 's',
          annotations: [annotation(0, { message: big, raw_details: big, title: 'x'.repeat(256) })],
        },
      }),
    );
    expect(response.status).toBe(422);
    expect((response.body as { errors: Array<{ field: string }> }).errors.map((item) => item.field)).toEqual([
      'message',
      'raw_details',
      'title',
    ]);
  });
});

describe('conclusion rules', () => {
  test('status completed without a conclusion is refused on create and update', async () => {
    const created = await call(server, 'POST', '/repos/octo/demo/check-runs', {
      name: 'x',
      head_sha: SHA,
      status: 'completed',
    });
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({
      message: 'Invalid request.\n\n"conclusion" wasn\'t supplied.',
      documentation_url: CREATE_DOCS,
    });
    const withTime = await call(server, 'POST', '/repos/octo/demo/check-runs', {
      name: 'x',
      head_sha: SHA,
      completed_at: '2024-01-01T00:00:00Z',
    });
    expect((withTime.body as { message: string }).message).toBe('Invalid request.\n\n"conclusion" wasn\'t supplied.');
    const id = (
      (await call(server, 'POST', '/repos/octo/demo/check-runs', { name: 'x', head_sha: SHA })).body as CheckRunJson
    ).id;
    const updated = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, { status: 'completed' });
    expect(updated.status).toBe(422);
    expect(updated.body).toMatchObject({
      message: 'Invalid request.\n\n"conclusion" wasn\'t supplied.',
      documentation_url: UPDATE_DOCS,
    });
    const updatedTime = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, {
      completed_at: '2024-01-01T00:00:00Z',
    });
    expect((updatedTime.body as { message: string }).message).toBe(
      'Invalid request.\n\n"conclusion" wasn\'t supplied.',
    );
    const waiting = await call(server, 'PATCH', `/repos/octo/demo/check-runs/${id}`, { status: 'waiting' });
    expect((waiting.body as { message: string }).message).toBe(
      'Invalid request.\n\nFor \'properties/status\', "waiting" is not one of ["queued", "in_progress"].',
    );
    expect(server.checkRuns()[0]).toMatchObject({ status: 'queued', conclusion: null });
  });

  test('only GitHub may set the stale conclusion', async () => {
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun({ conclusion: 'stale' }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'CheckRun', field: 'conclusion', code: 'custom' }],
    });
  });

  test('head_sha must name a commit: anything but 40 hex digits is 422 No commit found', async () => {
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun({ head_sha: 'main' }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ message: 'No commit found for SHA: main', documentation_url: CREATE_DOCS });
  });
});
