// Shapes shared by the parsers, the mergers and buildResults.

export type ReportFormat = 'junit' | 'lcov' | 'cobertura' | 'jacoco' | 'json-summary' | 'coverage-py-json' | 'go-cover';

export type Outcome = 'passed' | 'failed' | 'skipped';

/** One <testcase> as a parser saw it (text already cleaned and cut). */
export interface TestCase {
  /** The path of enclosing <testsuite> names, joined by " › ". */
  suite: string;
  classname: string;
  name: string;
  outcome: Outcome;
  /** Surefire flakyFailure/flakyError: failed, then passed on a rerun inside the same case. */
  flaky?: boolean;
  message?: string;
  file?: string;
  line?: number;
}

export type FlakyEntry = {
  name: string;
  file?: string;
};

export type FailureEntry = {
  name: string;
  message: string;
  file?: string;
  line?: number;
};

/** Counts plus every failure and flaky test in report order. */
export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  failures: FailureEntry[];
  flaky: FlakyEntry[];
}

export interface CoverageTotals {
  covered: number;
  total: number;
}
