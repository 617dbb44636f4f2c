export { createGitHubClient } from './client.js';
export type {
  GitHubClient,
  GitHubClientOptions,
  GitHubResponse,
  RequestOptions,
  RequestParameters,
  LookupRequest,
} from './client.js';
export { GitHubRequestError } from './github-request-error.js';
export { permanentError } from './http-errors.js';
export { classifyFailure, computeWait, SECONDARY_RATE_LIMIT_MIN_WAIT_MS } from './retry-policy.js';
export type { AttemptFailure, Wait, WaitInput } from './retry-policy.js';
export {
  encodeEmbeddedBlock,
  decodeEmbeddedBlock,
  EMBEDDED_BLOCK_VERSION,
  DEFAULT_MAX_RESULTS_BYTES,
} from './embedded-block.js';
export type { EmbeddedBlock } from './embedded-block.js';
export { postResults, buildCheckRunContent, OUTPUT_MAX_BYTES } from './post-check-run.js';
export type { PostResultsInput, PostResultsOutcome, CheckRunContent } from './post-check-run.js';
export { readCheckRuns, readAllCheckRuns, listCheckRunsForRef, parseRepository } from './runs.js';
export type { CheckRunData, CheckRunListing, CheckRunRecord } from './runs.js';
export { failuresToAnnotations, ANNOTATIONS_PER_REQUEST } from './annotations.js';
export type { Annotation } from './annotations.js';
export { createAppInstallationToken, createAppJwt } from './app-token.js';
