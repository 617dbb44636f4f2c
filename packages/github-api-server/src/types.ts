// Public types of the GitHub Checks API test server.

export type FaultKind =
  | 'status-500'
  | 'status-502-html'
  | 'status-503'
  | 'status-504'
  | 'connection-reset' // destroy the socket before responding, nothing committed
  | 'hang' // never answer (until the client gives up or the server closes); nothing committed
  | 'status-429-retry-after' // 429 with retry-after: <retryAfterSeconds>
  | 'secondary-rate-limit' // 403 secondary rate limit + retry-after
  | 'primary-rate-limit' // 403 primary rate limit, x-ratelimit-remaining: 0, x-ratelimit-reset: now + retryAfterSeconds
  | 'lost-response'; // the request IS processed (a write commits), then the socket is destroyed

export const FAULT_KINDS: readonly FaultKind[] = [
  'status-500',
  'status-502-html',
  'status-503',
  'status-504',
  'connection-reset',
  'hang',
  'status-429-retry-after',
  'secondary-rate-limit',
  'primary-rate-limit',
  'lost-response',
];

/** A scripted mix of faults (null = serve normally) across lookups, creates and batches; every kind but status-500 and
 * status-504, which a test appends where it wants every kind. */
export const MIXED_FAULT_SCRIPT: ReadonlyArray<FaultKind | null> = [
  'status-503',
  'lost-response',
  null,
  'connection-reset',
  'status-429-retry-after',
  null,
  'lost-response',
  'secondary-rate-limit',
  null,
  'status-502-html',
  'hang',
  null,
  'primary-rate-limit',
  'lost-response',
];

export interface FaultPlan {
  /** Consumed one per matching request, in order (null = serve normally). */
  script?: Array<FaultKind | null>;
  /** After the script: each matching request faults with this probability (seeded PRNG, deterministic). */
  rate?: number;
  /** Seed of the PRNG (default 1). */
  seed?: number;
  /** Kinds drawn from, uniformly, when the rate fires (default: every kind). */
  kinds?: readonly FaultKind[];
  /** HTTP methods the plan applies to (default all). */
  methods?: string[];
  /** For 429 and secondary limits: the retry-after header; for the primary limit: reset = now + this. Default 1. */
  retryAfterSeconds?: number;
  /** false: 429 and secondary limits come without retry-after (GitHub does not always send one). Default true. */
  retryAfterHeader?: boolean;
}

export type TokenKind = 'write' | 'read-only' | 'classic-pat';

export interface GitHubAppConfig {
  appId: number;
  /** PEM of the app's key used to check RS256 JWTs: the public key (a private key PEM works too). */
  privateKeyPem: string;
  /** owner/repo -> installation id */
  installations: Record<string, number>;
}

export interface GitHubApiServerOptions {
  /** Default { 'test-token': 'write' }. Unknown or missing token -> 401 Bad credentials. */
  tokens?: Record<string, TokenKind>;
  faults?: FaultPlan;
  /** POST/PATCH requests beyond `max` per sliding `windowMs` -> 403 secondary rate limit (content creation). */
  contentCreationLimit?: { max: number; windowMs: number };
  /** Requests in flight beyond this -> 403 secondary rate limit. */
  concurrencyLimit?: number;
  /** Optional GitHub App auth (repository installation lookup and installation access tokens). */
  apps?: GitHubAppConfig[];
  /** Path the API is served under, e.g. '/api/v3' as on GitHub Enterprise Server; `url` includes it. Default ''. */
  basePath?: string;
  /** Base of html_url and blob_href links. Default https://github.com. */
  htmlBaseUrl?: string;
  /** When given, only these repositories ("owner/repo") exist; others answer 404 Not Found. */
  repositories?: string[];
  /** Delay before each answer, in ms (makes concurrency observable; benchmarks). Default 0. */
  latencyMs?: number;
  /** Enforced primary rate limit per token and window. Without it the x-ratelimit-* headers count down from 5000 but nothing is refused. */
  rateLimit?: { limit: number; windowMs?: number };
  /** retry-after (seconds) of the 403 sent for the concurrency limit. Default 1. */
  concurrencyRetryAfterSeconds?: number;
}

export interface Annotation {
  path: string;
  blob_href: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: string | null;
  title: string | null;
  message: string | null;
  raw_details: string | null;
}

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations_count: number;
  annotations_url: string;
}

/** The check-run object exactly as the API returns it. */
export interface CheckRunJson {
  id: number;
  name: string;
  node_id: string;
  head_sha: string;
  external_id: string | null;
  url: string;
  html_url: string;
  details_url: string | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: CheckRunOutput;
  check_suite: { id: number };
  app: Record<string, unknown>;
  pull_requests: unknown[];
}

/** A stored check run: the API object plus everything the API keeps beside it. */
export interface StoredCheckRun extends CheckRunJson {
  annotations: Annotation[];
  owner: string;
  repo: string;
  images: Array<{ alt: string; image_url: string; caption?: string }>;
  actions: Array<{ label: string; description: string; identifier: string }>;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. /repos/o/r/check-runs */
  path: string;
  /** Path and query string as sent. */
  url: string;
  status: number | 'reset' | 'hang' | 'lost';
  fault?: FaultKind;
}

export interface GitHubApiServer {
  /** e.g. http://127.0.0.1:PORT — use as GITHUB_API_URL / Octokit baseUrl. */
  url: string;
  /** Closes all sockets, including hanging ones. */
  close(): Promise<void>;
  checkRuns(owner?: string, repo?: string): StoredCheckRun[];
  requests: RecordedRequest[];
  setFaults(plan: FaultPlan | undefined): void;
  /** Forgets runs, requests, faults and rate-limit counters (tokens, apps and commits stay). */
  reset(): void;
  /** Requests of this token that counted against its primary rate limit in the current window (304s do not). */
  rateLimitConsumed(token?: string): number;
  /** Registers a commit so list-for-ref also resolves the given branch or tag names to it. */
  addCommit(repository: string, sha: string, refs?: string[]): void;
}
