import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { main } from '../src/main.js';
import {
  keygenIdentityArgs,
  makeKey,
  resultsJson,
  signArgs,
  temporaryFolder,
  verifyArgs,
  type TestKey,
} from '../../../__tests__/helpers/fixtures.js';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env });
  return { code, stdout, stderr };
}

const folder = temporaryFolder();
let key: TestKey;
let other: TestKey;
beforeAll(async () => {
  [key, other] = await Promise.all([makeKey('CLI signer'), makeKey('Someone else')]);
  writeFileSync(join(folder.path, 'key.asc'), key.privateKey);
  writeFileSync(join(folder.path, 'pass.txt'), `${key.passphrase}\n`);
  writeFileSync(join(folder.path, 'public.asc'), key.publicKey);
  writeFileSync(join(folder.path, 'other.asc'), other.publicKey);
});
afterAll(() => folder.remove());

describe('usage', () => {
  test('no command prints the help and exits 2', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Commands:[\s\S]*keygen[\s\S]*sign[\s\S]*verify[\s\S]*post/);
  });

  test.each(['keygen', 'sign', 'verify', 'post'])('%s --help lists its flags and exits 0', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: ci-signing ${command}`);
    expect(run.stdout).toContain('--');
  });

  test('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).stdout).toMatch(/^ci-signing \d+\.\d+\.\d+/);
  });

  test('an unknown command or flag is a usage error (exit 2), one line', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const flag = await cli(['sign', '--private-key', 'inline-secret']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/USAGE: .*--private-key/);
    expect(flag.stderr).not.toContain('inline-secret');
  });

  test('a missing required flag names it and exits 2', async () => {
    const run = await cli(['sign']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--results-file is required');
  });
});

/** keygen into `out` with the passphrase file every test shares. */
function keygenArgs(out: string, name = 'Build box', email = 'ci@example.com'): string[] {
  return [...keygenIdentityArgs(out, name, email), '--passphrase-file', join(folder.path, 'pass.txt')];
}

describe('keygen', () => {
  test('writes the three files, the private key 0600, and prints only the fingerprint', async () => {
    const out = join(folder.path, 'keys-a');
    const run = await cli(keygenArgs(out, 'Build box', 'ci@example.com'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[0-9A-F]{40}\n$/);
    expect(statSync(join(out, 'private-key.asc')).mode & 0o777).toBe(0o600);
    const privateKey = readFileSync(join(out, 'private-key.asc'), 'utf8');
    expect(run.stdout + run.stderr).not.toContain(privateKey.split('\n')[3]);
    const publicKey = await openpgp.readKey({ armoredKey: readFileSync(join(out, 'public-key.asc'), 'utf8') });
    expect(publicKey.getFingerprint().toUpperCase()).toBe(run.stdout.trim());
    expect(publicKey.isPrivate()).toBe(false);
    // The passphrase file's trailing newline is not part of the passphrase.
    const encrypted = await openpgp.readPrivateKey({ armoredKey: privateKey });
    await expect(openpgp.decryptKey({ privateKey: encrypted, passphrase: key.passphrase })).resolves.toBeTruthy();
    await expect(openpgp.decryptKey({ privateKey: encrypted, passphrase: `${key.passphrase}\n` })).rejects.toThrow();
    const revocation = readFileSync(join(out, 'revocation.asc'), 'utf8');
    expect(revocation).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    const expiry = await publicKey.getExpirationTime();
    expect(expiry instanceof Date && expiry.getTime() - Date.now()).toBeGreaterThan(360 * 86400_000);
  });

  test('refuses to overwrite existing key files, leaving them untouched', async () => {
    const out = join(folder.path, 'keys-b');
    const first = await cli([...keygenIdentityArgs(out, 'A', 'a@example.com'), '--no-passphrase', '--expires', '0']);
    expect(first.code).toBe(0);
    const before = readFileSync(join(out, 'private-key.asc'), 'utf8');
    const second = await cli([...keygenIdentityArgs(out, 'B', 'b@example.com'), '--no-passphrase']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/KEY_FILE_EXISTS: .*already exists/);
    expect(readFileSync(join(out, 'private-key.asc'), 'utf8')).toBe(before);
    const unencrypted = await openpgp.readPrivateKey({ armoredKey: before });
    expect(unencrypted.isDecrypted()).toBe(true);
    expect(await unencrypted.getExpirationTime()).toBe(Infinity);
  });

  test.each([
    [['--expires', 'soon'], /--expires "soon" is not a duration/],
    [['--algorithm', 'dsa'], /--algorithm must be/],
    [[], /no passphrase chosen/],
  ])('bad flags %j are usage errors and write nothing', async (extra, message) => {
    const out = join(folder.path, `keys-bad-${Math.random().toString(36).slice(2)}`);
    const run = await cli([...keygenIdentityArgs(out, 'X', 'x@example.com'), ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('takes the passphrase from CI_SIGNING_PASSPHRASE', async () => {
    const out = join(folder.path, 'keys-env');
    const run = await cli(keygenIdentityArgs(out, 'Env', 'env@example.com'), {
      CI_SIGNING_PASSPHRASE: 'from-the-environment',
    });
    expect(run.code).toBe(0);
    const encrypted = await openpgp.readPrivateKey({ armoredKey: readFileSync(join(out, 'private-key.asc'), 'utf8') });
    await expect(
      openpgp.decryptKey({ privateKey: encrypted, passphrase: 'from-the-environment' }),
    ).resolves.toBeTruthy();
  });
});

describe('sign and verify', () => {
  const sha = 'b'.repeat(40);
  let resultsFile: string;
  beforeAll(async () => {
    resultsFile = join(folder.path, 'results.json');
    writeFileSync(resultsFile, resultsJson({ commit: sha }));
    const run = await cli(signArgs(folder.path, resultsFile));
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`fingerprint=${key.fingerprint}`);
    expect(run.stdout).toMatch(/digest=sha256:[0-9a-f]{64}/);
  });

  test('verify accepts the signature with the trusted key (exit 0)', async () => {
    const run = await cli(verifyArgs(resultsFile, ['--trusted-keys-file', join(folder.path, 'public.asc')], sha));
    expect(run.stdout).toMatch(/^VERIFIED/);
    expect(run.code).toBe(0);
  });

  test('verify rejects with an untrusted key (exit 1) and says why', async () => {
    const run = await cli(verifyArgs(resultsFile, ['--trusted-keys-file', join(folder.path, 'other.asc')], sha));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^REJECTED/);
    expect(run.stdout).toMatch(/FAIL/);
  });

  test('verify --format json and markdown carry the same verdict', async () => {
    const args = verifyArgs(resultsFile, [`--trusted-keys=${key.publicKey}`], sha);
    const json = await cli([...args, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: 'true', fingerprint: key.fingerprint });
    const markdown = await cli([...args, '--format', 'markdown']);
    expect(markdown.stdout).toContain('|');
    expect((await cli([...args, '--format', 'yaml'])).code).toBe(2);
  });

  test('repository and sha default from GITHUB_REPOSITORY and GITHUB_SHA; a mismatch fails binding', async () => {
    const run = await cli(['verify', '--results-file', resultsFile, `--trusted-keys=${key.publicKey}`], {
      GITHUB_REPOSITORY: 'octo-org/widgets',
      GITHUB_SHA: 'c'.repeat(40),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('c'.repeat(40));
    const missing = await cli(['verify', '--results-file', resultsFile, `--trusted-keys=${key.publicKey}`]);
    expect(missing.code).toBe(2);
  });

  test('sign takes the key and passphrase from the environment; a missing key is a usage error', async () => {
    const target = join(folder.path, 'env.asc');
    const run = await cli(['sign', '--results-file', resultsFile, '--signature-file', target], {
      CI_SIGNING_PRIVATE_KEY: key.privateKey,
      CI_SIGNING_PASSPHRASE: key.passphrase,
    });
    expect(run.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('BEGIN PGP SIGNATURE');
    const missing = await cli(['sign', '--results-file', resultsFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no private key');
  });

  test('a wrong passphrase fails with exit 1, without echoing it', async () => {
    writeFileSync(join(folder.path, 'wrong.txt'), 'not-the-passphrase-123');
    const run = await cli([
      ...signArgs(folder.path, resultsFile, 'wrong.txt'),
      '--signature-file',
      join(folder.path, 'never.asc'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('not-the-passphrase-123');
    expect(existsSync(join(folder.path, 'never.asc'))).toBe(false);
  });

  test('post without credentials is a usage error before any request', async () => {
    const run = await cli(['post', '--results-file', resultsFile, '--api-url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no GitHub credentials');
  });
});

describe('post', () => {
  test('with GitHub App credentials: looks up the installation and posts with its token', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { startGitHubApiServer } = await import('../../github-api-server/src/index.js');
    const app = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const server = await startGitHubApiServer({
      tokens: {},
      apps: [{ appId: 4242, privateKeyPem: app.publicKey, installations: { 'octo-org/widgets': 77 } }],
    });
    try {
      const sha = 'e'.repeat(40);
      const resultsFile = join(folder.path, 'app-results.json');
      writeFileSync(resultsFile, resultsJson({ commit: sha }));
      const pemFile = join(folder.path, 'app.pem');
      writeFileSync(pemFile, app.privateKey);
      const signed = await cli(signArgs(folder.path, resultsFile));
      expect(signed.code).toBe(0);
      const appPost = ['post', '--results-file', resultsFile, '--app-id', '4242', '--api-url', server.url];
      const posted = await cli([...appPost, '--app-private-key-file', pemFile, '--retry-delay', '0']);
      expect(posted.stderr).not.toContain('BEGIN PRIVATE KEY');
      expect(posted.code).toBe(0);
      expect(posted.stdout).toMatch(/check-run-id=\d+\ncheck-run-url=\S+\nattempts=\d+\nsigned=true\n/);
      expect(server.checkRuns('octo-org', 'widgets')).toHaveLength(1);
      const missingKey = await cli(appPost);
      expect(missingKey.code).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('keygen helps the next steps', () => {
  test('writes a .gitignore for the private key and revocation, and prints the next three steps', async () => {
    const out = join(folder.path, 'keys-next');
    const run = await cli(keygenArgs(out, 'N', 'n@example.com'));
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['private-key.asc', 'revocation.asc']),
    );
    const fingerprint = run.stdout.trim();
    expect(run.stderr).toContain(
      `gh secret set CI_SIGNING_PRIVATE_KEY --env ci-signing < ${join(out, 'private-key.asc')}`,
    );
    expect(run.stderr).toContain(
      `gh secret set CI_SIGNING_PASSPHRASE --env ci-signing < ${join(folder.path, 'pass.txt')}`,
    );
    expect(run.stderr).toContain(`.github/ci-signing/trusted-keys/${fingerprint}.asc`);
    expect(run.stderr).toMatch(/3\. Keep .*revocation\.asc offline/);
  });

  test('completes an existing .gitignore instead of replacing it', async () => {
    const out = join(folder.path, 'keys-gitignore');
    await cli([...keygenIdentityArgs(out, 'G', 'g@example.com'), '--no-passphrase']);
    const other = join(folder.path, 'keys-gitignore-2');
    mkdirSync(other);
    writeFileSync(join(other, '.gitignore'), 'node_modules\nprivate-key.asc');
    expect((await cli([...keygenIdentityArgs(other, 'G', 'g@example.com'), '--no-passphrase'])).code).toBe(0);
    expect(readFileSync(join(other, '.gitignore'), 'utf8')).toBe('node_modules\nprivate-key.asc\nrevocation.asc\n');
  });

  test('a missing --passphrase-file says to create it or to use --no-passphrase, and writes nothing', async () => {
    const out = join(folder.path, 'keys-nopass');
    const run = await cli([...keygenIdentityArgs(out, 'X', 'x@example.com'), '--passphrase-file', './nope.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /FILE_NOT_FOUND: --passphrase-file \.\/nope\.txt does not exist.*\. Fix: Create it first: .*> \.\/nope\.txt.*--no-passphrase/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('flag messages', () => {
  test('armor after a string flag is its value (--trusted-keys "$(cat key.asc)")', async () => {
    const results = join(folder.path, 'armor.json');
    writeFileSync(results, resultsJson({ commit: 'c'.repeat(40) }));
    expect((await cli(signArgs(folder.path, results))).code).toBe(0);
    const run = await cli(verifyArgs(results, ['--trusted-keys', key.publicKey], 'c'.repeat(40)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('another value starting with a dash suggests the = form', async () => {
    const run = await cli(['verify', '--max-age', '-1d']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^ci-signing: USAGE: the value after --max-age starts with a dash.*\. Fix: Join them with '=': --max-age=/,
    );
  });

  test('an unknown flag suggests the nearest known one, and never echoes a value', async () => {
    const run = await cli(['verify', '--trusted-key-file', 'keys/*.asc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /USAGE: unknown flag --trusted-key-file for verify\. Fix: Did you mean --trusted-keys-file\?/,
    );
    const secret = await cli(['sign', '--private-key=inline-secret']);
    expect(secret.stderr).toMatch(/Did you mean --private-key-file\?/);
    expect(secret.stderr).not.toContain('inline-secret');
    expect((await cli(['sing'])).stderr).toMatch(/unknown command 'sing'\. Fix: Did you mean ci-signing sign\?/);
  });

  test.each(['abc1234', 'HEAD', 'a'.repeat(39)])(
    '--sha %s asks for a full 40-hex sha (exit 2), not a replay',
    async (sha) => {
      const run = await cli(['verify', '--results-file', 'x.json', '--trusted-keys-file', 'k.asc', '--sha', sha]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /USAGE: --sha '.*' is .*; a full 40-hex commit sha is required\. Fix: .*git rev-parse HEAD/,
      );
    },
  );

  test.each(['0.8', '0.95', '.5'])(
    '--min-coverage %s asks whether a percentage was meant, and is refused',
    async (value) => {
      const run = await cli([
        'verify',
        '--results-file',
        'x.json',
        '--trusted-keys-file',
        'k.asc',
        '--min-coverage',
        value,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /--min-coverage .* is a percentage \(0-100\), so it would accept .* %\. Fix: Did you mean --min-coverage \d+\?/,
      );
    },
  );

  test('every usage message has a full stop before Fix:', async () => {
    for (const args of [
      ['sign'],
      ['verify', '--nope'],
      ['frobnicate'],
      ['keygen', '--name', 'x'],
      ['verify', '--min-coverage', '0.5'],
    ]) {
      const { stderr } = await cli(args);
      expect(stderr).toMatch(/\. Fix: /);
    }
  });
});
