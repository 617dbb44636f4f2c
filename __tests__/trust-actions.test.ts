// Issue 8 through the committed bundles (dist/sign, dist/post, dist/verify) run as processes: revocations,
// pinned key files, bounded inputs, no echoed content, commit binding on sign, unreadable signatures on post.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { runAction, runCli, type ActionResult } from './helpers/processes.js';
import { makeKey, REPOSITORY, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';

const folder = temporaryFolder();
const sha = 'c'.repeat(40);
const env = { GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: sha };
const TOKEN = 'ghp_plantedTOKEN0123456789abcdefghijklmn';
let key: TestKey;
let stranger: TestKey;
let counter = 0;

beforeAll(async () => {
  const yesterday = new Date(Date.now() - 86400_000);
  [key, stranger] = await Promise.all([makeKey('Trust', { date: yesterday }), makeKey('Mallory', { date: yesterday })]);
});
afterAll(() => folder.remove());

async function signature(
  content: string,
  signer: TestKey,
  format: 'armored' | 'binary' = 'armored',
): Promise<string | Uint8Array> {
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: signer.privateKey }),
    passphrase: signer.passphrase,
  });
  const message = await openpgp.createMessage({ binary: Buffer.from(content) });
  if (format === 'binary') return openpgp.sign({ message, signingKeys: privateKey, detached: true, format: 'binary' });
  return openpgp.sign({ message, signingKeys: privateKey, detached: true });
}

async function signedFile(signer: TestKey = key, format: 'armored' | 'binary' = 'armored'): Promise<string> {
  const path = join(folder.path, `results-${++counter}.json`);
  const content = resultsJson({ commit: sha });
  writeFileSync(path, content);
  writeFileSync(`${path}.asc`, await signature(content, signer, format));
  return path;
}

