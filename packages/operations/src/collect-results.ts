// collect and run: the CI's own reports become a ci-results v1 file, written whole or not at all.
import { execFileSync, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { CiSigningError, UsageError } from '../../errors/src/index.js';
import { writeFileAtomic } from '../../common/src/index.js';
import { collectReports, findReports, noReportsResults, formatSummaryLine } from '../../collect/src/index.js';
import type { CiResults } from '../../results/src/index.js';
import { defaultSha, type RunnerEnvironment } from './context.js';

export interface CollectRequest {
  /** Paths or globs of report files; each must match. */
  reports: string[];
  outFile: string;
  /** The CLI refuses an existing out file unless this is set; the actions own their file and overwrite. */
  overwrite: boolean;
  /** '' = GITHUB_REPOSITORY. */
  repository: string;
  /** '' = the sha the verifier binds to in Actions, else `git rev-parse HEAD`. */
  commit: string;
  /** Written as the results' `check`; '' = none. */
  checkName: string;
  /** The test command's exit status; non-zero makes the conclusion failure. */
  exitCode?: number;
  startedAt?: Date;
  completedAt?: Date;
  env: RunnerEnvironment;
  cwd?: string;
}

export interface CollectResultsOutcome {
  resultsFile: string;
  results: CiResults;
  /** `collected N report files: P passed, F failed, S skipped, coverage L% -> FILE` */
  summaryLine: string;
}

const SHA = /^[0-9a-f]{40}$/;

export async function collectResultsFile(request: CollectRequest): Promise<CollectResultsOutcome> {
  const context = await resultsContext(request);
  await refuseExistingOut(request);
  const outcome = await collectReports({
    ...context,
    exitCode: request.exitCode,
    startedAt: request.startedAt,
    completedAt: request.completedAt,
    patterns: request.reports,
    cwd: request.cwd,
    outFile: request.outFile,
  });
  await writeResults(request, outcome.results);
  return { resultsFile: request.outFile, results: outcome.results, summaryLine: outcome.summaryLine };
}

export interface RunRequest extends Omit<CollectRequest, 'exitCode' | 'startedAt' | 'completedAt'> {
  command: string[];
}

export interface RunOutcome extends CollectResultsOutcome {
  /** The command's own exit status (128 + signal number when it was killed). */
  exitCode: number;
}

/**
 * Runs the test command with stdio passed through, then collects what it left. A command that wrote no report
 * still gets results (failure, zero tests, and why), so a crash is signed and posted like any other failure.
 */
export async function runAndCollect(request: RunRequest): Promise<RunOutcome> {
  if (request.command.length === 0) {
    throw new UsageError(
      'no command to run',
      'Put the test command after --, e.g. ci-signing run --reports "reports/*.xml" -- npm test.',
    );
  }
  const context = await resultsContext(request);
  await refuseExistingOut(request);
  const startedAt = new Date();
  const exitCode = await runCommand(request.command, request.cwd);
  const completedAt = new Date();
  const timed = { ...context, exitCode, startedAt, completedAt };
  const cwd = resolve(request.cwd ?? process.cwd());
  const matching: string[] = [];
  for (const pattern of request.reports) {
    if (await matches(pattern, cwd)) matching.push(pattern);
  }
  let results: CiResults;
  let summaryLine: string;
  if (matching.length === 0) {
    results = noReportsResults({ ...timed, patterns: request.reports });
    summaryLine = formatSummaryLine(results, 0, request.outFile);
  } else {
    const outcome = await collectReports({ ...timed, patterns: matching, cwd: request.cwd, outFile: request.outFile });
    results = outcome.results;
    summaryLine = outcome.summaryLine;
    const missing = request.reports.filter((pattern) => !matching.includes(pattern));
    if (missing.length > 0) {
      // A report the command should have written and did not is a failure, never silently dropped.
      results.conclusion = 'failure';
      results.failures = [
        { name: 'collect', message: `No report matched ${missing.join(', ')}.` },
        ...(results.failures ?? []),
      ];
    }
  }
  await writeResults({ ...request, overwrite: true }, results);
  return { resultsFile: request.outFile, results, summaryLine, exitCode };
}

async function matches(pattern: string, cwd: string): Promise<boolean> {
  try {
    return (await findReports([pattern], cwd)).length > 0;
  } catch (error) {
    if (error instanceof CiSigningError && error.code === 'COLLECT_NO_MATCH') return false;
    throw error;
  }
}

async function resultsContext(
  request: CollectRequest,
): Promise<{ repository: string; commit: string; check?: string }> {
  if (request.reports.filter((pattern) => pattern.trim()).length === 0) {
    throw new UsageError(
      'no reports to collect',
      'Give --reports (the reports input) one or more paths or globs, e.g. "reports/*.xml".',
    );
  }
  if (!request.outFile.trim())
    throw new UsageError('no results file to write', 'Give --out (the results-file input), e.g. ci-results.json.');
  const repository = request.repository || request.env.GITHUB_REPOSITORY || '';
  if (!repository) {
    throw new UsageError(
      'no repository for the results',
      'Give --repository OWNER/NAME (in Actions, GITHUB_REPOSITORY is used).',
    );
  }
  const commit = (
    request.commit || (request.env.GITHUB_ACTIONS === 'true' ? defaultSha(request.env) : gitHead(request.cwd))
  ).toLowerCase();
  if (!SHA.test(commit)) {
    throw new UsageError(
      `the commit must be a full 40-hex sha, got ${commit ? `${commit.length} characters` : 'nothing'}`,
      'Give --commit with the full sha (git rev-parse HEAD), not an abbreviation.',
    );
  }
  const check = request.checkName.trim();
  return check ? { repository, commit, check } : { repository, commit };
}

function gitHead(cwd: string | undefined): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new UsageError(
      'no commit given and git rev-parse HEAD failed here',
      'Run in a git checkout of the tested commit, or give --commit with its full sha.',
    );
  }
}

async function refuseExistingOut(request: CollectRequest): Promise<void> {
  if (request.overwrite) return;
  const exists = await access(request.outFile).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new CiSigningError(
      'RESULTS_FILE_EXISTS',
      `${request.outFile} already exists; collect never replaces a results file unasked.`,
      'Remove it, choose another --out, or pass --overwrite.',
    );
  }
}

async function writeResults(request: CollectRequest, results: CiResults): Promise<void> {
  await refuseExistingOut(request);
  await writeFileAtomic(request.outFile, `${JSON.stringify(results, null, 2)}\n`);
}

function runCommand(command: string[], cwd: string | undefined): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, stdio: 'inherit' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new CiSigningError(
          'COMMAND_NOT_STARTED',
          `The command ${command[0]} could not be started (${error.code ?? 'error'}).`,
          'Check the command after -- and that it is on PATH.',
        ),
      );
    });
    child.on('close', (code, signal) => resolvePromise(code ?? 128 + signalNumber(signal)));
  });
}

/** A shell reports a command killed by a signal as 128 + its number; so does run. */
function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? (constants.signals[signal] ?? 1) : 1;
}
