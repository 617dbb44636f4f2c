export { collectReports, findReports } from './collect.js';
export type { CollectOptions, CollectOutcome, CollectedFile } from './collect.js';
export {
  buildResults,
  noReportsResults,
  formatSummaryLine,
  emptySummary,
  NO_REPORTS_MESSAGE,
  NO_TESTS_MESSAGE,
} from './results.js';
export type { BuildResultsInput, ResultsContext } from './results.js';
export { detectFormat, readHead } from './detect.js';
export type { Detection } from './detect.js';
export { TestTally, displayName } from './merge-tests.js';
export { CoverageMerge, coveragePercent } from './merge-coverage.js';
export { capEntries, FAILURES_MAX_BYTES, FLAKY_MAX_BYTES } from './failures-cap.js';
export { MESSAGE_MAX_BYTES } from './junit.js';
export { parseJUnit } from './junit.js';
export { parseLcov } from './lcov.js';
export { parseCobertura } from './cobertura.js';
export { parseJaCoCo } from './jacoco.js';
export { parseJsonSummary } from './json-summary.js';
export { parseCoveragePyJson } from './coverage-py-json.js';
export { parseGoCover } from './go-cover.js';
export { stripTerminal, cleanLine } from './sanitize.js';
export type {
  ReportFormat,
  TestCase,
  TestSummary,
  FailureEntry,
  FlakyEntry,
  CoverageTotals,
  Outcome,
} from './types.js';
