// The bundled verify action (dist/verify) reading check runs from the GitHub API test server, run as a
// process: which run decides (red-team findings), results naming their check, waiting, forks, merge queues.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { runAction, runCli, type ActionResult } from './helpers/processes.js';
import { makeKey, randomSha, REPOSITORY, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';
import {
  startGitHubApiServer,
  writeEventPayload,
  type EventKind,
  type GitHubApiServer,
} from '../packages/github-api-server/src/index.js';
import { encodeEmbeddedBlock } from '../packages/checks/src/index.js';

const folder = temporaryFolder();
let key: TestKey;
let stranger: TestKey;
let server: GitHubApiServer;
const MINUTE = 60_000;

beforeAll(async () => {
  const yesterday = new Date(Date.now() - 86400_000);
  [key, stranger] = await Promise.all([makeKey('Gate', { date: yesterday }), makeKey('Stranger', { date: yesterday })]);
  mkdirSync(join(folder.path, 'keys'));
  writeFileSync(join(folder.path, 'keys', 'trusted.asc'), key.publicKey);
  server = await startGitHubApiServer();
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

/** The embedded block of results signed by `signer` at `signedAt`; unsigned when signer is null. */
async function block(results: string, signedAt: Date, signer: TestKey | null = key): Promise<string> {
  if (!signer) return encodeEmbeddedBlock({ resultsBytes: Buffer.from(results), signature: null });
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: signer.privateKey }),
    passphrase: signer.passphrase,
  });
  const message = await openpgp.createMessage({ binary: Buffer.from(results) });
  const signature = (await openpgp.sign({
    message,
    signingKeys: privateKey,
    detached: true,
    date: signedAt,
  })) as string;
  return encodeEmbeddedBlock({ resultsBytes: Buffer.from(results), signature });
}