function keyDir(files: Record<string, string | Uint8Array>): string {
  const dir = join(folder.path, `keys-${++counter}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return join(dir, '*.asc');
}

function errorLine(run: ActionResult): string {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
}

describe('verify', () => {
  test('a binary revocation appended to the key file revokes it, and the summary lists the key', async () => {
    const binaryRevocation = (await openpgp.unarmor(key.revocationCertificate)).data as unknown as Uint8Array;
    const pattern = keyDir({
      [`${key.fingerprint}.asc`]: Buffer.concat([Buffer.from(key.publicKey), Buffer.from(binaryRevocation)]),
    });
    const run = await runAction('verify', { 'results-file': await signedFile(), 'trusted-keys-file': pattern }, env);
    expect(run.outputs.verified).toBe('false');
    expect(run.summary).toContain('`KEY_REVOKED`');
    expect(run.summary).toContain(`Revoked trusted keys (every result they signed is refused): \`${key.fingerprint}\``);
  });

  test("a file named after the key's fingerprint that holds another key is refused, naming both", async () => {
    const pattern = keyDir({ [`${key.fingerprint}.asc`]: stranger.publicKey });
    const run = await runAction(
      'verify',
      { 'results-file': await signedFile(stranger), 'trusted-keys-file': pattern },
      env,
    );
    expect(run.code).not.toBe(0);
    expect(errorLine(run)).toMatch(
      new RegExp(
        `TRUSTED_KEY_FILE_MISMATCH: .*named after ${key.fingerprint} but holds the key\\(s\\) ${stranger.fingerprint}`,
      ),
    );
  });

  test('trusted-fingerprints trusts only the keys it lists', async () => {
    const both = `${key.publicKey}\n${stranger.publicKey}`;
    const run = await runAction(
      'verify',
      { 'results-file': await signedFile(), 'trusted-keys': both, 'trusted-fingerprints': stranger.fingerprint },
      env,
    );
    expect(run.outputs.verified).toBe('false');
    expect(run.summary).toContain('`SIGNATURE_UNTRUSTED_KEY`');
    const allowed = await runAction(
      'verify',
      {
        'results-file': await signedFile(),
        'trusted-keys': both,
        'trusted-fingerprints': `${stranger.fingerprint},${key.fingerprint}`,
      },
      env,
    );
    expect(allowed.outputs.verified).toBe('true');
  });

  test('a binary detached signature file verifies', async () => {
    const run = await runAction(
      'verify',
      { 'results-file': await signedFile(key, 'binary'), 'trusted-keys': key.publicKey },
      env,
    );
    expect(run.outputs).toMatchObject({ verified: 'true', fingerprint: key.fingerprint });
  });

  test('9 signature packets are refused before any is checked', async () => {
    const path = join(folder.path, `flood-${++counter}.json`);
    const content = resultsJson({ commit: sha });
    writeFileSync(path, content);
    const one = (await openpgp.unarmor((await signature(content, key)) as string)).data as unknown as Uint8Array;
    writeFileSync(
      `${path}.asc`,
      openpgp.armor(openpgp.enums.armor.signature, Buffer.concat(Array.from({ length: 9 }, () => Buffer.from(one)))),
    );
    const run = await runAction('verify', { 'results-file': path, 'trusted-keys': key.publicKey }, env);
    expect(run.outputs.verified).toBe('false');
    expect(run.summary).toContain('`SIGNATURE_TOO_MANY_PACKETS`');
  });

  test.each([
    [
      'a FIFO as the results file',
      () => {
        const fifo = join(folder.path, `fifo-${++counter}`);
        execFileSync('mkfifo', [fifo]);
        return { 'results-file': fifo, 'trusted-keys': key.publicKey };
      },
      /FILE_NOT_REGULAR/,
    ],
    [
      '/dev/zero as a trusted key file',
      () => ({ 'results-file': join(folder.path, 'none.json'), 'trusted-keys-file': '/dev/zero' }),
      /FILE_NOT_REGULAR: Trusted key file \/dev\/zero is a device, not a regular file/,
    ],
    [
      'a FIFO as a trusted key file',
      () => {
        const dir = join(folder.path, `fifo-keys-${++counter}`);
        mkdirSync(dir);
        execFileSync('mkfifo', [join(dir, 'key.asc')]);
        return { 'results-file': join(folder.path, 'none.json'), 'trusted-keys-file': join(dir, 'key.asc') };
      },
      /FILE_NOT_REGULAR: Trusted key file .*key\.asc is a FIFO \(named pipe\), not a regular file/,
    ],
    [
      'an oversize results file',
      () => {
        const big = join(folder.path, `big-${++counter}.json`);
        writeFileSync(big, '');
        truncateSync(big, 16 * 1024 * 1024 + 1);
        return { 'results-file': big, 'trusted-keys': key.publicKey };
      },
      /FILE_TOO_LARGE: .*16 MiB/,
    ],
  ])('%s is refused at once', async (_name, makeInputs, code) => {
    const started = Date.now();
    const run = await runAction('verify', makeInputs(), env);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).not.toBe(0);
    expect(errorLine(run)).toMatch(code);
  });

  test('a FIFO matched by the trusted-keys-file glob never stalls verify: refused, or not read at all', async () => {
    // The glob (tinyglobby) lists no FIFOs, so today the pipe is left out and the good key beside it decides.
    const dir = join(folder.path, `fifo-glob-${++counter}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.asc'), key.publicKey);
    execFileSync('mkfifo', [join(dir, 'b-pipe.asc')]);
    const started = Date.now();
    const run = await runAction(
      'verify',
      { 'results-file': await signedFile(), 'trusted-keys-file': join(dir, '*.asc') },
      env,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    if (run.code === 0) expect(run.outputs).toMatchObject({ verified: 'true', fingerprint: key.fingerprint });
    else expect(errorLine(run)).toMatch(/FILE_NOT_REGULAR: Trusted key file .*b-pipe\.asc is a FIFO/);
  });

  test('a results file symlinked to a file with a token: the token appears nowhere', async () => {
    const secret = join(folder.path, `credentials-${++counter}`);
    writeFileSync(secret, `machine github.com login ci password ${TOKEN}\n`);
    const link = join(folder.path, `results-link-${counter}.json`);
    symlinkSync(secret, link);
    const unsigned = await runAction(
      'verify',
      { 'results-file': link, 'allow-unsigned': 'true', 'trusted-keys': key.publicKey },
      env,
    );
    expect(unsigned.code).not.toBe(0);
    expect(unsigned.summary).toContain('`RESULTS_NOT_JSON`');
    const planted = join(folder.path, `planted-${counter}.json`);
    writeFileSync(planted, resultsJson({ commit: TOKEN }));
    const invalid = await runAction(
      'verify',
      { 'results-file': planted, 'allow-unsigned': 'true', 'trusted-keys': key.publicKey },
      env,
    );
    expect(invalid.summary).toContain('`RESULTS_INVALID`');
    for (const run of [unsigned, invalid]) {
      expect(run.log).not.toContain('ghp_');
      expect(run.summary).not.toContain('ghp_');
      expect(JSON.stringify(run.outputs)).not.toContain('ghp_');
    }
  });
});

describe('sign', () => {
  test('refuses results for another commit than the run tested, naming both; the sha input overrides', async () => {
    const path = join(folder.path, `sign-${++counter}.json`);
    const other = 'a'.repeat(40);
    writeFileSync(path, resultsJson({ commit: other }));
    const base = { 'results-file': path, 'private-key': key.privateKey, passphrase: key.passphrase };
    const refused = await runAction('sign', base, env);
    expect(refused.code).not.toBe(0);
    expect(errorLine(refused)).toMatch(
      new RegExp(`COMMIT_MISMATCH: results are for commit ${other} but this run tested ${sha}`),
    );
    const signed = await runAction('sign', { ...base, sha: other }, env);
    expect(signed.code).toBe(0);
    expect(signed.outputs.fingerprint).toBe(key.fingerprint);
  });

  test('the CLI takes --sha, and outside Actions checks nothing by default', async () => {
    const path = join(folder.path, `cli-sign-${++counter}.json`);
    writeFileSync(path, resultsJson({ commit: 'b'.repeat(40) }));
    const keyFile = join(folder.path, `key-${counter}.asc`);
    writeFileSync(keyFile, key.privateKey);
    const cliEnv = { CI_SIGNING_PASSPHRASE: key.passphrase };
    const refused = await runCli(['sign', '--results-file', path, '--private-key-file', keyFile, '--sha', sha], cliEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('COMMIT_MISMATCH');
    expect((await runCli(['sign', '--results-file', path, '--private-key-file', keyFile], cliEnv)).code).toBe(0);
  });
});

describe('post', () => {
  test('a signature with no readable signature packet fails with SIGNATURE_MALFORMED before any request', async () => {
    const path = join(folder.path, `post-${++counter}.json`);
    writeFileSync(path, resultsJson({ commit: sha }));
    writeFileSync(`${path}.asc`, '-----BEGIN PGP SIGNATURE-----\n\nzQNhYmM=\n-----END PGP SIGNATURE-----\n');
    // Port 9 (discard): any request would fail with a connection error instead.
    const run = await runAction(
      'post',
      { 'results-file': path, token: 'token', retries: '0' },
      { ...env, GITHUB_API_URL: 'http://127.0.0.1:9' },
    );
    expect(run.code).not.toBe(0);
    expect(errorLine(run)).toContain('SIGNATURE_MALFORMED');
    expect(run.log).not.toMatch(/toHex|INTERNAL|connection/i);
  });
});
