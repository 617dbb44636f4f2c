// A GitHub Checks API test server on real HTTP (node:http) bound to 127.0.0.1, port 0.
import { createHash, randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { isoSeconds } from '../../common/src/index.js';
import { checkAppJwt, registerApps, type RegisteredApp } from './app-auth.js';
import {
  CheckRunStore,
  GITHUB_ACTIONS_APP,
  repositoryKey,
  type AppIdentity,
  type CheckRunInput,
  type StoredRecord,
} from './check-runs.js';
import { FaultInjector } from './faults.js';
import type {
  FaultKind,
  FaultPlan,
  GitHubApiServer,
  GitHubApiServerOptions,
  RecordedRequest,
  StoredCheckRun,
  TokenKind,
} from './types.js';
import {
  ANNOTATION_TEXT_MAX_BYTES,
  ANNOTATION_TITLE_MAX_CHARACTERS,
  CHECKS_EXTRACT,
  OUTPUT_MAX_BYTES,
  requestBodyProblems,
} from './validation.js';

const CHECKS_DOCS = 'https://docs.github.com/rest/checks/runs';
const DOCS = {
  create: `${CHECKS_DOCS}#create-a-check-run`,
  update: `${CHECKS_DOCS}#update-a-check-run`,
  get: `${CHECKS_DOCS}#get-a-check-run`,
  listForRef: `${CHECKS_DOCS}#list-check-runs-for-a-git-reference`,
  annotations: `${CHECKS_DOCS}#list-check-run-annotations`,
  installation: 'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app',
  accessToken: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  rateLimits: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
  secondaryRateLimits:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  rest: 'https://docs.github.com/rest',
};
/** GitHub's answer to a classic personal access token on a checks write (it still links the old reference page). */
const CLASSIC_PAT_DOCS = {
  create: 'https://docs.github.com/rest/reference/checks#create-a-check-run',
  update: 'https://docs.github.com/rest/reference/checks#update-a-check-run',
};

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
export const CONTENT_CREATION_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please ' +
  'retry your request again later.';
const BAD_GATEWAY_HTML =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>\n<p>The server returned an ' +
  'invalid or incomplete response.</p>\n</body></html>\n';

const SHA = /^[0-9a-f]{40}$/i;
const DEFAULT_TOKENS: Record<string, TokenKind> = { 'test-token': 'write' };
const UNENFORCED_RATE_LIMIT = 5000;
const ANONYMOUS_RATE_LIMIT = 60;
const HOUR_MS = 3_600_000;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface TokenGrant {
  kind: TokenKind;
  app: AppIdentity;
}

type Caller = { kind: 'token'; token: string; grant: TokenGrant } | { kind: 'app'; app: RegisteredApp };

interface Route {
  name: 'rate-limit' | 'create' | 'get' | 'update' | 'annotations' | 'list-for-ref' | 'installation' | 'access-token';
  owner?: string;
  repo?: string;
  id?: number;
  ref?: string;
}

interface RateWindow {
  used: number;
  resetAtMs: number;
}

function error(
  status: number,
  message: string,
  documentationUrl: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Reply {
  return { status, body: { message, ...extra, documentation_url: documentationUrl, status: String(status) }, headers };
}

function invalidRequest(problems: string[], documentationUrl: string): Reply {
  return error(422, `Invalid request.\n\n${problems.join('\n')}`, documentationUrl);
}

interface FieldError {
  resource: string;
  code: string;
  field: string;
  message: string;
}

function validationFailed(errors: FieldError[], documentationUrl: string): Reply {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors, documentation_url: documentationUrl, status: '422' },
  };
}

