// Whole-process timings (not part of the test run): each bundled action and the CLI from start to outputs written,
// beside `node -e ""` in the same minimal environment, GnuPG (cold and warm agent), python-gnupg and Sequoia's sq on
// the same keys and files; and key unlock in-process. Contenders run alternately, round after round.
//   npm run bench:startup [-- --write FILE]      (part of npm run bench)
//   rewrites its section of FILE, docs/benchmarks.md when --write is not given
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { generateKeyPair, loadPrivateKey, signDetached } from '../packages/signing/src/index.js';
import { writeBenchmarkSection } from './benchmark-doc.js';
import {
  actionNode,
  alternate,
  DIST,
  formatSize,
  inputs,
  minimalEnv,
  ms,
  mustRun,
  outputDocument,
  ratio,
  ROOT,
  rounds,
  saveFigures,
  tools,
  writeResultsFile,
  type Contender,
} from './bench-util.js';

const OUTPUT = outputDocument();
const PASSPHRASE = 'bench passphrase 42';
const REPOSITORY = 'bench/bench';
const SHA = 'b'.repeat(40);

const node = actionNode();
const have = tools();
const work = mkdtempSync(join(tmpdir(), 'ci-signing-bench-startup-'));
// The same sources built with --minify, for the side-by-side that says why dist/ is not minified.
const MINIFIED = join(work, 'dist-minified');
mustRun(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', MINIFIED, '--minify']);
// openpgp.js alone verifying the same file (scripts/bench-openpgp-floor.mjs), bundled and started like the actions.
const OPENPGP_ONLY = join(work, 'openpgp-only');
const OPENPGP_FLOOR = 'openpgp.js alone: read the key, verify the signature (the library floor)';
mustRun(process.execPath, [
  join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
  'build',
  join(ROOT, 'scripts', 'bench-openpgp-floor.mjs'),
  '-o',
  join(OPENPGP_ONLY, 'verify'),
  '-q',
  '--target',
  'es2022',
]);
renameSync(join(OPENPGP_ONLY, 'verify', 'index.mjs'), join(OPENPGP_ONLY, 'verify', 'bundle.js'));
copyFileSync(join(DIST, 'verify', 'index.js'), join(OPENPGP_ONLY, 'verify', 'index.js'));
copyFileSync(join(DIST, 'verify', 'package.json'), join(OPENPGP_ONLY, 'verify', 'package.json'));
const homes: string[] = [];

function gpgHome(): string {
  const home = mkdtempSync(join(work, 'gnupg-'));
  homes.push(home);
  return home;
}

function gpg(home: string, gpgArgs: string[], input?: string): string {
  return mustRun('gpg', ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback', ...gpgArgs], { input });
}

function killAgent(home: string): void {
  spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
}

/** An action process as the runner starts it: minimal env, INPUT_* variables, a GITHUB_OUTPUT file. */
function actionRun(
  name: string,
  values: Record<string, string>,
  extraEnv: () => NodeJS.ProcessEnv,
  dist = DIST,
): () => void {
  const output = join(work, `${name}-output`);
  return () => {
    writeFileSync(output, '');
    mustRun(node.path, [join(dist, name, 'index.js')], {
      cwd: work,
      env: minimalEnv({
        ...inputs(values),
        GITHUB_OUTPUT: output,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SHA: SHA,
        RUNNER_ENVIRONMENT: 'self-hosted',
        ...extraEnv(),
      }),
    });
    if (!readFileSync(output, 'utf8').includes(name === 'verify' ? 'true' : 'fingerprint'))
      throw new Error(`${name} wrote no outputs`);
  };
}

/**
 * Compile-cache states: warm (a self-hosted runner or machine that ran the same bundle before: cache in its TMPDIR),
 * cold (its first run: empty cache, written), github-hosted (RUNNER_ENVIRONMENT=github-hosted: the bootstrap leaves
 * the cache off, a fresh VM could never read it), off (NODE_DISABLE_COMPILE_CACHE=1, for the CLI).
 */
const warmTmp = join(work, 'tmp-warm');
mkdirSync(warmTmp);
type CacheState = 'warm' | 'cold' | 'github-hosted' | 'off';
function cacheStates(
  label: string,
  run: (env: () => NodeJS.ProcessEnv) => () => void,
  only: CacheState[],
): Contender[] {
  let coldTmp = '';
  const all: Record<CacheState, Contender> = {
    warm: { label: `${label}, compile cache warm`, run: run(() => ({ TMPDIR: warmTmp })) },
    cold: {
      label: `${label}, compile cache cold`,
      setup: () => {
        if (coldTmp) rmSync(coldTmp, { recursive: true, force: true });
        coldTmp = mkdtempSync(join(work, 'tmp-cold-'));
      },
      run: run(() => ({ TMPDIR: coldTmp })),
    },
    'github-hosted': {
      label: `${label}, GitHub-hosted (no compile cache)`,
      run: run(() => ({ TMPDIR: warmTmp, RUNNER_ENVIRONMENT: 'github-hosted' })),
    },
    off: {
      label: `${label}, compile cache off`,
      run: run(() => ({ TMPDIR: warmTmp, NODE_DISABLE_COMPILE_CACHE: '1' })),
    },
  };
  return only.map((state) => all[state]);
}

function table(
  title: string,
  results: Map<string, number>,
  bases: [string, string][],
  commands: Record<string, string>,
): string {
  const header = `| ${title} | median ms | ${bases.map(([, name]) => `vs ${name}`).join(' | ')} |`;
  const lines = [header, `| --- | ---: | ${bases.map(() => '---:').join(' | ')} |`];
  for (const [label, value] of results) {
    lines.push(
      `| ${label}${commands[label] ? ` <br>\`${commands[label]}\`` : ''} | ${ms(value)} | ${bases.map(([base]) => (results.has(base) ? ratio(value, results.get(base)!) : '-')).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function s2kCount(key: openpgp.PrivateKey): string {
  const s2k = (key.keyPacket as unknown as { s2k?: { type: string; c: number } }).s2k;
  if (!s2k) return 'none';
  return s2k.type === 'iterated' ? `iterated, count ${(16 + (s2k.c & 15)) << ((s2k.c >> 4) + 6)}` : s2k.type;
}

async function main(): Promise<void> {
  const started = Date.now();
  const floor = 'node -e ""';
  const floorRun: Contender = { label: floor, run: () => mustRun(node.path, ['-e', ''], { env: minimalEnv() }) };

  // Keys: ours (keygen, passphrase) and GnuPG's own, exported with gpg's S2K.
  const ours = await generateKeyPair({
    name: 'bench',
    email: 'bench@example.com',
    expiresInSeconds: 0,
    algorithm: 'ed25519',
    passphrase: PASSPHRASE,
  });
  const oursRsa = await generateKeyPair({
    name: 'bench rsa',
    email: 'bench@example.com',
    expiresInSeconds: 0,
    algorithm: 'rsa4096',
    passphrase: PASSPHRASE,
  });
  const keyHome = gpgHome();
  const exported: Record<string, string> = {};
  if (have.gpg) {
    for (const algorithm of ['ed25519', 'rsa3072']) {
      gpg(keyHome, [
        '--passphrase',
        PASSPHRASE,
        '--quick-gen-key',
        `bench ${algorithm} <${algorithm}@example.com>`,
        algorithm,
        'sign',
        'never',
      ]);
      exported[algorithm] = gpg(keyHome, [
        '--passphrase',
        PASSPHRASE,
        '--armor',
        '--export-secret-keys',
        `${algorithm}@example.com`,
      ]);
    }
    killAgent(keyHome);
  }
  const privateFile = join(work, 'private.asc');
  writeFileSync(privateFile, ours.privateKey);
  writeFileSync(join(work, 'public.asc'), ours.publicKey);

  // Files: 1 KB results bound to the commit (signed for the verify runs), 1 MB results to sign.
  const small = join(work, 'results-1k.json');
  const smallSize = writeResultsFile(small, 1000, SHA, REPOSITORY, true);
  const signing = await loadPrivateKey(ours.privateKey, PASSPHRASE);
  writeFileSync(`${small}.asc`, await signDetached(readFileSync(small), signing));
  const large = join(work, 'results-1m.json');
  const largeSize = writeResultsFile(large, 1_000_000, SHA, REPOSITORY);

  // --- verify, 1 KB, local mode
  const verifyHome = gpgHome();
  if (have.gpg) gpg(verifyHome, ['--import'], ours.publicKey);
  const verifyInputs = { 'results-file': small, 'trusted-keys-file': join(work, 'public.asc') };
  const verifyContenders: Contender[] = [
    floorRun,
    ...cacheStates('verify action', (env) => actionRun('verify', verifyInputs, env), ['warm', 'cold', 'github-hosted']),
    ...cacheStates(OPENPGP_FLOOR, (env) => actionRun('verify', verifyInputs, env, OPENPGP_ONLY), [
      'warm',
      'github-hosted',
    ]),
    ...cacheStates(
      'verify action built with --minify (not shipped)',
      (env) => actionRun('verify', verifyInputs, env, MINIFIED),
      ['warm', 'github-hosted'],
    ),
    ...cacheStates(
      'ci-signing verify',
      (env) => () =>
        mustRun(
          node.path,
          [
            join(DIST, 'cli', 'index.js'),
            'verify',
            '--results-file',
            small,
            '--trusted-keys-file',
            join(work, 'public.asc'),
            '--repository',
            REPOSITORY,
            '--sha',
            SHA,
          ],
          { cwd: work, env: minimalEnv(env()) },
        ),
      ['warm'],
    ),
  ];
  if (have.gpg)
    verifyContenders.push({
      label: 'gpg --verify',
      run: () =>
        mustRun('gpg', ['--homedir', verifyHome, '--batch', '--status-fd', '1', '--verify', `${small}.asc`, small], {
          expect: /VALIDSIG/,
        }),
    });
  if (have.sq)
    verifyContenders.push({
      label: 'sq verify',
      run: () =>
        mustRun('sq', ['verify', '--signer-cert', join(work, 'public.asc'), '--detached', `${small}.asc`, small], {
          env: minimalEnv({ HOME: work }),
        }),
    });
  const verify = alternate(verifyContenders, rounds(15));
  process.stdout.write(`verify: ${JSON.stringify(Object.fromEntries(verify))}\n`);

  // --- CLI help and version
  const cliRun = (cliArgs: string[]) => (env: () => NodeJS.ProcessEnv) => () =>
    mustRun(node.path, [join(DIST, 'cli', 'index.js'), ...cliArgs], { env: minimalEnv(env()) });
  const help = alternate(
    [
      floorRun,
      ...cacheStates('ci-signing --help', cliRun(['--help']), ['warm', 'cold', 'off']),
      ...cacheStates('ci-signing --version', cliRun(['--version']), ['warm']),
    ],
    rounds(15),
  );
  process.stdout.write(`help: ${JSON.stringify(Object.fromEntries(help))}\n`);

  // --- sign, 1 MB, passphrase-protected ed25519
  const signature = join(work, 'out.asc');
  const signInputs = (privateKey: string) => ({
    'results-file': large,
    'private-key': privateKey,
    passphrase: PASSPHRASE,
    'signature-file': signature,
  });
  const signContenders: Contender[] = [
    floorRun,
    ...cacheStates('sign action', (env) => actionRun('sign', signInputs(ours.privateKey), env), ['warm', 'cold']),
  ];
  for (const [algorithm, text] of Object.entries(exported))
    signContenders.push(
      ...cacheStates(`sign action, gpg-exported ${algorithm} key`, (env) => actionRun('sign', signInputs(text), env), [
        'warm',
      ]),
    );
  const gpgSign = (home: string) => () =>
    gpg(
      home,
      ['--passphrase-fd', '0', '--armor', '--detach-sign', '-u', ours.fingerprint, '-o', signature, large],
      PASSPHRASE,
    );
  const python = (home: string) => () =>
    mustRun('/usr/bin/python3', ['-c', PYTHON_SIGN, home, large, ours.fingerprint, PASSPHRASE, signature], {
      env: minimalEnv(),
    });
  // A cold agent: a fresh GNUPGHOME with the key imported and the agent stopped, as a CI job starts.
  const coldHome = (run: (home: string) => () => void, label: string): Contender => {
    let home = '';
    return {
      label,
      setup: () => {
        if (home) {
          killAgent(home);
          rmSync(home, { recursive: true, force: true });
        }
        home = mkdtempSync(join(work, 'cold-'));
        homes.push(home);
        gpg(home, ['--passphrase', PASSPHRASE, '--import', privateFile]);
        killAgent(home);
      },
      run: () => run(home)(),
    };
  };
  const warmHome = gpgHome();
  if (have.gpg) {
    gpg(warmHome, ['--passphrase', PASSPHRASE, '--import', privateFile]);
    signContenders.push(coldHome(gpgSign, 'gpg --detach-sign, cold agent'), {
      label: 'gpg --detach-sign, warm agent',
      run: gpgSign(warmHome),
    });
    if (have.pythonGnupg)
      signContenders.push(coldHome(python, 'python-gnupg, cold agent'), {
        label: 'python-gnupg, warm agent',
        run: python(warmHome),
      });
  }
  const sign = alternate(signContenders, rounds(11));
  process.stdout.write(`sign: ${JSON.stringify(Object.fromEntries(sign))}\n`);

  // --- what each library costs at import (unbundled, from node_modules: resolution included), beside the floor
  const libraries = [
    '@actions/core',
    '@actions/http-client',
    'undici',
    '@actions/github',
    'openpgp',
    'ajv/dist/2020.js',
    'ajv-formats',
    'tinyglobby',
    'async-retry',
  ];
  const imports = alternate(
    [
      floorRun,
      ...libraries.map((name): Contender => ({
        label: name,
        run: () =>
          mustRun(node.path, ['--input-type=module', '-e', `await import(${JSON.stringify(name)})`], {
            cwd: process.cwd(),
            env: minimalEnv(),
          }),
      })),
    ],
    rounds(11),
  );
  const importRows = libraries.map((name) => `| \`${name}\` | ${ms(imports.get(name)! - imports.get(floor)!)} |`);
  process.stdout.write(`imports: ${JSON.stringify(Object.fromEntries(imports))}\n`);

  // --- key unlock, in-process (loadPrivateKey: read, decrypt, policy checks), alternating
  const unlockKeys: [string, string][] = [
    ['ed25519, ci-signing keygen', ours.privateKey],
    ['rsa4096, ci-signing keygen', oursRsa.privateKey],
    ...Object.entries(exported).map(([algorithm, text]): [string, string] => [`${algorithm}, exported by gpg`, text]),
  ];
  const unlockTimes = new Map<string, number[]>(unlockKeys.map(([label]) => [label, []]));
  for (let round = -1; round < rounds(11); round++) {
    for (const [label, text] of unlockKeys) {
      const begin = performance.now();
      await loadPrivateKey(text, PASSPHRASE);
      if (round >= 0) unlockTimes.get(label)!.push(performance.now() - begin);
    }
  }
  const unlockRows: string[] = [];
  const unlock: Record<string, number> = {};
  for (const [label, text] of unlockKeys) {
    const values = unlockTimes.get(label)!.sort((a, b) => a - b);
    unlock[label] = values[Math.floor(values.length / 2)];
    unlockRows.push(
      `| ${label} | ${s2kCount(await openpgp.readPrivateKey({ armoredKey: text }))} | ${ms(unlock[label])} |`,
    );
  }

  const commands: Record<string, string> = {
    [floor]: `${node.version} -e ""`,
    'gpg --verify': 'gpg --batch --status-fd 1 --verify results.json.asc results.json',
    'sq verify': 'sq verify --signer-cert public.asc --detached results.json.asc results.json',
    'gpg --detach-sign, cold agent':
      'fresh GNUPGHOME, key imported, agent stopped; gpg --pinentry-mode loopback --passphrase-fd 0 --armor --detach-sign',
    'gpg --detach-sign, warm agent': 'same GNUPGHOME every run, agent running, passphrase cached',
    'python-gnupg, cold agent':
      '/usr/bin/python3: gnupg.GPG(gnupghome).sign_file(f, keyid, passphrase, detach=True), fresh GNUPGHOME',
    'python-gnupg, warm agent': 'same, with the warm GNUPGHOME',
  };
  const notes: string[] = [];
  if (have.missing)
    notes.push(`Rows for tools that are not installed are missing; install them with \`${have.missing}\`.`);

  const section = [
    '## Start-up and whole actions',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (this section alone: \`npm run bench:startup\`, ${Math.round((Date.now() - started) / 1000)} s).`,
    `Processes start with only PATH, HOME, LANG and TMPDIR set (plus INPUT_* and GITHUB_OUTPUT for the actions), on Node ${node.version}${node.note};`,
    `median of ${rounds(15)} rounds (sign: ${rounds(11)}) after a warm-up round, every contender once per round in turn, so load from elsewhere`,
    "hits all alike. Compile cache: each bundle's bootstrap (dist/<name>/index.js) enables V8's compile cache",
    '(`module.enableCompileCache()`, Node 22.1+) except on GitHub-hosted runners. "warm" = a self-hosted runner or machine',
    'that ran the same bundle before (cache in its TMPDIR), "cold" = its first run (empty TMPDIR each run: the cache is',
    'written, not read), "GitHub-hosted" = `RUNNER_ENVIRONMENT=github-hosted` (cache left off: a fresh VM per job could',
    'never read it), "off" = `NODE_DISABLE_COMPILE_CACHE=1`.',
    ...notes,
    '',
    `### verify, ${formatSize(smallSize)} results, local mode (results-file and trusted-keys-file)`,
    '',
    table(
      'process',
      verify,
      [
        [floor, '`node -e ""`'],
        ['gpg --verify', 'gpg'],
      ],
      commands,
    ),
    '',
    '### ci-signing --help',
    '',
    table('process', help, [[floor, '`node -e ""`']], commands),
    '',
    `### sign, ${formatSize(largeSize)} results, passphrase-protected ed25519 key (ci-signing keygen unless said)`,
    '',
    table(
      'process',
      sign,
      [
        [floor, '`node -e ""`'],
        ['gpg --detach-sign, cold agent', 'gpg cold'],
        ['python-gnupg, cold agent', 'python-gnupg cold'],
      ],
      commands,
    ),
    '',
    `### What each library costs at import (ms over \`node -e ""\`, ${ms(imports.get(floor)!)} ms; \`node --input-type=module -e "await import(NAME)"\`)`,
    '',
    'Unbundled, from node_modules (module resolution included); bundled, the same code is evaluated, minus the file',
    'lookups. @actions/core evaluates @actions/http-client, and with it undici, at import (for OIDC tokens).',
    '',
    '| import | ms |',
    '| --- | ---: |',
    ...importRows,
    '',
    '### Key unlock (in-process `loadPrivateKey`: read, decrypt with the passphrase, key policy)',
    '',
    '| key | S2K of the secret key | median ms |',
    '| --- | --- | ---: |',
    ...unlockRows,
    '',
    '',
    '',
  ].join('\n');
  writeBenchmarkSection(OUTPUT, '## Start-up and whole actions', section);
  saveFigures('startup', {
    node: node.version,
    floor: verify.get(floor)!,
    helpFloor: help.get(floor)!,
    verifyWarm: verify.get('verify action, compile cache warm')!,
    verifyHosted: verify.get('verify action, GitHub-hosted (no compile cache)')!,
    openpgpOnly: verify.get(`${OPENPGP_FLOOR}, compile cache warm`)!,
    openpgpOnlyHosted: verify.get(`${OPENPGP_FLOOR}, GitHub-hosted (no compile cache)`)!,
    helpWarm: help.get('ci-signing --help, compile cache warm')!,
    helpCold: help.get('ci-signing --help, compile cache cold')!,
    signFloor: sign.get(floor)!,
    signWarm: sign.get('sign action, compile cache warm')!,
    signCold: sign.get('sign action, compile cache cold')!,
    gpgCold: sign.get('gpg --detach-sign, cold agent') ?? 0,
    gpgWarm: sign.get('gpg --detach-sign, warm agent') ?? 0,
    pythonCold: sign.get('python-gnupg, cold agent') ?? 0,
    pythonWarm: sign.get('python-gnupg, warm agent') ?? 0,
    gpgVerify: verify.get('gpg --verify') ?? 0,
    sqVerify: verify.get('sq verify') ?? 0,
    unlockOurs: unlock['ed25519, ci-signing keygen'],
    unlockGpg: unlock['ed25519, exported by gpg'] ?? 0,
    ...Object.fromEntries(libraries.map((name) => [`import ${name}`, imports.get(name)! - imports.get(floor)!])),
  });
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

const PYTHON_SIGN = `import sys, gnupg
home, path, keyid, passphrase, output = sys.argv[1:6]
g = gnupg.GPG(gnupghome=home)
with open(path, 'rb') as f:
    s = g.sign_file(f, keyid=keyid, passphrase=passphrase, detach=True, output=output)
sys.exit(0 if s.fingerprint else 1)
`;

main()
  .catch((error: Error) => {
    process.stderr.write(`benchmark failed: ${error.message}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const home of homes) killAgent(home);
    rmSync(work, { recursive: true, force: true });
  });
