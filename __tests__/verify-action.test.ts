// The bundled verify action (dist/verify) on local files, run as a process the way the runner runs it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { runAction } from './helpers/processes.js';
import { makeKey, REPOSITORY, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';

const folder = temporaryFolder();
const sha = 'd'.repeat(40);
let key: TestKey;
let stranger: TestKey;

beforeAll(async () => {
  // Made a day ago, so that signatures can be dated in the past (never before their key).
  const yesterday = new Date(Date.now() - 86400_000);
  [key, stranger] = await Promise.all([
    makeKey('Verify action', { date: yesterday }),
    makeKey('Stranger', { date: yesterday }),
  ]);
  mkdirSync(join(folder.path, 'keys'));
  writeFileSync(join(folder.path, 'keys', 'trusted.asc'), key.publicKey);
});
afterAll(() => folder.remove());

let counter = 0;
async function signedFile(content: string, signer: TestKey = key, date?: Date): Promise<string> {
  const path = join(folder.path, `results-${++counter}.json`);
  writeFileSync(path, content);
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: signer.privateKey }),
    passphrase: signer.passphrase,
  });
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(content) }),
    signingKeys: privateKey,
    detached: true,
    date,
  });
  writeFileSync(`${path}.asc`, signature as string);
  return path;
}

function inputs(file: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'results-file': file, 'trusted-keys-file': join(folder.path, 'keys', '*.asc'), ...extra };
}
const env = { GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: sha };

test('a signed, bound, passing result verifies: outputs and a summary row per check', async () => {
  const file = await signedFile(resultsJson({ commit: sha }));
  const run = await runAction('verify', inputs(file, { 'min-coverage': '80', 'max-age': '1h' }), env);
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({
    verified: 'true',
    signed: 'true',
    fingerprint: key.fingerprint,
    conclusion: 'success',
  });
  expect(new Date(run.outputs['signed-at']).getTime()).toBeGreaterThan(Date.now() - 60_000);
  for (const title of ['Signature present', 'Signature valid', 'Bound to repository and commit', 'Fresh', 'Thresholds'])
    expect(run.summary).toMatch(new RegExp(`\\| ${title} \\| ✅ \\|`));
});

test('trusted-keys given inline work like the file', async () => {
  const file = await signedFile(resultsJson({ commit: sha }));
  const run = await runAction('verify', { 'results-file': file, 'trusted-keys': key.publicKey }, env);
  expect(run.outputs.verified).toBe('true');
});

test('on pull_request events the results are bound to the head sha, not the merge commit', async () => {
  const head = 'e'.repeat(40);
  const event = join(folder.path, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { head: { sha: head } } }));
  const file = await signedFile(resultsJson({ commit: head }));
  const run = await runAction('verify', inputs(file), {
    ...env,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
  });
  expect(run.outputs.verified).toBe('true');
});

const rejections: Array<[string, () => Promise<{ file: string; extra?: Record<string, string> }>, RegExp]> = [
  [
    'a signature by an untrusted key',
    async () => ({ file: await signedFile(resultsJson({ commit: sha }), stranger) }),
    /untrusted|not trusted|trusted key/i,
  ],
  [
    'one flipped byte',
    async () => {
      const file = await signedFile(resultsJson({ commit: sha }));
      writeFileSync(file, resultsJson({ commit: sha }).replace('"passed": 10', '"passed": 11'));
      return { file };
    },
    /invalid|altered|does not match/i,
  ],
  [
    'results of another commit',
    async () => ({ file: await signedFile(resultsJson({ commit: 'f'.repeat(40) })) }),
    /ffffffff/,
  ],
  [
    'a failing conclusion',
    async () => ({ file: await signedFile(resultsJson({ commit: sha, conclusion: 'failure' })) }),
    /conclusion/i,
  ],
  [
    'coverage below min-coverage',
    async () => ({ file: await signedFile(resultsJson({ commit: sha })), extra: { 'min-coverage': '95' } }),
    /coverage/i,
  ],
  [
    'a signature older than max-age',
    async () => ({
      file: await signedFile(resultsJson({ commit: sha }), key, new Date(Date.now() - 3 * 3600_000)),
      extra: { 'max-age': '1h' },
    }),
    /age|old/i,
  ],
];

test.each(rejections)('rejects %s: verified=false, the step fails with the reason', async (_name, make, reason) => {
  const { file, extra } = await make();
  const run = await runAction('verify', inputs(file, extra), env);
  expect(run.code).not.toBe(0);
  expect(run.outputs.verified).toBe('false');
  const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'));
  expect(error).toMatch(reason);
  expect(run.summary).toMatch(/❌/);
  expect(run.log).not.toMatch(/\n\s+at .+:\d+:\d+/);
});

test('unsigned results fail unless allow-unsigned, which then warns and sets signed=false', async () => {
  const file = join(folder.path, 'unsigned.json');
  writeFileSync(file, resultsJson({ commit: sha }));
  const refused = await runAction('verify', inputs(file), env);
  expect(refused.code).not.toBe(0);
  expect(refused.outputs.verified).toBe('false');
  const allowed = await runAction('verify', inputs(file, { 'allow-unsigned': 'true' }), env);
  expect(allowed.code).toBe(0);
  expect(allowed.outputs).toMatchObject({ verified: 'true', signed: 'false' });
  expect(allowed.stdout).toMatch(/^::warning::/m);
});

test('a bad signature is never rescued by allow-unsigned', async () => {
  const file = await signedFile(resultsJson({ commit: sha }), stranger);
  const run = await runAction('verify', inputs(file, { 'allow-unsigned': 'true' }), env);
  expect(run.code).not.toBe(0);
  expect(run.outputs.verified).toBe('false');
});

test('bad inputs are one-line usage refusals', async () => {
  const file = await signedFile(resultsJson({ commit: sha }));
  const badInputs: Record<string, string>[] = [
    { 'max-age': 'forever' },
    { 'max-failed-tests': '-1' },
    { 'allow-unsigned': 'sometimes' },
  ];
  for (const extra of badInputs) {
    const run = await runAction('verify', inputs(file, extra), env);
    expect(run.code).not.toBe(0);
    expect(run.outputs.verified).toBe('false');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toHaveLength(1);
  }
  const noKeys = await runAction(
    'verify',
    { 'results-file': file, 'trusted-keys-file': join(folder.path, 'nothing-*.asc') },
    env,
  );
  expect(noKeys.stdout).toMatch(/::error::TRUSTED_KEYS_FILE_NOT_FOUND/);
});
