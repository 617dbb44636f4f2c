// What each bundle loads on each path, and how big it is: guards for start-up time that do not time anything.
// A fresh build (like dist.test.ts) is run as a process with `--import` of a loader hook that records every module
// file it loads; a lazily loaded chunk that never loads was never evaluated. Which chunk holds a library is told by
// a string only that library contains (LIBRARY_MARKERS).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { ROOT, runProcess, type ProcessResult } from './helpers/processes.js';
import { makeKey, REPOSITORY, resultsJson } from './helpers/fixtures.js';
import { BUNDLES, LIBRARY_MARKERS, measureBundle, type BundleName } from '../scripts/bundle-sizes.js';

const RECORDER = join(ROOT, '__tests__', 'helpers', 'record-loads.mjs');
type Library = keyof typeof LIBRARY_MARKERS;

let built: string;
let work: string;

interface RecordedRun extends ProcessResult {
  /** Files of the bundle folder that the process loaded as modules. */
  loaded: string[];
  outputs: string;
}

/** Runs built/<bundle>/index.js with the recorder; env as a runner gives it (PATH, HOME and what is passed). */
async function recordedRun(bundle: BundleName, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RecordedRun> {
  const record = join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const output = join(work, `output-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  writeFileSync(output, '');
  const folder = join(built, bundle);
  const result = await runProcess(process.execPath, ['--import', RECORDER, join(folder, 'index.js'), ...args], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI_SIGNING_RECORD_LOADS: record,
      GITHUB_OUTPUT: output,
      ...env,
    },
  });
  const loaded = readFileSync(record, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(`${folder}/`))
    .map((path) => path.slice(folder.length + 1));
  return { ...result, loaded: [...new Set(loaded)], outputs: readFileSync(output, 'utf8') };
}

/** The bundle files (of those loaded) that hold the library. */
function holding(bundle: BundleName, library: Library, files: string[]): string[] {
  return files.filter((file) => readFileSync(join(built, bundle, file), 'utf8').includes(LIBRARY_MARKERS[library]));
}

function allFiles(bundle: BundleName): string[] {
  return measureBundle(join(built, bundle)).files.map(({ file }) => file);
}

const sha = 'c'.repeat(40);
let verifyLocal: RecordedRun;
let cliHelp: RecordedRun;
let cliVersion: RecordedRun;
let cliVerify: RecordedRun;

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), 'ci-signing-bundles-'));
  work = mkdtempSync(join(tmpdir(), 'ci-signing-bundles-work-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', built], { cwd: ROOT, stdio: 'pipe' });

  const key = await makeKey('Bundle test', { date: new Date(Date.now() - 3600_000) });
  const content = resultsJson({ commit: sha });
  writeFileSync(join(work, 'results.json'), content);
  writeFileSync(join(work, 'trusted.asc'), key.publicKey);
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: key.privateKey }),
    passphrase: key.passphrase,
  });
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(content) }),
    signingKeys: privateKey,
    detached: true,
  });
  writeFileSync(join(work, 'results.json.asc'), signature as string);

  const local = {
    'INPUT_RESULTS-FILE': 'results.json',
    'INPUT_TRUSTED-KEYS-FILE': 'trusted.asc',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: sha,
  };
  [verifyLocal, cliHelp, cliVersion, cliVerify] = await Promise.all([
    recordedRun('verify', [], local),
    recordedRun('cli', ['--help']),
    recordedRun('cli', ['--version']),
    recordedRun('cli', [
      'verify',
      '--results-file',
      'results.json',
      '--trusted-keys-file',
      'trusted.asc',
      '--repository',
      REPOSITORY,
      '--sha',
      sha,
    ]),
  ]);
}, 300_000);

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('import graph', () => {
  test('the recorder sees the runs: each succeeded and loaded its bootstrap and bundle', () => {
    for (const run of [verifyLocal, cliHelp, cliVersion, cliVerify]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.loaded).toEqual(expect.arrayContaining(['index.js', 'bundle.js']));
    }
    expect(verifyLocal.outputs).toMatch(/^verified<<.*\ntrue\n/m);
    expect(cliHelp.stdout).toMatch(/^Usage: ci-signing/);
  });

  test('each library the tests look for is in the bundles that use it (the markers still match)', () => {
    for (const bundle of ['post', 'verify', 'cli'] as const)
      expect(holding(bundle, 'githubClient', allFiles(bundle))).not.toEqual([]);
    for (const bundle of BUNDLES) expect(holding(bundle, 'openpgp', allFiles(bundle))).not.toEqual([]);
    for (const bundle of ['post', 'verify', 'cli'] as const)
      expect(holding(bundle, 'httpClient', allFiles(bundle))).not.toEqual([]);
    expect(holding('cli', 'reportParsers', allFiles('cli'))).not.toEqual([]);
  });

  test('the sign bundle holds no GitHub client at all (signing never talks to GitHub)', () => {
    expect(holding('sign', 'githubClient', allFiles('sign'))).toEqual([]);
  });

  // scripts/side-effect-free.mjs lets the bundler leave out @actions/core's OIDC helper, which alone needs it.
  test('the sign bundle holds no HTTP client (undici) at all', () => {
    expect(holding('sign', 'httpClient', allFiles('sign'))).toEqual([]);
  });

  test('verify in local mode evaluates openpgp', () => {
    expect(holding('verify', 'openpgp', verifyLocal.loaded)).not.toEqual([]);
  });

  test('ci-signing verify loads the lazily loaded chunk with openpgp (lazy chunks are recorded)', () => {
    expect(cliVerify.loaded.filter((file) => /^\d+\.index\.js$/.test(file))).not.toEqual([]);
    expect(holding('cli', 'openpgp', cliVerify.loaded)).not.toEqual([]);
  });

  // packages/cli/src/commands.ts loads the GitHub client for post only, and the report parsers for collect and run.
  test('ci-signing verify of a local file evaluates neither the GitHub client nor the report parsers', () => {
    expect(holding('cli', 'githubClient', cliVerify.loaded)).toEqual([]);
    expect(holding('cli', 'httpClient', cliVerify.loaded)).toEqual([]);
    expect(holding('cli', 'reportParsers', cliVerify.loaded)).toEqual([]);
  });

  test('ci-signing --version evaluates neither openpgp nor the GitHub client', () => {
    expect(holding('cli', 'openpgp', cliVersion.loaded)).toEqual([]);
    expect(holding('cli', 'githubClient', cliVersion.loaded)).toEqual([]);
  });

  // packages/operations/src/verify-operation.ts loads packages/checks (and so @actions/github) at first use.
  test('verify in local mode does not evaluate the GitHub client', () => {
    expect(holding('verify', 'githubClient', verifyLocal.loaded)).toEqual([]);
  });

  test('verify in local mode does not evaluate the HTTP client (undici)', () => {
    expect(holding('verify', 'httpClient', verifyLocal.loaded)).toEqual([]);
  });

  // packages/cli/src/help.ts takes the flag table from flags.ts, which holds data only.
  test('ci-signing --help does not evaluate openpgp', () => {
    expect(holding('cli', 'openpgp', cliHelp.loaded)).toEqual([]);
  });
});

describe('size budget (scripts/bundle-budget.json)', () => {
  const budget = JSON.parse(readFileSync(join(ROOT, 'scripts', 'bundle-budget.json'), 'utf8')) as {
    maxGrowth: number;
    bundles: Record<BundleName, number>;
  };

  test('lists every bundle', () => {
    expect(Object.keys(budget.bundles).sort()).toEqual([...BUNDLES].sort());
  });

  test.each(BUNDLES)('%s is at most maxGrowth over its committed figure', (bundle) => {
    const { bytes } = measureBundle(join(built, bundle));
    const limit = Math.floor(budget.bundles[bundle] * (1 + budget.maxGrowth));
    if (bytes > limit) {
      throw new Error(
        `dist/${bundle} is ${bytes} bytes, over its budget of ${budget.bundles[bundle]} + ${budget.maxGrowth * 100}% (${limit}); make it smaller or raise the figure with a reason`,
      );
    }
  });
});
