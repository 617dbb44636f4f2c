// The bundled sign action (dist/sign) run as a process, the way the runner runs it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { runAction, type ActionResult } from './helpers/processes.js';
import { makeKey, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';

const folder = temporaryFolder();
let key: TestKey;
beforeAll(async () => {
  key = await makeKey('Sign action');
});
afterAll(() => folder.remove());

let counter = 0;
function resultsFile(content: string | Buffer = resultsJson()): string {
  const path = join(folder.path, `results-${++counter}.json`);
  writeFileSync(path, content);
  return path;
}

/** The sign action's inputs for `file` with the shared key and passphrase. */
function signInputs(file: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'results-file': file, 'private-key': key.privateKey, passphrase: key.passphrase, ...extra };
}

/** What a person would see in the runner's log: everything but the ::add-mask:: commands the runner consumes. */
function visibleLog(run: ActionResult): string {
  return run.log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

function expectOneLineRefusal(run: ActionResult, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(errors[0]).toContain('Fix:');
  expect(run.log).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

test('signs: the signature verifies over the exact bytes, outputs are set, the summary is written', async () => {
  const file = resultsFile();
  const run = await runAction('sign', signInputs(file));
  expect(run.code).toBe(0);
  expect(run.outputs['signature-file']).toBe(`${file}.asc`);
  expect(run.outputs.fingerprint).toBe(key.fingerprint);
  expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  const verification = await openpgp.verify({
    message: await openpgp.createMessage({ binary: readFileSync(file) }),
    signature: await openpgp.readSignature({ armoredSignature: readFileSync(`${file}.asc`, 'utf8') }),
    verificationKeys: await openpgp.readKey({ armoredKey: key.publicKey }),
    format: 'binary',
  });
  await expect(verification.signatures[0].verified).resolves.toBe(true);
  expect(run.summary).toContain(key.fingerprint);
});

test('masks the private key and passphrase before anything logs; neither appears in the log, outputs or summary', async () => {
  const file = resultsFile();
  const run = await runAction('sign', signInputs(file));
  expect(run.code).toBe(0);
  const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
  expect(masks).toContain(`::add-mask::${key.passphrase}`);
  const keyLines = key.privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
  for (const line of keyLines) expect(masks).toContain(`::add-mask::${line}`);
  // Masks come first: nothing else was printed before them.
  expect(run.stdout.split('\n')[0]).toMatch(/^::add-mask::/);
  const everything = [
    visibleLog(run),
    JSON.stringify(run.outputs),
    run.summary,
    readFileSync(`${file}.asc`, 'utf8'),
  ].join('\n');
  expect(everything).not.toContain(key.passphrase);
  for (const line of keyLines) expect(everything).not.toContain(line);
});

test('accepts the key base64-wrapped and as one line with escaped newlines', async () => {
  const wrapped = Buffer.from(key.privateKey).toString('base64');
  const escaped = key.privateKey.replace(/\n/g, '\\n');
  for (const privateKey of [wrapped, escaped]) {
    const run = await runAction('sign', {
      'results-file': resultsFile(),
      'private-key': privateKey,
      passphrase: key.passphrase,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.fingerprint).toBe(key.fingerprint);
  }
});

test('overwrites an existing signature file', async () => {
  const file = resultsFile();
  writeFileSync(`${file}.asc`, 'stale');
  const run = await runAction('sign', signInputs(file));
  expect(run.code).toBe(0);
  expect(readFileSync(`${file}.asc`, 'utf8')).toContain('BEGIN PGP SIGNATURE');
});

test('refuses on a GitHub-hosted runner unless allowed', async () => {
  const file = resultsFile();
  const refused = await runAction('sign', signInputs(file), { RUNNER_ENVIRONMENT: 'github-hosted' });
  expectOneLineRefusal(refused, /GITHUB_HOSTED_RUNNER/);
  expect(existsSync(`${file}.asc`)).toBe(false);
  const allowed = await runAction('sign', signInputs(file, { 'allow-github-hosted': 'true' }), {
    RUNNER_ENVIRONMENT: 'github-hosted',
  });
  expect(allowed.code).toBe(0);
});

test('refuses results of another repository than GITHUB_REPOSITORY', async () => {
  const file = resultsFile();
  const run = await runAction('sign', signInputs(file), { GITHUB_REPOSITORY: 'someone/else' });
  expectOneLineRefusal(run, /REPOSITORY_MISMATCH: .*octo-org\/widgets.*someone\/else/);
  expect(existsSync(`${file}.asc`)).toBe(false);
});

describe('bad input: one-line cause, non-zero exit, no stack trace, nothing written', () => {
  const cases: Array<[string, () => Record<string, string>, RegExp]> = [
    ['malformed JSON', () => ({ 'results-file': resultsFile('{"version": 1,') }), /RESULTS_NOT_JSON/],
    ['an empty file', () => ({ 'results-file': resultsFile('') }), /RESULTS_EMPTY/],
    [
      'non-UTF-8 bytes',
      () => ({ 'results-file': resultsFile(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])) }),
      /RESULTS_NOT_UTF8/,
    ],
    [
      'a schema violation',
      () => ({ 'results-file': resultsFile(resultsJson({ tests: { passed: -1, failed: 0, skipped: 0 } })) }),
      /RESULTS_INVALID: .*\/tests\/passed/,
    ],
    ['a missing results file', () => ({ 'results-file': join(folder.path, 'absent.json') }), /FILE_NOT_FOUND/],
    [
      'a public key given as private',
      () => ({ 'results-file': resultsFile(), 'private-key': key.publicKey }),
      /KEY_NOT_PRIVATE/,
    ],
    [
      'a wrong passphrase',
      () => ({ 'results-file': resultsFile(), passphrase: 'wrong-passphrase-42' }),
      /KEY_PASSPHRASE/,
    ],
    [
      'garbage armor',
      () => ({
        'results-file': resultsFile(),
        'private-key': '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PRIVATE KEY BLOCK-----',
      }),
      /KEY_UNREADABLE/,
    ],
    [
      'an empty private-key',
      () => ({ 'results-file': resultsFile(), 'private-key': '' }),
      /USAGE: input private-key is required/,
    ],
    ['a bad allow-github-hosted', () => ({ 'results-file': resultsFile(), 'allow-github-hosted': 'maybe' }), /USAGE/],
  ];
  test.each(cases)('%s', async (_name, inputs, pattern) => {
    const merged: Record<string, string> = { 'private-key': key.privateKey, passphrase: key.passphrase, ...inputs() };
    const run = await runAction('sign', merged);
    expectOneLineRefusal(run, pattern);
    expect(existsSync(`${merged['results-file']}.asc`)).toBe(false);
    expect(run.outputs).toEqual({});
    expect(visibleLog(run)).not.toContain(key.passphrase);
    if (merged.passphrase !== key.passphrase) expect(visibleLog(run)).not.toContain(merged.passphrase);
  });
});