function notFound(documentationUrl: string): Reply {
  return error(404, 'Not Found', documentationUrl);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(method: string, pathname: string): Route | undefined {
  const parts = pathname.split('/').slice(1).map(decodeSegment);
  if (method === 'GET' && pathname === '/rate_limit') return { name: 'rate-limit' };
  if (
    method === 'POST' &&
    parts.length === 4 &&
    parts[0] === 'app' &&
    parts[1] === 'installations' &&
    /^\d+$/.test(parts[2] ?? '') &&
    parts[3] === 'access_tokens'
  ) {
    return { name: 'access-token', id: Number(parts[2]) };
  }
  if (parts[0] !== 'repos' || parts.length < 4 || !parts[1] || !parts[2]) return undefined;
  const [, owner, repo, ...rest] = parts as [string, string, string, ...string[]];
  const id = /^\d+$/.test(rest[1] ?? '') ? Number(rest[1]) : undefined;
  if (rest.length === 1 && rest[0] === 'installation' && method === 'GET') return { name: 'installation', owner, repo };
  if (rest.length === 1 && rest[0] === 'check-runs' && method === 'POST') return { name: 'create', owner, repo };
  if (rest.length === 2 && rest[0] === 'check-runs' && id !== undefined && method === 'GET')
    return { name: 'get', owner, repo, id };
  if (rest.length === 2 && rest[0] === 'check-runs' && id !== undefined && method === 'PATCH')
    return { name: 'update', owner, repo, id };
  if (
    rest.length === 3 &&
    rest[0] === 'check-runs' &&
    id !== undefined &&
    rest[2] === 'annotations' &&
    method === 'GET'
  )
    return { name: 'annotations', owner, repo, id };
  if (rest.length >= 3 && rest[0] === 'commits' && rest.at(-1) === 'check-runs' && method === 'GET') {
    // The ref may span segments (heads/feature/x) or arrive %2F-encoded.
    return { name: 'list-for-ref', owner, repo, ref: rest.slice(1, -1).join('/') };
  }
  return undefined;
}

function parameterEnum(operation: keyof typeof CHECKS_EXTRACT.operations, name: string): string[] {
  const parameter = CHECKS_EXTRACT.operations[operation].parameters.find((candidate) => candidate.name === name);
  return ((parameter?.schema as { enum?: string[] } | undefined)?.enum ?? []).slice();
}

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : fallback;
}

function requestId(): string {
  const hex = randomBytes(14).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 9)}:${hex.slice(9, 16)}:${hex.slice(16, 23)}:${hex.slice(23, 28)}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Checks GitHub makes beyond the JSON schema (limits in bytes, stale); a list of 422 field errors. */
function modelErrors(input: CheckRunInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.conclusion === 'stale') {
    errors.push({
      resource: 'CheckRun',
      code: 'custom',
      field: 'conclusion',
      message: 'conclusion cannot be set to stale; only GitHub can set it',
    });
  }
  for (const field of ['summary', 'text'] as const) {
    const value = input.output?.[field];
    if (value !== undefined && bytes(value) > OUTPUT_MAX_BYTES) {
      errors.push({
        resource: 'CheckRun',
        code: 'custom',
        field,
        message: `${field} exceeds a maximum bytesize of ${OUTPUT_MAX_BYTES}`,
      });
    }
  }
  for (const annotation of input.output?.annotations ?? []) {
    for (const field of ['message', 'raw_details'] as const) {
      const value = annotation[field];
      if (value !== undefined && bytes(value) > ANNOTATION_TEXT_MAX_BYTES) {
        errors.push({
          resource: 'CheckAnnotation',
          code: 'custom',
          field,
          message: `${field} exceeds a maximum bytesize of ${ANNOTATION_TEXT_MAX_BYTES}`,
        });
      }
    }
    if (annotation.title !== undefined && [...annotation.title].length > ANNOTATION_TITLE_MAX_CHARACTERS) {
      errors.push({
        resource: 'CheckAnnotation',
        code: 'custom',
        field: 'title',
        message: `title is too long (maximum is ${ANNOTATION_TITLE_MAX_CHARACTERS} characters)`,
      });
    }
  }
  return errors;
}

/** "Required if you provide completed_at or a status of completed" (the upstream schema's discriminator). */
function conclusionMissing(input: CheckRunInput, run?: StoredRecord): boolean {
  if (input.conclusion !== undefined) return false;
  if (input.status === 'completed') return true;
  return input.completed_at !== undefined && (run === undefined || run.conclusion === null);
}

