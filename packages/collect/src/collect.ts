// collectReports: globs, detects each file's format from its content, parses and merges. Never writes.
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CiSigningError } from '../../errors/src/index.js';
import { assertRegularFile } from '../../common/src/index.js';
import { parseResults, type CiResults } from '../../results/src/index.js';
import { parseCobertura } from './cobertura.js';
import { parseCoveragePyJson } from './coverage-py-json.js';
import { detectFormat, readHead, unknownFormatError } from './detect.js';
import { refuse } from './errors.js';
import { parseGoCover } from './go-cover.js';
import { parseJaCoCo } from './jacoco.js';
import { parseJsonSummary } from './json-summary.js';
import { parseJUnit } from './junit.js';
import { parseLcov } from './lcov.js';
import { CoverageMerge } from './merge-coverage.js';
import { TestTally } from './merge-tests.js';
import { buildResults, formatSummaryLine, type ResultsContext } from './results.js';
import type { ReportFormat } from './types.js';

export interface CollectOptions extends ResultsContext {
  /** Glob patterns (tinyglobby); a pattern starting with "!" excludes. */
  patterns: string[];
  cwd?: string;
  /** The results file the caller will write; only named in summaryLine. */
  outFile?: string;
}

export interface CollectedFile {
  path: string;
  format: ReportFormat;
}

export interface CollectOutcome {
  results: CiResults;
  /** The report files read, relative to cwd, in the order they were merged. */
  files: string[];
  formats: CollectedFile[];
  summaryLine: string;
}

/** Finds the files: every including pattern must match at least one file. */
/** A path that is no glob: [] when absent; a FIFO, device or directory is refused, never skipped. */
async function plainPath(path: string): Promise<string[]> {
  try {
    await assertRegularFile(path, { what: 'report', flag: 'reports' });
  } catch (error) {
    if (error instanceof CiSigningError && error.code === 'FILE_NOT_FOUND') return [];
    throw error;
  }
  return [path];
}

export async function findReports(patterns: string[], cwd: string): Promise<string[]> {
  const include = patterns.filter((pattern) => pattern.trim() && !pattern.startsWith('!'));
  const ignore = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  if (include.length === 0) {
    throw refuse(
      'COLLECT_NO_PATTERNS',
      'No report pattern was given.',
      'Give one or more glob patterns, e.g. "reports/**/*.xml".',
    );
  }
  const files: string[] = [];
  const seen = new Set<string>();
  for (const pattern of include) {
    const matches = isDynamicPattern(pattern)
      ? (await glob(pattern, { cwd, ignore, onlyFiles: true, absolute: true, dot: true })).sort()
      : await plainPath(resolve(cwd, pattern));
    if (matches.length === 0) {
      throw refuse(
        'COLLECT_NO_MATCH',
        `The pattern "${pattern}" matches no file under ${cwd}.`,
        'Check the pattern and that the test step wrote its reports before collect ran.',
      );
    }
    for (const match of matches) {
      if (!seen.has(match)) {
        seen.add(match);
        files.push(match);
      }
    }
  }
  return files;
}

const PARSERS = {
  junit: (path: string, display: string, tally: TestTally) => parseJUnit(path, display, tally),
  lcov: (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseLcov(path, display, coverage),
  cobertura: (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseCobertura(path, display, coverage),
  jacoco: (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseJaCoCo(path, display, coverage),
  'json-summary': (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseJsonSummary(path, display, coverage),
  'coverage-py-json': (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseCoveragePyJson(path, display, coverage),
  'go-cover': (path: string, display: string, _tally: TestTally, coverage: CoverageMerge) =>
    parseGoCover(path, display, coverage),
} satisfies Record<
  ReportFormat,
  (path: string, display: string, tally: TestTally, coverage: CoverageMerge) => Promise<void>
>;

export async function collectReports(options: CollectOptions): Promise<CollectOutcome> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = await findReports(options.patterns, cwd);
  const tally = new TestTally();
  const coverage = new CoverageMerge(cwd);
  const formats: CollectedFile[] = [];
  for (const path of paths) {
    const display = relative(cwd, path) || path;
    const format = await detect(path, display);
    try {
      await PARSERS[format](path, display, tally, coverage);
    } catch (error) {
      if (error instanceof CiSigningError) throw error;
      throw unreadable(display, error);
    }
    formats.push({ path: display, format });
  }
  const results = buildResults({ ...options, tests: tally.summary(), coverage: coverage.totals() });
  // Validate against the schema now, so that a bad repository or commit is refused before anything is written.
  parseResults(Buffer.from(JSON.stringify(results)), 'collected results');
  const files = formats.map((file) => file.path);
  return {
    results,
    files,
    formats,
    summaryLine: formatSummaryLine(results, files.length, options.outFile ?? 'results.json'),
  };
}

async function detect(path: string, display: string): Promise<ReportFormat> {
  let head: Buffer;
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    head = await readHead(path);
  } catch (error) {
    throw unreadable(display, error);
  }
  const detection = detectFormat(head);
  if (detection.format === null) throw unknownFormatError(display, detection.looksLike);
  return detection.format;
}

function unreadable(display: string, error: unknown): CiSigningError {
  const code = (error as { code?: string }).code;
  return refuse(
    'REPORT_UNREADABLE',
    `${display} could not be read${code ? ` (${code})` : ''}.`,
    'Check that the file exists and is readable by the runner user.',
  );
}
