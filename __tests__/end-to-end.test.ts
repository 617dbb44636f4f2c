// The whole flow as users run it: keygen (CLI), sign and post (actions on the trusted runner), verify (the action
// on GitHub reading the check run back), every piece a separate process, GitHub played by the test server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHubApiServer, type GitHubApiServer } from '../packages/github-api-server/src/index.js';
import { runAction, runCli } from './helpers/processes.js';
import { randomSha, REPOSITORY, resultsJson, temporaryFolder } from './helpers/fixtures.js';

const folder = temporaryFolder();
let server: GitHubApiServer;
const keys: Record<'trusted' | 'untrusted', { privateKey: string; passphrase: string; fingerprint: string }> =
  {} as never;

beforeAll(async () => {
  server = await startGitHubApiServer({ tokens: { 'runner-token': 'write', 'verifier-token': 'read-only' } });
  for (const name of ['trusted', 'untrusted'] as const) {
    const passphraseFile = join(folder.path, `${name}.pass`);
    writeFileSync(passphraseFile, `${name}-passphrase-${Math.random()}\n`);
    const out = join(folder.path, name);
    const keygen = await runCli([
      'keygen',
      '--name',
      `${name} runner`,
      '--email',
      `${name}@example.com`,
      '--out-dir',
      out,
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(keygen.code).toBe(0);
    keys[name] = {
      privateKey: readFileSync(join(out, 'private-key.asc'), 'utf8'),
      passphrase: readFileSync(passphraseFile, 'utf8').trimEnd(),
      fingerprint: keygen.stdout.trim(),
    };
  }
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

const runnerEnv = () => ({
  GITHUB_API_URL: server.url,
  GITHUB_REPOSITORY: REPOSITORY,
  RUNNER_ENVIRONMENT: 'self-hosted',
});

/** The trusted runner's job: write results, sign them, post them. */
async function trustedRunnerJob(
  commit: string,
  options: { signer?: 'trusted' | 'untrusted' | null; checkName?: string; content?: string } = {},
) {
  const file = join(folder.path, `results-${commit}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, options.content ?? resultsJson({ commit }));
  const signer = options.signer === undefined ? 'trusted' : options.signer;
  if (signer) {
    const sign = await runAction(
      'sign',
      { 'results-file': file, 'private-key': keys[signer].privateKey, passphrase: keys[signer].passphrase },
      runnerEnv(),
    );
    expect(sign.code).toBe(0);
  }
  const post = await runAction(
    'post',
    {
      'results-file': file,
      token: 'runner-token',
      'check-name': options.checkName ?? 'local-ci',
      'retry-delay': '0.01',
      'request-timeout': '2',
    },
    runnerEnv(),
  );
  expect(post.code).toBe(0);
  return post;
}

/** The ci-local-verifier job on GitHub. */
function verifierJob(commit: string, extra: Record<string, string> = {}) {
  return runAction(
    'verify',
    // The trusted runner has posted already: verify at once (waiting has tests of its own in verify-gate).
    {
      'trusted-keys-file': join(folder.path, 'trusted', 'public-key.asc'),
      token: 'verifier-token',
      'check-name': 'local-ci',
      'wait-timeout': '0',
      ...extra,
    },
    { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: commit, GITHUB_EVENT_NAME: 'push' },
  );
}

test('keygen -> sign -> post -> verify from the check run', async () => {
  const commit = randomSha();
  const post = await trustedRunnerJob(commit);
  const verify = await verifierJob(commit);
  expect(verify.code).toBe(0);
  expect(verify.outputs).toMatchObject({
    verified: 'true',
    signed: 'true',
    fingerprint: keys.trusted.fingerprint,
    conclusion: 'success',
    'check-run-id': post.outputs['check-run-id'],
  });
  expect(verify.summary).toContain(keys.trusted.fingerprint);
});

test('a run signed by an untrusted key is rejected', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit, { signer: 'untrusted' });
  const verify = await verifierJob(commit);
  expect(verify.code).not.toBe(0);
  expect(verify.outputs.verified).toBe('false');
});

test('an unsigned run is rejected unless allow-unsigned', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit, { signer: null });
  expect((await verifierJob(commit)).outputs.verified).toBe('false');
  const allowed = await verifierJob(commit, { 'allow-unsigned': 'true' });
  expect(allowed.outputs).toMatchObject({ verified: 'true', signed: 'false' });
});

test('a signed run of commit A copied onto commit B is rejected', async () => {
  const commitA = randomSha();
  const commitB = randomSha();
  await trustedRunnerJob(commitA);
  const original = server.checkRuns('octo-org', 'widgets').find((run) => run.head_sha === commitA)!;
  // Anyone with checks: write can copy the output onto another commit.
  const response = await fetch(`${server.url}/repos/${REPOSITORY}/check-runs`, {
    method: 'POST',
    headers: { authorization: 'token runner-token', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'local-ci',
      head_sha: commitB,
      status: 'completed',
      conclusion: 'success',
      output: { title: original.output.title, summary: original.output.summary, text: original.output.text },
    }),
  });
  expect(response.status).toBe(201);
  const verify = await verifierJob(commitB);
  expect(verify.outputs.verified).toBe('false');
  expect(verify.stdout).toMatch(new RegExp(`::error::.*${commitA}`));
});

test('a newer run by an untrusted key cannot displace the genuine result: only trusted signatures decide', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit);
  expect((await verifierJob(commit)).outputs.verified).toBe('true');
  await trustedRunnerJob(commit, { signer: 'untrusted', content: resultsJson({ commit, run: { attempt: 2 } }) });
  const verify = await verifierJob(commit);
  expect(verify.outputs).toMatchObject({ verified: 'true', fingerprint: keys.trusted.fingerprint });
});

test('a newer genuine failure after a genuine pass is what decides', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // signature times are to the second
  await trustedRunnerJob(commit, {
    content: resultsJson({ commit, conclusion: 'failure', tests: { passed: 9, failed: 1, skipped: 0 } }),
  });
  const verify = await verifierJob(commit);
  expect(verify.outputs).toMatchObject({
    verified: 'false',
    reason: 'THRESHOLDS_NOT_MET',
    conclusion: '',
    fingerprint: '',
  });
});

test('a re-run with the same results verifies', async () => {
  const commit = randomSha();
  const content = resultsJson({ commit });
  const first = await trustedRunnerJob(commit, { content });
  const second = await trustedRunnerJob(commit, { content });
  expect(second.outputs['check-run-id']).toBe(first.outputs['check-run-id']);
  expect((await verifierJob(commit)).outputs.verified).toBe('true');
});

test('no run for the commit: a failure naming the check, the sha and the repository', async () => {
  const commit = randomSha();
  const verify = await verifierJob(commit);
  expect(verify.code).not.toBe(0);
  expect(verify.stdout).toMatch(new RegExp(`::error::.*local-ci.*${commit}.*${REPOSITORY}`));
});

test('several check names: each must verify, read with one listing', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit, { checkName: 'local-ci / linux' });
  await trustedRunnerJob(commit, { checkName: 'local-ci / windows', signer: 'untrusted' });
  const before = server.requests.length;
  const verify = await verifierJob(commit, { 'check-name': 'local-ci / linux\nlocal-ci / windows' });
  expect(verify.outputs.verified).toBe('false');
  // Outputs describe only what verified: nothing here did as a whole, so no signer is claimed.
  expect(verify.outputs.fingerprint).toBe('');
  // With several names, a result that does not name its check could stand in for another: refused.
  expect(verify.outputs.reason.split('\n')).toEqual(['CHECK_NAME_MISSING', 'SIGNATURE_UNTRUSTED_KEY']);
  expect(verify.summary).toContain('local-ci / linux');
  expect(verify.summary).toContain('local-ci / windows');
  expect(server.requests.length - before).toBe(1);
  const linuxOnly = await verifierJob(commit, { 'check-name': 'local-ci / linux' });
  expect(linuxOnly.outputs.verified).toBe('true');
});

test('verification survives transient faults on the reads', async () => {
  const commit = randomSha();
  await trustedRunnerJob(commit);
  server.setFaults({
    script: ['status-502-html', 'connection-reset', 'status-429-retry-after'],
    methods: ['GET'],
    retryAfterSeconds: 0,
  });
  const verify = await runAction(
    'verify',
    { 'trusted-keys-file': join(folder.path, 'trusted', 'public-key.asc'), token: 'verifier-token' },
    { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: commit },
  );
  expect(verify.outputs.verified).toBe('true');
  expect(verify.stdout).toMatch(/retrying in/);
  server.setFaults(undefined);
});
