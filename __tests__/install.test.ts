// The CLI as a user installs it: `npm pack ./dist/cli` (the published package, with its own manifest), then
// `npm install -g` of the tarball into a temporary prefix with
// no registry (the bundle has no runtime dependencies), then --help and a keygen, sign, verify round trip,
// on the machine's node and on Node 24.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { keygenIdentityArgs, resultsJson, temporaryFolder, verifyArgs } from './helpers/fixtures.js';
import { ROOT, RUNTIMES, runProcess } from './helpers/processes.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'package.json'), 'utf8')) as Record<string, unknown>;
const repository = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const folder = temporaryFolder('ci-signing-install-');
const prefix = join(folder.path, 'prefix');
let tarball = '';
let packedFiles: string[] = [];
const npm = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync('npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

beforeAll(() => {
  const [packed] = JSON.parse(npm(['pack', './dist/cli', '--json', '--pack-destination', folder.path])) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(folder.path, packed.filename);
  packedFiles = packed.files.map((file) => file.path).sort();
  // An empty cache and --offline: the install succeeds only if it needs nothing from a registry.
  npm(['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund'], {
    npm_config_cache: join(folder.path, 'cache'),
  });
}, 120_000);
afterAll(() => folder.remove());

test('the package is publishable: a scoped name of ours, a files list, no dependencies of any kind', () => {
  expect(pkg.private).toBeUndefined();
  expect(pkg.name).toBe('@ci-signing/cli');
  expect(pkg.version).toBe(repository.version);
  expect(pkg.engines).toEqual(repository.engines);
  expect(pkg.bin).toEqual({ 'ci-signing': 'index.js' });
  expect(pkg.files).toEqual(expect.arrayContaining(['index.js', 'bundle.js']));
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    expect(pkg[field]).toBeUndefined();
  }
  // The repository's own package is not what is published: it stays private, with Node 24 for its tests.
  expect(repository.private).toBe(true);
  // The CLI bundle: its bootstrap, the bundle and its lazily loaded chunks, and nothing else of the repository.
  expect(packedFiles.filter((file) => !/^(\d+\.index|bundle)\.js$/.test(file))).toEqual([
    'README.md',
    'index.js',
    'licenses.txt',
    'package.json',
  ]);
  expect(packedFiles).toContain('bundle.js');
  expect(readFileSync(join(ROOT, 'dist', 'cli', 'index.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test('--version is the package version', async () => {
  const run = await runProcess(join(prefix, 'bin', 'ci-signing'), ['--version'], { env: { PATH: process.env.PATH } });
  expect(run.stdout.trim()).toBe(`ci-signing ${String(pkg.version)}`);
});

describe.each(RUNTIMES.map((runtime) => [`${runtime.name} ${runtime.version}`, runtime] as const))(
  'installed, on %s',
  (_, runtime) => {
    // The shebang is `#!/usr/bin/env node`: the runtime's folder first on PATH picks which node runs it.
    const env = {
      PATH: [join(prefix, 'bin'), dirname(runtime.node), process.env.PATH].join(delimiter),
      HOME: folder.path,
    };
    const cwd = folder.path;
    const run = (args: string[]) => runProcess('ci-signing', args, { env, cwd });

    test('ci-signing --help runs from PATH', async () => {
      const help = await run(['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: ci-signing <command>/);
      expect((await runProcess('node', ['--version'], { env })).stdout.trim()).toBe(runtime.version);
    });

    test('keygen, sign and verify round trip', async () => {
      const out = join(folder.path, `key-${runtime.name}`);
      const keygen = await run([...keygenIdentityArgs(out, 'Install test', 'ci@example.com'), '--no-passphrase']);
      expect(keygen.code).toBe(0);
      const sha = 'd'.repeat(40);
      const results = join(folder.path, `results-${runtime.name}.json`);
      writeFileSync(results, resultsJson({ commit: sha }));
      const sign = await run(['sign', '--results-file', results, '--private-key-file', join(out, 'private-key.asc')]);
      expect(sign.code).toBe(0);
      const verify = await run(verifyArgs(results, ['--trusted-keys-file', join(out, 'public-key.asc')], sha));
      expect(verify.stdout).toMatch(/^VERIFIED/);
      expect(verify.code).toBe(0);
    });
  },
);
