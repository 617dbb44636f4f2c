// The bundled post action (dist/post) run as a process against the GitHub API test server over real HTTP.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import {
  FAULT_KINDS,
  MIXED_FAULT_SCRIPT,
  startGitHubApiServer,
  type GitHubApiServer,
} from '../packages/github-api-server/src/index.js';
import { runAction, type ActionResult } from './helpers/processes.js';
import { makeKey, randomSha, REPOSITORY, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';

const folder = temporaryFolder();
let server: GitHubApiServer;
let key: TestKey;

beforeAll(async () => {
  key = await makeKey('Post action');
  server = await startGitHubApiServer({
    tokens: { 'write-token': 'write', 'read-only-token': 'read-only', 'classic-pat-token': 'classic-pat' },
    repositories: [REPOSITORY],
  });
});
afterAll(async () => {
  await server.close();
  folder.remove();
});
beforeEach(() => server.reset());

function failures(count: number, message = (index: number) => `expected ${index} to equal ${index + 1}`) {
  return Array.from({ length: count }, (_, index) => ({
    name: `test ${index}`,
    message: message(index),
    file: `src/file${index % 7}.ts`,
    line: index + 1,
  }));
}

/** Writes signed results for a fresh commit; returns the file and its commit. */
async function signedResults(extra: Record<string, unknown> = {}): Promise<{ file: string; commit: string }> {
  const commit = randomSha();
  const file = join(folder.path, `${commit}.json`);
  const content = resultsJson({
    commit,
    conclusion: 'failure',
    tests: { passed: 5, failed: 60, skipped: 0 },
    failures: failures(60),
    ...extra,
  });
  writeFileSync(file, content);
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: key.privateKey }),
    passphrase: key.passphrase,
  });
  writeFileSync(
    `${file}.asc`,
    (await openpgp.sign({
      message: await openpgp.createMessage({ binary: Buffer.from(content) }),
      signingKeys: privateKey,
      detached: true,
    })) as string,
  );
  return { file, commit };
}

function post(file: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction(
    'post',
    {
      'results-file': file,
      token: 'write-token',
      'check-name': 'local-ci',
      retries: '3',
      'retry-delay': '0.01',
      'request-timeout': '1',
      ...extra,
    },
    { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY },
  );
}

function runsOf(commit: string) {
  return server.checkRuns('octo-org', 'widgets').filter((run) => run.head_sha === commit);
}

function writes(): number {
  return server.requests.filter((request) => request.method !== 'GET').length;
}

test('posts one completed check run with the signed block and every annotation', async () => {
  const { file, commit } = await signedResults();
  const run = await post(file);
  expect(run.code).toBe(0);
  const [posted, ...others] = runsOf(commit);
  expect(others).toHaveLength(0);
  expect(posted).toMatchObject({ status: 'completed', conclusion: 'failure', name: 'local-ci' });
  expect(posted.external_id).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(posted.annotations).toHaveLength(60);
  expect(run.outputs).toMatchObject({
    'check-run-id': String(posted.id),
    'check-run-url': posted.html_url,
    signed: 'true',
    attempts: String(server.requests.length),
  });
  expect(posted.output.title).not.toContain('\n');
});

describe.each(FAULT_KINDS)('a %s fault', (fault) => {
  test.each(['POST', 'PATCH', 'GET'])(
    'on %s is retried: exactly one run, every annotation, attempts counted',
    async (method) => {
      server.setFaults({ script: [fault], methods: [method], retryAfterSeconds: 0 });
      const { file, commit } = await signedResults();
      const run = await post(file);
      expect(run.code).toBe(0);
      expect(runsOf(commit)).toHaveLength(1);
      expect(runsOf(commit)[0].annotations).toHaveLength(60);
      expect(server.requests.some((request) => request.fault === fault)).toBe(true);
      expect(run.outputs.attempts).toBe(String(server.requests.length));
      expect(run.stdout).toMatch(/retrying in/);
    },
  );
});

