// The GitHub Checks API test server: real HTTP on 127.0.0.1 for tests, benchmarks and the demo.
export { startGitHubApiServer, SECONDARY_RATE_LIMIT_MESSAGE, CONTENT_CREATION_LIMIT_MESSAGE } from './server.js';
export { responseSchemaErrors, CHECKS_EXTRACT, OUTPUT_MAX_BYTES } from './validation.js';
export { FAULT_KINDS, MIXED_FAULT_SCRIPT } from './types.js';
export { eventPayload, writeEventPayload, type EventKind, type EventPayloadOptions } from './events.js';
export type {
  Annotation,
  CheckRunJson,
  CheckRunOutput,
  FaultKind,
  FaultPlan,
  GitHubApiServer,
  GitHubApiServerOptions,
  GitHubAppConfig,
  RecordedRequest,
  StoredCheckRun,
  TokenKind,
} from './types.js';