async function api(method: string, path: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${server.url}/repos/${REPOSITORY}${path}`, {
    method,
    headers: { authorization: 'token test-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number };
}

/** A check run as anyone with checks: write can make one: any text, any status and completed_at. */
async function createRun(
  sha: string,
  text: string,
  fields: Record<string, unknown> = {},
  name = 'local-ci',
): Promise<number> {
  const completed = {
    status: 'completed',
    conclusion: 'success',
    completed_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  return (
    await api('POST', '/check-runs', {
      name,
      head_sha: sha,
      output: { title: 't', summary: 's', text },
      ...completed,
      ...fields,
    })
  ).id;
}

function verify(
  sha: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionResult> {
  return runAction(
    'verify',
    { 'trusted-keys-file': join(folder.path, 'keys', '*.asc'), token: 'test-token', 'wait-timeout': '0', ...inputs },
    { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: sha, ...env },
  );
}

const errorLine = (run: ActionResult) => run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
const pass = (sha: string, extra: Record<string, unknown> = {}) =>
  resultsJson({ commit: sha, check: 'local-ci', ...extra });
const fail = (sha: string) => pass(sha, { conclusion: 'failure', tests: { passed: 9, failed: 1, skipped: 0 } });

function expectRejectedWithEmptyOutputs(run: ActionResult, reason: string): void {
  expect(run.code).not.toBe(0);
  expect(run.outputs).toMatchObject({ verified: 'false', conclusion: '', 'signed-at': '', fingerprint: '', reason });
}

describe('which run decides: the newest trusted signature, never the run metadata', () => {
  test('an old PASS re-posted with completed_at 2099 does not beat a newer genuine FAIL (max-age 1h)', async () => {
    const sha = randomSha();
    const oldPass = await block(pass(sha), new Date(Date.now() - 30 * MINUTE));
    await createRun(sha, await block(fail(sha), new Date(Date.now() - 10 * MINUTE)), { conclusion: 'failure' });
    await createRun(sha, oldPass, { completed_at: '2099-01-01T00:00:00Z', started_at: '2099-01-01T00:00:00Z' });
    const run = await verify(sha, { 'max-age': '1h' });
    expectRejectedWithEmptyOutputs(run, 'THRESHOLDS_NOT_MET');
    expect(run.outputs.signed).toBe('true');
    expect(errorLine(run)).toMatch(/conclusion is failure/);
  });

  test('PATCHing the newest FAIL to in_progress, or to an old completed_at, still leaves it deciding', async () => {
    const sha = randomSha();
    await createRun(sha, await block(pass(sha), new Date(Date.now() - 30 * MINUTE)));
    const failId = await createRun(sha, await block(fail(sha), new Date(Date.now() - 10 * MINUTE)), {
      conclusion: 'failure',
    });
    await api('PATCH', `/check-runs/${failId}`, { status: 'in_progress' });
    expectRejectedWithEmptyOutputs(await verify(sha), 'THRESHOLDS_NOT_MET');
    await api('PATCH', `/check-runs/${failId}`, { conclusion: 'failure', completed_at: '2001-01-01T00:00:00Z' });
    const run = await verify(sha);
    expectRejectedWithEmptyOutputs(run, 'THRESHOLDS_NOT_MET');
    expect(run.outputs['check-run-id']).toBe(String(failId));
  });

  test('a broken run dated 2099 does not block a genuine PASS, before or after it', async () => {
    const sha = randomSha();
    await createRun(sha, 'not a block at all', { completed_at: '2099-01-01T00:00:00Z' });
    const passId = await createRun(sha, await block(pass(sha), new Date()));
    await createRun(sha, await block(pass(sha), new Date(), stranger), { completed_at: '2099-06-01T00:00:00Z' });
    const run = await verify(sha);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      verified: 'true',
      'check-run-id': String(passId),
      fingerprint: key.fingerprint,
      conclusion: 'success',
      reason: '',
    });
    expect(run.summary).toMatch(/Run #\d+ decided: the newest trusted signature/);
  });

  test('a cross-name replay (a genuine e2e result posted as local-ci) fails binding, naming both', async () => {
    const sha = randomSha();
    await createRun(sha, await block(pass(sha, { check: 'e2e' }), new Date()));
    const run = await verify(sha);
    expectRejectedWithEmptyOutputs(run, 'CHECK_NAME_MISMATCH');
    expect(errorLine(run)).toMatch(/signed for check "e2e", not for "local-ci"/);
  });

  test('only junk and untrusted runs: the newest by id is reported with its own failure', async () => {
    const sha = randomSha();
    await createRun(sha, 'junk');
    await createRun(sha, await block(pass(sha), new Date(), stranger), { completed_at: '2001-01-01T00:00:00Z' });
    const run = await verify(sha);
    expectRejectedWithEmptyOutputs(run, 'SIGNATURE_UNTRUSTED_KEY');
    expect(run.outputs.signed).toBe('false');
  });
});

describe('waiting for the trusted runner', () => {
  test('started before the post, verified within about one interval of the post arriving 3 s later', async () => {
    const sha = randomSha();
    const text = await block(pass(sha), new Date());
    const running = verify(sha, { 'wait-timeout': '30s', 'wait-interval': '1s' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await createRun(sha, text);
    const posted = Date.now();
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.outputs.verified).toBe('true');
    expect(Date.now() - posted).toBeLessThan(1000 + 1500);
    expect(run.stdout).toMatch(
      /Waiting for local-ci: no check run yet on [0-9a-f]{40} in octo-org\/widgets \(look 1; next in 1s, \d+s of wait-timeout left\)/,
    );
  });

  test('no post at all: fails at the timeout, naming the check, the sha and the repository', async () => {
    const sha = randomSha();
    const started = Date.now();
    const run = await verify(sha, { 'wait-timeout': '2s', 'wait-interval': '500ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expectRejectedWithEmptyOutputs(run, 'CHECK_RUN_WAIT_TIMED_OUT');
    expect(errorLine(run)).toContain(`No check run named local-ci on ${sha} in ${REPOSITORY} after waiting`);
  });

  test('junk and untrusted runs never end the wait early', async () => {
    const sha = randomSha();
    await createRun(sha, 'junk');
    await createRun(sha, await block(pass(sha), new Date(), stranger));
    const started = Date.now();
    const run = await verify(sha, { 'wait-timeout': '1500ms', 'wait-interval': '300ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expectRejectedWithEmptyOutputs(run, 'SIGNATURE_UNTRUSTED_KEY');
    expect(run.stdout).toMatch(
      /local-ci: 2 run\(s\), none signed by a trusted key \(SIGNATURE_UNTRUSTED_KEY on the newest/,
    );
  });

  test('20 polls and more spend at most 2 requests that count against the rate limit', async () => {
    const sha = randomSha();
    const text = await block(pass(sha), new Date());
    const before = server.rateLimitConsumed('test-token');
    const requestsBefore = server.requests.length;
    const running = verify(sha, { 'wait-timeout': '30s', 'wait-interval': '100ms' });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const id = await createRun(sha, text);
    const run = await running;
    expect(run.outputs).toMatchObject({ verified: 'true', 'check-run-id': String(id) });
    const polls = server.requests
      .slice(requestsBefore)
      .filter((request) => request.path.endsWith(`/commits/${sha}/check-runs`));
    expect(polls.filter((request) => request.status === 304).length).toBeGreaterThanOrEqual(20);
    // The first listing and the final read; the POST that created the run counts too.
    expect(server.rateLimitConsumed('test-token') - before - 1).toBeLessThanOrEqual(2);
  });
});

describe('events', () => {
  const event = (kind: EventKind, sha: string) =>
    writeEventPayload(folder.path, kind, { repository: REPOSITORY, sha, baseSha: 'b'.repeat(40) });

  test('a pull request from a fork fails at once, saying why and how a maintainer gets it verified', async () => {
    const sha = randomSha();
    const started = Date.now();
    const run = await runAction(
      'verify',
      { 'trusted-keys-file': join(folder.path, 'keys', '*.asc'), token: 'test-token' },
      {
        GITHUB_API_URL: server.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SHA: 'c'.repeat(40),
        ...event('pull_request_fork', sha),
      },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expectRejectedWithEmptyOutputs(run, 'FORK_PULL_REQUEST');
    expect(errorLine(run)).toMatch(
      /trusted runners do not run code from forks.*reviews the change, then pushes the head to a branch of this repository/,
    );
  });

  test('the CLI on a fork pull request fails at once too, with the same reason', async () => {
    const sha = randomSha();
    const started = Date.now();
    const run = await runCli(
      ['verify', '--trusted-keys-file', join(folder.path, 'keys', '*.asc'), '--api-url', server.url],
      {
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SHA: 'c'.repeat(40),
        ...event('pull_request_fork', sha),
      },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/trusted runners do not run code from forks/);
    expect(run.stdout).toMatch(/pushes the head to a branch of this repository/);
  });

  test('a fork pull request whose head a maintainer pushed and the trusted runner signed verifies', async () => {
    const sha = randomSha();
    await createRun(sha, await block(pass(sha), new Date()));
    const run = await verify(sha, {}, event('pull_request_fork', sha));
    expect(run.outputs.verified).toBe('true');
  });

  test('merge_group binds to merge_group.head_sha', async () => {
    const group = randomSha();
    await createRun(group, await block(pass(group), new Date()));
    const run = await verify('f'.repeat(40), {}, event('merge_group', group));
    expect(run.outputs.verified).toBe('true');
    const other = randomSha();
    await createRun(other, await block(pass(group), new Date()));
    expectRejectedWithEmptyOutputs(await verify('f'.repeat(40), {}, event('merge_group', other)), 'BINDING_MISMATCH');
  });

  test('workflow_run binds to workflow_run.head_sha; pull_request_target is refused as a usage error', async () => {
    const sha = randomSha();
    await createRun(sha, await block(pass(sha), new Date()));
    expect((await verify('f'.repeat(40), {}, event('workflow_run', sha))).outputs.verified).toBe('true');
    const target = { ...event('pull_request', sha), GITHUB_EVENT_NAME: 'pull_request_target' };
    const refused = await verify(sha, {}, target);
    expect(refused.code).not.toBe(0);
    expect(refused.outputs).toMatchObject({ verified: 'false', reason: 'USAGE' });
    expect(errorLine(refused)).toMatch(/pull_request_target.*Fix: Run the verifier on pull_request/);
  });
});

describe('results name their check: the post side', () => {
  test('the post action refuses a result whose check differs from check-name, before any request', async () => {
    const file = join(folder.path, 'e2e-results.json');
    writeFileSync(file, resultsJson({ commit: randomSha(), check: 'e2e' }));
    const before = server.requests.length;
    const run = await runAction(
      'post',
      { 'results-file': file, 'check-name': 'local-ci', token: 'test-token' },
      { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY },
    );
    expect(run.code).not.toBe(0);
    expect(errorLine(run)).toMatch(
      /^::error::CHECK_NAME_MISMATCH: .*names check "e2e", but it was to be posted as "local-ci"; nothing was posted\..*Fix: /,
    );
    expect(server.requests.length).toBe(before);
  });
});