/** "Most recent" for filter=latest: a run still going beats any completed one, then the later completed_at, then the newer id. */
function moreRecent(a: StoredRecord, b: StoredRecord): boolean {
  const time = (run: StoredRecord) => (run.completed_at === null ? Infinity : Date.parse(run.completed_at));
  return time(a) !== time(b) ? time(a) > time(b) : a.id > b.id;
}

/** If-None-Match: a list of ETags or `*`; weak comparison, as GitHub's ETags are weak. */
function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

class TestGitHubApiServer implements GitHubApiServer {
  url = '';
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly store: CheckRunStore;
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly apps: RegisteredApp[];
  private readonly repositories: Set<string> | undefined;
  private readonly refs = new Map<string, Map<string, string>>();
  private readonly rateWindows = new Map<string, RateWindow>();
  private readonly pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private faults: FaultInjector | undefined;
  private contentWrites: number[] = [];
  private inFlight = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: GitHubApiServerOptions) {
    for (const [token, kind] of Object.entries(options.tokens ?? DEFAULT_TOKENS))
      this.tokens.set(token, { kind, app: GITHUB_ACTIONS_APP });
    this.apps = registerApps(options.apps);
    this.repositories = options.repositories
      ? new Set(options.repositories.map((repository) => repository.toLowerCase()))
      : undefined;
    this.faults = options.faults ? new FaultInjector(options.faults) : undefined;
    const apiUrl = () => this.url; // known once listening
    this.store = new CheckRunStore({
      get apiUrl() {
        return apiUrl();
      },
      htmlBaseUrl: this.htmlBaseUrl(),
    });
    this.server = createServer((req, res) => this.onRequest(req, res));
  }

  /** '' for api.github.com; '/api/v3' serves the API where GitHub Enterprise Server has it. */
  private basePath(): string {
    return (this.options.basePath ?? '').replace(/\/+$/, '');
  }

  private htmlBaseUrl(): string {
    return (this.options.htmlBaseUrl ?? 'https://github.com').replace(/\/+$/, '');
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.basePath()}`;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    for (const pending of this.pendingDelays) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.pendingDelays.clear();
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  checkRuns(owner?: string, repo?: string): StoredCheckRun[] {
    return this.store
      .list(owner, repo)
      .sort((a, b) => a.id - b.id)
      .map((run) => this.store.stored(run));
  }

  setFaults(plan: FaultPlan | undefined): void {
    this.faults = plan ? new FaultInjector(plan) : undefined;
  }

  reset(): void {
    this.store.clear();
    this.requests.length = 0;
    this.faults = undefined;
    this.contentWrites = [];
    this.rateWindows.clear();
  }

  addCommit(repository: string, sha: string, refs: string[] = []): void {
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined) throw new Error(`repository must be "owner/repo", got "${repository}"`);
    if (!SHA.test(sha)) throw new Error(`sha must be 40 hexadecimal characters, got "${sha}"`);
    const key = repositoryKey(owner, repo);
    this.repositories?.add(key);
    const names = this.refs.get(key) ?? new Map<string, string>();
    for (const ref of refs) names.set(ref.replace(/^refs\//, '').replace(/^(heads|tags)\//, ''), sha.toLowerCase());
    this.refs.set(key, names);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    const overConcurrency =
      this.options.concurrencyLimit !== undefined && this.inFlight > this.options.concurrencyLimit;
    res.once('close', () => {
      this.inFlight -= 1;
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const base = this.basePath();
    if (base) {
      // Under a base path, only its subtree is the API; anything else is a route that does not exist.
      const inside = url.pathname === base || url.pathname.startsWith(`${base}/`);
      url.pathname = inside ? url.pathname.slice(base.length) || '/' : `/outside-base-path${url.pathname}`;
    }
    const record = { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, url: req.url ?? '/' };
    this.handle(req, res, record, url, overConcurrency).catch(() => {
      // The client went away mid-request (or a bug threw): answer 500 if anyone is still listening.
      if (req.destroyed || res.destroyed) this.requests.push({ ...record, status: 'reset' });
      else this.send(res, { status: 500, body: { message: 'Server Error' } }, record, undefined);
    });
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
    record: Omit<RecordedRequest, 'status'>,
    url: URL,
    overConcurrency: boolean,
  ): Promise<void> {
    const body = await readBody(req);
    const faults = this.faults;
    const fault = faults?.next(record.method);
    if (this.options.latencyMs) await this.delay(this.options.latencyMs);
    if (this.closing) return;
    if (fault !== undefined && fault !== 'lost-response') {
      this.injectFault(fault, faults?.retryAfterSeconds ?? 1, faults?.retryAfterHeader ?? true, req, res, record);
      return;
    }
    const { reply, caller } = this.process(record.method, url, body, req.headers, overConcurrency);
    if (fault === 'lost-response') {
      // The request took effect; only the answer never reaches the client.
      this.requests.push({ ...record, status: 'lost', fault });
      req.socket.destroy();
      return;
    }
    this.send(res, reply, record, caller);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        resolve,
        timer: setTimeout(() => {
          this.pendingDelays.delete(pending);
          resolve();
        }, ms),
      };
      this.pendingDelays.add(pending);
    });
  }

  private injectFault(
    fault: Exclude<FaultKind, 'lost-response'>,
    retryAfterSeconds: number,
    retryAfterHeader: boolean,
    req: IncomingMessage,
    res: ServerResponse,
    record: Omit<RecordedRequest, 'status'>,
  ): void {
    const token = this.bearer(req.headers.authorization);
    const caller: Caller | undefined =
      token && this.tokens.has(token)
        ? { kind: 'token', token, grant: this.tokens.get(token) as TokenGrant }
        : undefined;
    const retryAfter: Record<string, string> = retryAfterHeader ? { 'retry-after': String(retryAfterSeconds) } : {};
    switch (fault) {
      case 'connection-reset':
        this.requests.push({ ...record, status: 'reset', fault });
        req.socket.resetAndDestroy();
        return;
      case 'hang':
        // Nothing is written; close() or the client ends the socket.
        this.requests.push({ ...record, status: 'hang', fault });
        return;
      case 'status-500':
        this.send(res, { status: 500, body: { message: 'Server Error' } }, record, caller, fault);
        return;
      case 'status-502-html':
        this.send(
          res,
          { status: 502, body: BAD_GATEWAY_HTML, headers: { 'content-type': 'text/html' } },
          record,
          caller,
          fault,
        );
        return;
      case 'status-503':
        this.send(res, { status: 503, body: { message: 'Service Unavailable' } }, record, caller, fault);
        return;
      case 'status-504':
        this.send(
          res,
          {
            status: 504,
            body: {
              message:
                "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your " +
                'request and contact us if the problem persists.',
            },
          },
          record,
          caller,
          fault,
        );
        return;
      case 'status-429-retry-after':
        this.send(
          res,
          error(429, SECONDARY_RATE_LIMIT_MESSAGE, DOCS.secondaryRateLimits, {}, retryAfter),
          record,
          caller,
          fault,
        );
        return;
      case 'secondary-rate-limit':
        this.send(
          res,
          error(403, SECONDARY_RATE_LIMIT_MESSAGE, DOCS.secondaryRateLimits, {}, retryAfter),
          record,
          caller,
          fault,
        );
        return;
      case 'primary-rate-limit': {
        const limit = this.options.rateLimit?.limit ?? UNENFORCED_RATE_LIMIT;
        const headers = {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(limit),
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + retryAfterSeconds),
        };
        this.send(
          res,
          error(403, 'API rate limit exceeded for installation ID 1.', DOCS.rateLimits, {}, headers),
          record,
          caller,
          fault,
        );
        return;
      }
    }
  }

  private send(
    res: ServerResponse,
    reply: Reply,
    record: Omit<RecordedRequest, 'status'>,
    caller: Caller | undefined,
    fault?: FaultKind,
  ): void {
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...this.rateHeaders(caller),
      ...reply.headers,
    });
    res.end(text);
    this.requests.push({ ...record, status: reply.status, ...(fault ? { fault } : {}) });
  }

  private bearer(authorization: string | undefined): string | undefined {
    return /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  }

  private rateWindow(key: string): RateWindow {
    const now = Date.now();
    let window = this.rateWindows.get(key);
    if (!window || now >= window.resetAtMs) {
      window = { used: 0, resetAtMs: now + (this.options.rateLimit?.windowMs ?? HOUR_MS) };
      this.rateWindows.set(key, window);
    }
    return window;
  }

  private rateHeaders(caller: Caller | undefined): Record<string, string> {
    const key = caller?.kind === 'token' ? caller.token : '';
    const limit = key ? (this.options.rateLimit?.limit ?? UNENFORCED_RATE_LIMIT) : ANONYMOUS_RATE_LIMIT;
    const window = this.rateWindow(key);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.used)),
      'x-ratelimit-reset': String(Math.ceil(window.resetAtMs / 1000)),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-resource': 'core',
    };
  }

  /** Serves one request that no fault intercepted; commits writes. */
  private process(
    method: string,
    url: URL,
    rawBody: Buffer,
    headers: IncomingHttpHeaders,
    overConcurrency: boolean,
  ): { reply: Reply; caller?: Caller } {
    const matched = route(method, url.pathname);
    const token = this.bearer(headers.authorization);
    if (matched?.name === 'rate-limit') {
      const grant = token ? this.tokens.get(token) : undefined;
      const caller: Caller | undefined = token && grant ? { kind: 'token', token, grant } : undefined;
      return { reply: this.rateLimitStatus(caller), caller };
    }
    if (matched?.name === 'installation' || matched?.name === 'access-token') {
      const check = token ? checkAppJwt(token, this.apps) : { problem: 'A JSON web token could not be decoded' };
      if ('problem' in check) return { reply: error(401, check.problem, DOCS.rest) };
      return {
        reply:
          matched.name === 'installation'
            ? this.installation(check.app, matched)
            : this.accessToken(check.app, matched.id as number),
      };
    }
    const grant = token ? this.tokens.get(token) : undefined;
    if (!token || !grant) return { reply: error(401, 'Bad credentials', DOCS.rest) };
    const caller: Caller = { kind: 'token', token, grant };
    const window = this.rateWindow(token);
    window.used += 1;
    const limit = this.options.rateLimit?.limit;
    if (limit !== undefined && window.used > limit) {
      return { reply: error(403, `API rate limit exceeded for installation ID 1.`, DOCS.rateLimits), caller };
    }
    if (overConcurrency) {
      const retryAfter = { 'retry-after': String(this.options.concurrencyRetryAfterSeconds ?? 1) };
      return { reply: error(403, SECONDARY_RATE_LIMIT_MESSAGE, DOCS.secondaryRateLimits, {}, retryAfter), caller };
    }
    if (!matched) return { reply: notFound(DOCS.rest), caller };
    const owner = matched.owner as string;
    const repo = matched.repo as string;
    if (this.repositories && !this.repositories.has(repositoryKey(owner, repo)))
      return { reply: notFound(DOCS.rest), caller };
    const write = method === 'POST' || method === 'PATCH';
    if (write) {
      const documentation = matched.name === 'create' ? 'create' : 'update';
      if (grant.kind === 'read-only')
        return { reply: error(403, 'Resource not accessible by integration', DOCS[documentation]), caller };
      if (grant.kind === 'classic-pat')
        return {
          reply: error(403, 'You must authenticate via a GitHub App.', CLASSIC_PAT_DOCS[documentation]),
          caller,
        };
      const limited = this.contentCreationLimited();
      if (limited) return { reply: limited, caller };
    }
    let body: unknown = null;
    if (write && rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return {
          reply: error(400, 'Problems parsing JSON', DOCS[matched.name === 'create' ? 'create' : 'update']),
          caller,
        };
      }
    }
    const reply = this.serve(matched, owner, repo, body, url, grant);
    if (method !== 'GET' || reply.status !== 200) return { reply, caller };
    // GitHub's conditional requests: every GET answer has an ETag; If-None-Match with it gets a 304 with
    // no body, which "does not count against your primary rate limit".
    const etag = `W/"${createHash('sha256')
      .update(`${JSON.stringify(reply.body)}\n${reply.headers?.link ?? ''}`)
      .digest('hex')
      .slice(0, 32)}"`;
    if (matchesEtag(headers['if-none-match'], etag)) {
      window.used -= 1;
      return { reply: { status: 304, body: '', headers: { etag } }, caller };
    }
    return { reply: { ...reply, headers: { ...reply.headers, etag } }, caller };
  }

  rateLimitConsumed(token = 'test-token'): number {
    const window = this.rateWindows.get(token);
    return window && Date.now() < window.resetAtMs ? window.used : 0;
  }

  private serve(matched: Route, owner: string, repo: string, body: unknown, url: URL, grant: TokenGrant): Reply {
    switch (matched.name) {
      case 'create':
        return this.createCheckRun(owner, repo, body, grant);
      case 'update':
        return this.updateCheckRun(owner, repo, matched.id as number, body);
      case 'get': {
        const run = this.store.find(owner, repo, matched.id as number);
        return run ? { status: 200, body: this.store.json(run) } : notFound(DOCS.get);
      }
      case 'annotations': {
        const run = this.store.find(owner, repo, matched.id as number);
        if (!run) return notFound(DOCS.annotations);
        return this.paginate(url, run.annotations, (page) => page);
      }
      default:
        return this.listForRef(owner, repo, matched.ref as string, url);
    }
  }

  /** Sliding-window count of content-creating requests; the answer when over the limit. */
  private contentCreationLimited(): Reply | undefined {
    const limit = this.options.contentCreationLimit;
    if (!limit) return undefined;
    const now = Date.now();
    this.contentWrites = this.contentWrites.filter((at) => at > now - limit.windowMs);
    if (this.contentWrites.length < limit.max) {
      this.contentWrites.push(now);
      return undefined;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(((this.contentWrites[0] as number) + limit.windowMs - now) / 1000));
    return error(
      403,
      CONTENT_CREATION_LIMIT_MESSAGE,
      DOCS.secondaryRateLimits,
      {},
      { 'retry-after': String(retryAfterSeconds) },
    );
  }

  private createCheckRun(owner: string, repo: string, body: unknown, grant: TokenGrant): Reply {
    const problems = requestBodyProblems('create', body);
    if (problems.length > 0) return invalidRequest(problems, DOCS.create);
    const input = body as CheckRunInput & { name: string; head_sha: string };
    if (conclusionMissing(input)) return invalidRequest([`"conclusion" wasn't supplied.`], DOCS.create);
    const errors = modelErrors(input);
    if (errors.length > 0) return validationFailed(errors, DOCS.create);
    if (!SHA.test(input.head_sha)) return error(422, `No commit found for SHA: ${input.head_sha}`, DOCS.create);
    const run = this.store.create(owner, repo, input, grant.app, new Date());
    return { status: 201, body: this.store.json(run) };
  }

  private updateCheckRun(owner: string, repo: string, id: number, body: unknown): Reply {
    const run = this.store.find(owner, repo, id);
    if (!run) return notFound(DOCS.update);
    const problems = requestBodyProblems('update', body);
    if (problems.length > 0) return invalidRequest(problems, DOCS.update);
    const input = body as CheckRunInput;
    if (conclusionMissing(input, run)) return invalidRequest([`"conclusion" wasn't supplied.`], DOCS.update);
    const errors = modelErrors(input);
    if (errors.length > 0) return validationFailed(errors, DOCS.update);
    this.store.update(run, input, new Date());
    return { status: 200, body: this.store.json(run) };
  }

  private resolveRef(owner: string, repo: string, ref: string): string | undefined {
    if (SHA.test(ref)) return ref.toLowerCase();
    const name = ref.replace(/^refs\//, '').replace(/^(heads|tags)\//, '');
    return this.refs.get(repositoryKey(owner, repo))?.get(name);
  }

  private listForRef(owner: string, repo: string, ref: string, url: URL): Reply {
    const sha = this.resolveRef(owner, repo, ref);
    if (!sha) return error(422, `No commit found for SHA: ${ref}`, DOCS.listForRef);
    const query = url.searchParams;
    const problems: string[] = [];
    for (const name of ['filter', 'status']) {
      const value = query.get(name);
      const allowed = parameterEnum('checks/list-for-ref', name);
      if (value !== null && !allowed.includes(value)) {
        problems.push(
          `For '${name}', ${JSON.stringify(value)} is not one of ` +
            `[${allowed.map((item) => JSON.stringify(item)).join(', ')}].`,
        );
      }
    }
    if (problems.length > 0) return invalidRequest(problems, DOCS.listForRef);
    const checkName = query.get('check_name');
    const status = query.get('status');
    const appId = query.get('app_id');
    let runs = this.store
      .list(owner, repo)
      .filter((run) => run.head_sha === sha)
      .filter((run) => checkName === null || run.name === checkName)
      .filter((run) => status === null || run.status === status)
      .filter((run) => appId === null || String(run.app.id) === appId);
    if ((query.get('filter') ?? 'latest') === 'latest') {
      const latest = new Map<string, StoredRecord>();
      for (const run of runs) {
        const current = latest.get(run.name);
        if (!current || moreRecent(run, current)) latest.set(run.name, run);
      }
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    return this.paginate(url, runs, (page, total) => ({
      total_count: total,
      check_runs: page.map((run) => this.store.json(run)),
    }));
  }

  /** GitHub's pagination: per_page (default 30, max 100), page, and a Link header with prev/next/last/first. */
  private paginate<T>(url: URL, items: T[], shape: (page: T[], total: number) => unknown): Reply {
    const perPage = Math.min(100, positiveInteger(url.searchParams.get('per_page'), 30));
    const page = positiveInteger(url.searchParams.get('page'), 1);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (target: number, rel: string) => {
      const href = new URL(`${this.url}${url.pathname}${url.search}`);
      href.searchParams.set('page', String(target));
      return `<${href.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return {
      status: 200,
      body: shape(slice, items.length),
      headers: links.length > 0 ? { link: links.join(', ') } : undefined,
    };
  }

  private rateLimitStatus(caller: Caller | undefined): Reply {
    const headers = this.rateHeaders(caller);
    const core = {
      limit: Number(headers['x-ratelimit-limit']),
      used: Number(headers['x-ratelimit-used']),
      remaining: Number(headers['x-ratelimit-remaining']),
      reset: Number(headers['x-ratelimit-reset']),
    };
    return { status: 200, body: { resources: { core }, rate: core } };
  }

  private installation(app: RegisteredApp, matched: Route): Reply {
    const owner = matched.owner as string;
    const id = app.installations.get(repositoryKey(owner, matched.repo as string));
    if (id === undefined) return notFound(DOCS.installation);
    const now = isoSeconds(new Date());
    return {
      status: 200,
      body: {
        id,
        account: { login: owner, id: 1, type: 'Organization' },
        repository_selection: 'selected',
        access_tokens_url: `${this.url}/app/installations/${id}/access_tokens`,
        repositories_url: `${this.url}/installation/repositories`,
        html_url: `${this.htmlBaseUrl()}/organizations/${owner}/settings/installations/${id}`,
        app_id: app.appId,
        app_slug: `test-app-${app.appId}`,
        target_id: 1,
        target_type: 'Organization',
        permissions: { checks: 'write', metadata: 'read' },
        events: ['check_run', 'check_suite'],
        created_at: now,
        updated_at: now,
        single_file_name: null,
      },
    };
  }

  private accessToken(app: RegisteredApp, installationId: number): Reply {
    if (![...app.installations.values()].includes(installationId)) return notFound(DOCS.accessToken);
    const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
    this.tokens.set(token, {
      kind: 'write',
      app: { id: app.appId, slug: `test-app-${app.appId}`, name: `Test App ${app.appId}` },
    });
    return {
      status: 201,
      body: {
        token,
        expires_at: isoSeconds(Date.now() + HOUR_MS),
        permissions: { checks: 'write', metadata: 'read' },
        repository_selection: 'selected',
      },
    };
  }
}

export async function startGitHubApiServer(options: GitHubApiServerOptions = {}): Promise<GitHubApiServer> {
  const server = new TestGitHubApiServer(options);
  await server.listen();
  return server;
}
