// The ci-results v1 shape as TypeScript; schema/ci-results-v1.schema.json is the source of truth.

export const RESULTS_CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out'] as const;
export type ResultsConclusion = (typeof RESULTS_CONCLUSIONS)[number];

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  [extra: string]: unknown;
}

export interface TestFailure {
  name: string;
  message: string;
  file?: string;
  line?: number;
  [extra: string]: unknown;
}

export interface CiResults {
  version: 1;
  /** owner/name */
  repository: string;
  /** 40 lowercase hex digits */
  commit: string;
  /** The check-run name the results are for. */
  check?: string;
  conclusion: ResultsConclusion;
  tests: TestCounts;
  coverage?: { lines: number; [extra: string]: unknown };
  failures?: TestFailure[];
  /** Failures left out of `failures` to fit a check run; counts stay exact. */
  failuresOmitted?: number;
  /** Tests that failed, then passed on a rerun (counted as passed). */
  flaky?: { name: string; file?: string; [extra: string]: unknown }[];
  /** ISO 8601 date-time */
  startedAt?: string;
  /** ISO 8601 date-time */
  completedAt?: string;
  run?: unknown;
  /** Any other property is kept (and signed, as part of the bytes). */
  [extra: string]: unknown;
}
