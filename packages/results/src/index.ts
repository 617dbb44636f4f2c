export { parseResults, readResultsFile, resultsDigest, RESULTS_SCHEMA_FILE } from './parse.js';
export { renderVerificationSummary, renderResultsSummary, renderResultsTitle, formatDuration } from './render.js';
export type { VerificationSummaryEntry, ResultsRenderOptions } from './render.js';
export { RESULTS_CONCLUSIONS } from './types.js';
export type { CiResults, ResultsConclusion, TestCounts, TestFailure } from './types.js';
