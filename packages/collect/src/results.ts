// Builds the ci-results v1 object from merged counts and coverage (pure: no files, no clock).
import type { CiResults, TestFailure } from '../../results/src/index.js';
import { capEntries, FAILURES_MAX_BYTES, FLAKY_MAX_BYTES } from './failures-cap.js';
import { coveragePercent } from './merge-coverage.js';
import type { CoverageTotals, TestSummary } from './types.js';

export interface ResultsContext {
  repository: string;
  commit: string;
  check?: string;
  /** The test command's exit code; non-zero makes the conclusion failure (a crash after the reports). */
  exitCode?: number;
  startedAt?: string | Date;
  completedAt?: string | Date;
}

export interface BuildResultsInput extends ResultsContext {
  tests: TestSummary;
  coverage: CoverageTotals | null;
}

export const NO_TESTS_MESSAGE = 'No test cases were found in the reports.';

/**
 * Conclusion: failure when a test failed, when exitCode is non-zero, or when no test case was found (nothing
 * was proven); success otherwise. The last two add an explaining entry to failures[] (not counted as a test).
 */
export function buildResults(input: BuildResultsInput): CiResults {
  const { tests } = input;
  const notes: TestFailure[] = [];
  if (input.exitCode !== undefined && input.exitCode !== 0) {
    notes.push({ name: 'test command', message: `The test command exited with code ${input.exitCode}.` });
  }
  if (tests.passed + tests.failed + tests.skipped === 0) notes.push({ name: 'collect', message: NO_TESTS_MESSAGE });
  const failures = capEntries([...notes, ...tests.failures], FAILURES_MAX_BYTES);
  const flaky = capEntries(tests.flaky, FLAKY_MAX_BYTES);
  const results: CiResults = {
    version: 1,
    repository: input.repository,
    commit: input.commit,
    conclusion: tests.failed > 0 || notes.length > 0 ? 'failure' : 'success',
    tests: { passed: tests.passed, failed: tests.failed, skipped: tests.skipped },
  };
  if (input.check !== undefined) results.check = input.check;
  const percent = input.coverage ? coveragePercent(input.coverage) : null;
  if (percent !== null) results.coverage = { lines: percent };
  results.failures = failures.kept;
  if (failures.omitted > 0) results.failuresOmitted = failures.omitted;
  if (flaky.kept.length > 0) results.flaky = flaky.kept;
  if (flaky.omitted > 0) results.flakyOmitted = flaky.omitted;
  if (input.startedAt !== undefined) results.startedAt = isoDate(input.startedAt);
  if (input.completedAt !== undefined) results.completedAt = isoDate(input.completedAt);
  return results;
}

export const NO_REPORTS_MESSAGE = 'No test report was found';

/** Results for a run whose patterns found no report at all (what `run` signs instead of refusing). */
export function noReportsResults(context: ResultsContext & { patterns: string[] }): CiResults {
  const results = buildResults({ ...context, tests: emptySummary(), coverage: null });
  const message = `${NO_REPORTS_MESSAGE} (patterns: ${context.patterns.join(', ')}).`;
  results.failures = [
    { name: 'collect', message },
    ...(results.failures ?? []).filter((entry) => entry.message !== NO_TESTS_MESSAGE),
  ];
  return results;
}

export function emptySummary(): TestSummary {
  return { passed: 0, failed: 0, skipped: 0, failures: [], flaky: [] };
}

/** "collected N report files: P passed, F failed, S skipped, coverage L% -> FILE" ("coverage none" without). */
export function formatSummaryLine(results: CiResults, fileCount: number, outFile: string): string {
  const { passed, failed, skipped } = results.tests;
  const coverage = results.coverage ? `coverage ${results.coverage.lines}%` : 'coverage none';
  // The wording is fixed (callers and logs match it), so "1 report files" stays plural.
  const counts = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  return `collected ${fileCount} report files: ${counts}, ${coverage} -> ${outFile}`;
}

function isoDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}
