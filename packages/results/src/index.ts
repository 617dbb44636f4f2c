export { parseResults, readResultsFile, RESULTS_FILE, RESULTS_SCHEMA_FILE } from './parse.js';
export { addAjvFormats } from './ajv-formats.js';
export { renderResultsSummary, renderResultsTitle, formatDuration } from './render.js';
export type { ResultsRenderOptions } from './render.js';
export { code, escapeText, fenced, formatTimestamp, row } from './markdown.js';
export { RESULTS_CONCLUSIONS } from './types.js';
export type { CiResults, ResultsConclusion, TestCounts, TestFailure } from './types.js';