test('mixed faults on every method still give exactly one run with all annotations', async () => {
  server.setFaults({
    script: [...MIXED_FAULT_SCRIPT],
    retryAfterSeconds: 0,
  });
  const { file, commit } = await signedResults({ failures: failures(130) });
  const run = await post(file);
  expect(run.code).toBe(0);
  expect(runsOf(commit)).toHaveLength(1);
  expect(runsOf(commit)[0].annotations).toHaveLength(130);
  expect(run.outputs.attempts).toBe(String(server.requests.length));
});

test.each([1, 2, 3])('seeded random faults (seed %i, 30%% of requests) give exactly one run', async (seed) => {
  server.setFaults({ rate: 0.3, seed, kinds: FAULT_KINDS.filter((kind) => kind !== 'hang'), retryAfterSeconds: 0 });
  const { file, commit } = await signedResults();
  const run = await post(file, { retries: '6' });
  expect(run.code).toBe(0);
  expect(runsOf(commit)).toHaveLength(1);
  expect(runsOf(commit)[0].annotations).toHaveLength(60);
});

test('posting the same results again updates the run instead of duplicating it', async () => {
  const { file, commit } = await signedResults();
  expect((await post(file)).code).toBe(0);
  const again = await post(file);
  expect(again.code).toBe(0);
  expect(runsOf(commit)).toHaveLength(1);
  expect(runsOf(commit)[0].annotations).toHaveLength(60);
});

describe('permanent errors fail on the first write, with the cause named', () => {
  test.each([
    ['read-only-token', /checks: write/],
    ['classic-pat-token', /GitHub App/],
  ])('token %s', async (token, cause) => {
    const { file, commit } = await signedResults();
    const run = await post(file, { token });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(new RegExp(`::error::.*${cause.source}`));
    expect(writes()).toBe(1);
    expect(runsOf(commit)).toHaveLength(0);
  });

  test('a bad token (401) fails at once', async () => {
    const { file } = await signedResults();
    const run = await post(file, { token: 'not-a-token' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::.*(401|credentials|token)/i);
    expect(server.requests).toHaveLength(1);
  });

  test('an unknown repository (404) fails at once', async () => {
    const { file } = await signedResults({ repository: 'octo-org/missing' });
    const run = await post(file);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::.*(404|not found)/i);
    expect(server.requests).toHaveLength(1);
  });
});

test('exhausted retries fail clearly and leave no duplicate', async () => {
  server.setFaults({
    script: [
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
      'lost-response',
    ],
    retryAfterSeconds: 0,
  });
  const { file, commit } = await signedResults();
  const run = await post(file);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toMatch(/::error::.*(retr|attempt)/i);
  expect(runsOf(commit).length).toBeLessThanOrEqual(1);
});

test('results too large for a check run fail before any request', async () => {
  const incompressible = failures(150, () => randomBytes(900).toString('base64'));
  const { file } = await signedResults({ failures: incompressible });
  const run = await post(file);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toMatch(/::error::RESULTS_TOO_LARGE/);
  expect(server.requests).toHaveLength(0);
});

test('emoji-heavy failure messages (under 65535 characters, over 65535 bytes) still post', async () => {
  const emoji = failures(4, () => '🔥💥✅'.repeat(6000));
  const { file, commit } = await signedResults({ failures: emoji });
  const run = await post(file);
  expect(run.code).toBe(0);
  const [posted] = runsOf(commit);
  expect(Buffer.byteLength(posted.output.summary ?? '')).toBeLessThanOrEqual(65535);
  expect(Buffer.byteLength(posted.output.text ?? '')).toBeLessThanOrEqual(65535);
  expect(posted.annotations).toHaveLength(4);
});

test('without a signature the result is posted unsigned, with a warning', async () => {
  const commit = randomSha();
  const file = join(folder.path, `unsigned-${commit}.json`);
  writeFileSync(file, resultsJson({ commit }));
  const run = await post(file);
  expect(run.code).toBe(0);
  expect(run.outputs.signed).toBe('false');
  expect(run.stdout).toMatch(/^::warning::.*unsigned/m);
  expect(runsOf(commit)).toHaveLength(1);
});

test('invalid results are refused before any request', async () => {
  const file = join(folder.path, 'invalid.json');
  writeFileSync(file, resultsJson({ conclusion: 'great' }));
  const run = await post(file);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toMatch(/::error::RESULTS_INVALID/);
  expect(server.requests).toHaveLength(0);
});
