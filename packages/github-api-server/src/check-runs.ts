// The check-run store: what create and update commit, and the JSON GitHub returns for a run.
import type { Annotation, CheckRunJson, StoredCheckRun } from './types.js';
import { isoSeconds } from '../../common/src/index.js';

/** Who created a run: GitHub Actions for plain tokens, the configured app for its installation tokens. */
export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
}

export const GITHUB_ACTIONS_APP: AppIdentity = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

export interface AnnotationInput {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface OutputInput {
  title?: string;
  summary?: string;
  text?: string;
  annotations?: AnnotationInput[];
  images?: Array<{ alt: string; image_url: string; caption?: string }>;
}

/** A create or update body after schema validation. */
export interface CheckRunInput {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: OutputInput;
  actions?: Array<{ label: string; description: string; identifier: string }>;
}

export interface Links {
  apiUrl: string;
  htmlBaseUrl: string;
}

/** GitHub's timestamps: ISO 8601 in UTC without fractions. */
/** GitHub writes check-run times to the second. */
export const githubTime = isoSeconds;

export function appJson(app: AppIdentity, links: Links): Record<string, unknown> {
  const owner = {
    login: 'github',
    id: 9919,
    node_id: 'MDEyOk9yZ2FuaXphdGlvbjk5MTk=',
    avatar_url: 'https://avatars.githubusercontent.com/u/9919?v=4',
    gravatar_id: '',
    url: `${links.apiUrl}/users/github`,
    html_url: `${links.htmlBaseUrl}/github`,
    followers_url: `${links.apiUrl}/users/github/followers`,
    following_url: `${links.apiUrl}/users/github/following{/other_user}`,
    gists_url: `${links.apiUrl}/users/github/gists{/gist_id}`,
    starred_url: `${links.apiUrl}/users/github/starred{/owner}{/repo}`,
    subscriptions_url: `${links.apiUrl}/users/github/subscriptions`,
    organizations_url: `${links.apiUrl}/users/github/orgs`,
    repos_url: `${links.apiUrl}/users/github/repos`,
    events_url: `${links.apiUrl}/users/github/events{/privacy}`,
    received_events_url: `${links.apiUrl}/users/github/received_events`,
    type: 'Organization',
    user_view_type: 'public',
    site_admin: false,
  };
  return {
    id: app.id,
    slug: app.slug,
    node_id: Buffer.from(`03:App${app.id}`).toString('base64'),
    owner,
    name: app.name,
    description:
      app.id === GITHUB_ACTIONS_APP.id
        ? 'Automate your workflow from idea to production'
        : 'A GitHub App of the test server',
    external_url:
      app.id === GITHUB_ACTIONS_APP.id ? 'https://help.github.com/en/actions' : `${links.htmlBaseUrl}/apps/${app.slug}`,
    html_url: `${links.htmlBaseUrl}/apps/${app.slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { checks: 'write', metadata: 'read' },
    events: ['check_run', 'check_suite'],
  };
}

interface StoredRecord {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  external_id: string | null;
  details_url: string | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  images: NonNullable<OutputInput['images']>;
  actions: NonNullable<CheckRunInput['actions']>;
  checkSuiteId: number;
  app: AppIdentity;
}

export function repositoryKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

export class CheckRunStore {
  private readonly runs = new Map<number, StoredRecord>();
  private readonly suites = new Map<string, number>();
  private nextRunId = 4_000_000_001;
  private nextSuiteId = 9_000_000_001;

  constructor(private readonly links: Links) {}

  clear(): void {
    this.runs.clear();
    this.suites.clear();
  }

  /** The run with this id in this repository, or undefined (GitHub answers 404 for another repository's run). */
  find(owner: string, repo: string, id: number): StoredRecord | undefined {
    const run = this.runs.get(id);
    return run && repositoryKey(run.owner, run.repo) === repositoryKey(owner, repo) ? run : undefined;
  }

  list(owner?: string, repo?: string): StoredRecord[] {
    return [...this.runs.values()].filter(
      (run) =>
        (owner === undefined || run.owner.toLowerCase() === owner.toLowerCase()) &&
        (repo === undefined || run.repo.toLowerCase() === repo.toLowerCase()),
    );
  }

  create(
    owner: string,
    repo: string,
    input: CheckRunInput & { name: string; head_sha: string },
    app: AppIdentity,
    now: Date,
  ): StoredRecord {
    const headSha = input.head_sha.toLowerCase();
    const suiteKey = `${repositoryKey(owner, repo)}@${headSha}#${app.id}`;
    let checkSuiteId = this.suites.get(suiteKey);
    if (checkSuiteId === undefined) {
      checkSuiteId = this.nextSuiteId++;
      this.suites.set(suiteKey, checkSuiteId);
    }
    const run: StoredRecord = {
      id: this.nextRunId++,
      owner,
      repo,
      name: input.name,
      head_sha: headSha,
      external_id: input.external_id ?? null,
      details_url: input.details_url ?? null,
      status: 'queued',
      conclusion: null,
      started_at: githubTime(input.started_at ?? now),
      completed_at: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      images: [],
      actions: [],
      checkSuiteId,
      app,
    };
    this.apply(run, input, now);
    this.runs.set(run.id, run);
    return run;
  }

  update(run: StoredRecord, input: CheckRunInput, now: Date): StoredRecord {
    this.apply(run, input, now);
    return run;
  }

  /** Writes a create/update body into a run: fields replace, annotations append; a conclusion completes the run. */
  private apply(run: StoredRecord, input: CheckRunInput, now: Date): void {
    if (input.name !== undefined) run.name = input.name;
    if (input.details_url !== undefined) run.details_url = input.details_url;
    if (input.external_id !== undefined) run.external_id = input.external_id;
    if (input.started_at !== undefined) run.started_at = githubTime(input.started_at);
    if (input.status !== undefined && input.status !== 'completed' && input.conclusion === undefined) {
      run.status = input.status;
      run.conclusion = null;
      run.completed_at = null;
    }
    if (input.conclusion !== undefined) {
      run.status = 'completed';
      run.conclusion = input.conclusion;
      run.completed_at = githubTime(input.completed_at ?? run.completed_at ?? now);
    } else if (input.completed_at !== undefined) {
      run.completed_at = githubTime(input.completed_at);
    }
    if (input.actions !== undefined) run.actions = structuredClone(input.actions);
    const output = input.output;
    if (!output) return;
    if (output.title !== undefined) run.output.title = output.title;
    if (output.summary !== undefined) run.output.summary = output.summary;
    if (output.text !== undefined) run.output.text = output.text;
    if (output.images !== undefined) run.images = structuredClone(output.images);
    for (const annotation of output.annotations ?? []) run.annotations.push(this.annotation(run, annotation));
  }

  private annotation(run: StoredRecord, input: AnnotationInput): Annotation {
    const path = input.path.split('/').map(encodeURIComponent).join('/');
    return {
      path: input.path,
      blob_href: `${this.links.htmlBaseUrl}/${run.owner}/${run.repo}/blob/${run.head_sha}/${path}`,
      start_line: input.start_line,
      end_line: input.end_line,
      start_column: input.start_column ?? null,
      end_column: input.end_column ?? null,
      annotation_level: input.annotation_level,
      title: input.title ?? null,
      message: input.message,
      raw_details: input.raw_details ?? null,
    };
  }

  json(run: StoredRecord): CheckRunJson {
    const apiBase = `${this.links.apiUrl}/repos/${run.owner}/${run.repo}`;
    const app = appJson(run.app, this.links);
    return {
      id: run.id,
      name: run.name,
      node_id: `CR_${Buffer.from(`CheckRun:${run.id}`).toString('base64url')}`,
      head_sha: run.head_sha,
      external_id: run.external_id,
      url: `${apiBase}/check-runs/${run.id}`,
      html_url: `${this.links.htmlBaseUrl}/${run.owner}/${run.repo}/runs/${run.id}`,
      details_url: run.details_url ?? (app.external_url as string),
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.annotations.length,
        annotations_url: `${apiBase}/check-runs/${run.id}/annotations`,
      },
      check_suite: { id: run.checkSuiteId },
      app,
      pull_requests: [],
    };
  }

  stored(run: StoredRecord): StoredCheckRun {
    return {
      ...this.json(run),
      annotations: structuredClone(run.annotations),
      owner: run.owner,
      repo: run.repo,
      images: structuredClone(run.images),
      actions: structuredClone(run.actions),
    };
  }
}

export type { StoredRecord };
