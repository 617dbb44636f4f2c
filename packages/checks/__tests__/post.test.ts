import { randomBytes } from 'node:crypto';
import {
  startGitHubApiServer,
  FAULT_KINDS,
  MIXED_FAULT_SCRIPT,
  type FaultKind,
  type StoredCheckRun,
} from '../../github-api-server/src/index.js';
import { CiSigningError } from '../../errors/src/index.js';
import { sha256Digest } from '../../common/src/index.js';
import {
  createGitHubClient,
  decodeEmbeddedBlock,
  GitHubRequestError,
  postResults,
  type PostResultsInput,
} from '../src/index.js';
import { COMMIT, REPOSITORY, makeFailures, makeResults, type ResultsFixture, useTestServer } from './helpers.js';

const SIGNATURE = '-----BEGIN PGP SIGNATURE-----\n\nwnUEABYKACcFgmZtest\n=abcd\n-----END PGP SIGNATURE-----\n';
// Faults after which a write may have been applied: the post must look before it re-sends.
const RATE_LIMITS: FaultKind[] = ['status-429-retry-after', 'secondary-rate-limit', 'primary-rate-limit'];
const OUTCOME_UNKNOWN: FaultKind[] = FAULT_KINDS.filter((kind) => !RATE_LIMITS.includes(kind));

const harness = useTestServer(3000);
const { logs, client } = harness;

function post(fixture: ResultsFixture, overrides: Partial<PostResultsInput> = {}) {
  return postResults({
    client: client(),
    repository: REPOSITORY,
    resultsBytes: fixture.bytes,
    results: fixture.results,
    signature: SIGNATURE,
    signerFingerprint: 'F'.repeat(40),
    signingKeyId: 'A'.repeat(16),
    log: (line) => logs.push(line),
    ...overrides,
  });
}

function writes() {
  return harness.server.requests.filter((request) => request.method !== 'GET');
}

/** The one run of the commit, with every annotation once and in order. */
function expectOneCompleteRun(fixture: ResultsFixture, failureCount: number): StoredCheckRun {
  const runs = harness.server.checkRuns();
  expect(runs).toHaveLength(1);
  const run = runs[0] as StoredCheckRun;
  expect(run.external_id).toBe(sha256Digest(fixture.bytes));
  expect(run.annotations.map((annotation) => annotation.title)).toEqual(
    makeFailures(failureCount).map((failure) => failure.name),
  );
  expect(run.output.annotations_count).toBe(failureCount);
  expect(Buffer.from(decodeEmbeddedBlock(run.output.text ?? '').resultsBytes).equals(Buffer.from(fixture.bytes))).toBe(
    true,
  );
  return run;
}

function failingResults(count: number, extra: Record<string, unknown> = {}): ResultsFixture {
  return makeResults({
    conclusion: 'failure',
    tests: { passed: 5, failed: count, skipped: 0 },
    failures: makeFailures(count),
    ...extra,
  });
}

describe('postResults', () => {
  it('creates one completed run holding the exact bytes, the signature, a title and a summary', async () => {
    const fixture = makeResults({}, { prefix: '\uFEFF', newline: '\r\n' });
    const outcome = await post(fixture, { detailsUrl: 'https://ci.example/run/1' });
    const run = expectOneCompleteRun(fixture, 0);
    expect(outcome).toEqual({ checkRunId: run.id, htmlUrl: run.html_url, attempts: 2, signed: true, created: true });
    expect(run).toMatchObject({
      name: 'local-ci',
      head_sha: COMMIT,
      status: 'completed',
      conclusion: 'success',
      details_url: 'https://ci.example/run/1',
    });
    const block = decodeEmbeddedBlock(run.output.text ?? '');
    expect(block.signature).toBe(SIGNATURE);
    expect(block.digest).toBe(sha256Digest(fixture.bytes));
    expect(run.output.title).toContain('10 passed');
    expect(run.output.title).toContain('A'.repeat(16));
    expect(run.output.title).not.toContain('\n');
    expect(run.output.summary).toContain('F'.repeat(40));
    expect(run.output.text).toContain('About the block above');
    // The lookup for an existing run, then the create.
    expect(harness.server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(harness.server.requests[0]?.url).toContain('check_name=local-ci');
    expect(harness.server.requests[0]?.url).toContain('filter=all');
  });

  it('posts unsigned results with a null signature and signed=false', async () => {
    const fixture = makeResults({ conclusion: 'neutral' });
    const outcome = await post(fixture, {
      signature: null,
      signerFingerprint: undefined,
      signingKeyId: undefined,
      checkName: 'nightly',
    });
    expect(outcome.signed).toBe(false);
    const run = expectOneCompleteRun(fixture, 0);
    expect(run).toMatchObject({ name: 'nightly', conclusion: 'neutral' });
    expect(decodeEmbeddedBlock(run.output.text ?? '').signature).toBeNull();
    expect(run.output.title).toContain('unsigned');
  });

  it('turns 120 failures into 120 annotations in 3 write requests: 50 on create, then 50 and 20', async () => {
    const fixture = failingResults(120);
    const outcome = await post(fixture);
    const run = expectOneCompleteRun(fixture, 120);
    expect(writes().map((request) => request.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(outcome.attempts).toBe(4);
    expect(run.conclusion).toBe('failure');
    const first = run.annotations[0];
    expect(first).toMatchObject({
      path: 'src/file-0.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      message: 'expected 0 to equal 1',
    });
  });

  it('pins failures without a file to the results file name and keeps them', async () => {
    const fixture = makeResults({
      conclusion: 'failure',
      tests: { passed: 0, failed: 1, skipped: 0 },
      failures: [{ name: 'boot', message: 'crashed' }],
    });
    await post(fixture, { annotationPath: 'build/ci-results.json' });
    expect(harness.server.checkRuns()[0]?.annotations[0]).toMatchObject({
      path: 'build/ci-results.json',
      start_line: 1,
      title: 'boot',
      message: 'crashed',
    });
  });

  describe.each(FAULT_KINDS.map((kind) => [kind]))('with one %s', (kind: FaultKind) => {
    const unknown = OUTCOME_UNKNOWN.includes(kind);
    const hangClient = () => client({ requestTimeoutMs: kind === 'hang' ? 300 : 3000 });

    it('on the create: exactly one run, all annotations, attempts counted', async () => {
      harness.server.setFaults({ script: [kind], methods: ['POST'], retryAfterSeconds: 0 });
      const fixture = failingResults(60);
      const outcome = await post(fixture, { client: hangClient() });
      expectOneCompleteRun(fixture, 60);
      // lookup + faulted create + (lookup again if the outcome was unknown) + (create again unless it landed) + 1 annotation batch
      const expected = 1 + 1 + (unknown ? 1 : 0) + (kind === 'lost-response' ? 0 : 1) + 1;
      expect(outcome.attempts).toBe(expected);
      expect(harness.server.requests).toHaveLength(expected);
      expect(outcome.created).toBe(true);
      expect(logs.filter((line) => /retrying in/.test(line))).toHaveLength(1);
    });

    it('on an annotation batch: no annotation lost or doubled', async () => {
      harness.server.setFaults({ script: [kind], methods: ['PATCH'], retryAfterSeconds: 0 });
      const fixture = failingResults(120);
      const outcome = await post(fixture, { client: hangClient() });
      expectOneCompleteRun(fixture, 120);
      // lookup + create + faulted batch + (read the count if unknown) + (batch again unless it landed) + last batch
      const expected = 1 + 1 + 1 + (unknown ? 1 : 0) + (kind === 'lost-response' ? 0 : 1) + 1;
      expect(outcome.attempts).toBe(expected);
      expect(harness.server.requests).toHaveLength(expected);
    });

    it('on the lookup before the create', async () => {
      harness.server.setFaults({ script: [kind], methods: ['GET'], retryAfterSeconds: 0 });
      const fixture = failingResults(3);
      const outcome = await post(fixture, { client: hangClient() });
      expectOneCompleteRun(fixture, 3);
      expect(outcome.attempts).toBe(3);
    });
  });

  it('survives a scripted mix of every fault kind across lookups, the create and the batches', async () => {
    const script: (FaultKind | null)[] = [...MIXED_FAULT_SCRIPT, 'status-500', 'status-504'];
    harness.server.setFaults({ script, retryAfterSeconds: 0 });
    const fixture = failingResults(130);
    const outcome = await post(fixture, { client: client({ requestTimeoutMs: 300 }) });
    expectOneCompleteRun(fixture, 130);
    expect(outcome.attempts).toBe(harness.server.requests.length);
    expect(new Set(harness.server.requests.map((request) => request.fault).filter(Boolean))).toEqual(
      new Set(FAULT_KINDS),
    );
    // Every fault costs exactly one logged wait.
    expect(logs.filter((line) => /retrying in/.test(line))).toHaveLength(
      harness.server.requests.filter((request) => request.fault).length,
    );
  });

  it('survives mixed faults on a quarter of all requests across many posts: one run each, nothing lost or doubled', async () => {
    harness.server.setFaults({ rate: 0.25, seed: 7, retryAfterSeconds: 0 });
    const github = client({ retries: 8, requestTimeoutMs: 250 });
    const fixtures = Array.from({ length: 12 }, (_, index) =>
      makeResults({
        conclusion: 'failure',
        commit: index.toString(16).padStart(40, 'c'),
        tests: { passed: index, failed: 20 * index, skipped: 0 },
        failures: makeFailures(20 * index),
      }),
    );
    let attempts = 0;
    for (const fixture of fixtures) {
      const before = harness.server.requests.length;
      const outcome = await post(fixture, { client: github.fork() });
      expect(outcome.attempts).toBe(harness.server.requests.length - before);
      attempts += outcome.attempts;
    }
    expect(harness.server.requests.some((request) => request.fault)).toBe(true);
    expect(
      new Set(harness.server.requests.map((request) => request.fault).filter(Boolean)).size,
    ).toBeGreaterThanOrEqual(8);
    expect(github.attempts).toBe(attempts);
    const runs = harness.server.checkRuns();
    expect(runs).toHaveLength(fixtures.length);
    for (const fixture of fixtures) {
      const matching = runs.filter((run) => run.head_sha === fixture.results.commit);
      expect(matching).toHaveLength(1);
      const expectedTitles = makeFailures(fixture.results.failures?.length ?? 0).map((failure) => failure.name);
      expect(matching[0]?.annotations.map((annotation) => annotation.title)).toEqual(expectedTitles);
    }
  });

  it('updates the same run when the same results are posted twice (no second run, no doubled annotations)', async () => {
    const fixture = failingResults(70);
    const first = await post(fixture);
    const second = await post(fixture);
    expect(second.checkRunId).toBe(first.checkRunId);
    expect(second.created).toBe(false);
    expectOneCompleteRun(fixture, 70);
    // The second post: lookup, then one update that refreshes the run without re-sending annotations.
    expect(harness.server.requests.slice(-2).map((request) => request.method)).toEqual(['GET', 'PATCH']);
    expect(second.attempts).toBe(2);
    expect(logs.some((line) => line.includes(`Updating check run local-ci #${first.checkRunId}`))).toBe(true);
  });

  it('makes a new run for different results on the same commit', async () => {
    await post(makeResults());
    await post(makeResults({ tests: { passed: 11, failed: 0, skipped: 1 } }));
    expect(harness.server.checkRuns()).toHaveLength(2);
  });

  it('finishes a post that died half-way: the re-post appends only the missing annotations', async () => {
    const fixture = failingResults(140);
    // Every PATCH fails: the run is created with 50 annotations, then the retries run out.
    harness.server.setFaults({ script: Array(4).fill('status-503'), methods: ['PATCH'] });
    const error = await post(fixture, { client: client({ retries: 3 }) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect((error as GitHubRequestError).code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(harness.server.checkRuns()[0]?.annotations).toHaveLength(50);

    harness.server.setFaults(undefined);
    const outcome = await post(fixture);
    expect(outcome.created).toBe(false);
    expectOneCompleteRun(fixture, 140);
  });

  it('after exhausted retries with a create that landed unseen, the re-post updates that run: still one', async () => {
    const fixture = failingResults(10);
    // The create lands but its answer is lost; the lookup after it fails all three of its attempts.
    harness.server.setFaults({
      script: [null, 'lost-response', 'status-503', 'status-503', 'status-503'],
      retryAfterSeconds: 0,
    });
    const error = (await post(fixture, { client: client({ retries: 2 }) }).catch(
      (caught: unknown) => caught,
    )) as GitHubRequestError;
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toContain('POST /repos/octo-org/octo-repo/check-runs');
    expect(harness.server.checkRuns()).toHaveLength(1);

    harness.server.setFaults(undefined);
    const outcome = await post(fixture);
    expect(outcome.created).toBe(false);
    expectOneCompleteRun(fixture, 10);
  });

  it('fails clearly after exhausted retries on the create, with no run and no duplicate', async () => {
    harness.server.setFaults({ script: Array(10).fill('status-503'), methods: ['POST'] });
    const error = (await post(failingResults(2), { client: client({ retries: 3 }) }).catch(
      (caught: unknown) => caught,
    )) as GitHubRequestError;
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect(error.code).toBe('GITHUB_RETRIES_EXHAUSTED');
    expect(error.message).toMatch(
      /POST \/repos\/octo-org\/octo-repo\/check-runs still failed after \d+ HTTP attempts; the last failure: GitHub answered 503 \(Service Unavailable\)/,
    );
    expect(error.fix).toContain('run the step again');
    expect(harness.server.checkRuns()).toHaveLength(0);
    expect(writes()).toHaveLength(4);
    expect(logs.filter((line) => /retrying in/.test(line))).toHaveLength(3);
  });

  describe('permanent errors fail on the first write, naming the cause', () => {
    it.each([
      ['an unknown token (401)', 'nobody', 'GITHUB_BAD_TOKEN', /refused the token/, 0],
      ['a read-only token (403)', 'read-token', 'GITHUB_TOKEN_LACKS_CHECKS_PERMISSION', /lacks `checks: write`/, 1],
      [
        'a classic personal access token (403)',
        'pat-token',
        'GITHUB_TOKEN_CANNOT_WRITE_CHECKS',
        /personal access token/,
        1,
      ],
    ])('%s', async (_label, token, code, message, writeCount) => {
      const error = (await post(failingResults(2), { client: client({ token }) }).catch(
        (caught: unknown) => caught,
      )) as GitHubRequestError;
      expect(error).toBeInstanceOf(GitHubRequestError);
      expect(error.code).toBe(code);
      expect(error.kind).toBe('github');
      expect(error.message).toMatch(message);
      expect(error.attempts).toBe(1);
      expect(writes()).toHaveLength(writeCount);
      expect(harness.server.requests.length).toBeLessThanOrEqual(2);
      expect(harness.server.checkRuns()).toHaveLength(0);
      expect(logs.filter((line) => /retrying/.test(line))).toEqual([]);
    });

    it('a repository the token cannot see (404)', async () => {
      const other = await startGitHubApiServer({ repositories: ['octo-org/elsewhere'] });
      try {
        const github = createGitHubClient({
          token: 'test-token',
          baseUrl: other.url,
          retryDelayMs: 10,
          log: (line) => logs.push(line),
        });
        const error = (await post(failingResults(2), { client: github }).catch(
          (caught: unknown) => caught,
        )) as GitHubRequestError;
        expect(error.code).toBe('GITHUB_NOT_FOUND');
        expect(error.message).toContain(`${REPOSITORY} does not exist or the token cannot see it`);
        expect(other.requests).toHaveLength(1);
      } finally {
        await other.close();
      }
    });
  });

  it('refuses results too large for the check run before any request', async () => {
    // Random bytes do not compress: the block cannot fit in 65535 bytes.
    const fixture = makeResults({ run: { log: randomBytes(52000).toString('base64') } });
    const error = (await post(fixture).catch((caught: unknown) => caught)) as CiSigningError;
    expect(error).toBeInstanceOf(CiSigningError);
    expect(error.code).toBe('RESULTS_TOO_LARGE');
    expect(error.message).toMatch(/over GitHub's limit of 65535 bytes/);
    expect(harness.server.requests).toEqual([]);
  });

  it('refuses to post results of another repository before any request', async () => {
    const error = (await post(makeResults(), { repository: 'octo-org/other' }).catch(
      (caught: unknown) => caught,
    )) as CiSigningError;
    expect(error.code).toBe('REPOSITORY_MISMATCH');
    expect(harness.server.requests).toEqual([]);
  });

  it('posts emoji-heavy failure messages: under 65535 characters but over 65535 bytes', async () => {
    const emoji = ['😀', '🚀', '🔥', '✅', '❌', '👩‍💻', '🎉', '🐛'];
    const message = (index: number) =>
      Array.from({ length: 30000 }, (_, i) => emoji[(i * (index + 3)) % emoji.length]).join('');
    const failures = makeFailures(60, message);
    expect(failures[0]?.message.length).toBeLessThan(65535 * 1.1);
    expect(Buffer.byteLength(failures[0]?.message ?? '')).toBeGreaterThan(65535);
    const fixture = makeResults({ conclusion: 'failure', tests: { passed: 0, failed: 60, skipped: 0 }, failures });
    await post(fixture);
    const run = expectOneCompleteRun(fixture, 60);
    expect(Buffer.byteLength(run.output.summary ?? '')).toBeLessThanOrEqual(65535);
    expect(Buffer.byteLength(run.output.text ?? '')).toBeLessThanOrEqual(65535);
    expect(run.output.summary).toContain('cut');
    for (const annotation of run.annotations) {
      expect(Buffer.byteLength(annotation.message ?? '')).toBeLessThanOrEqual(65535);
      expect(annotation.message).not.toContain('\uFFFD');
      expect(annotation.message?.endsWith('…')).toBe(true);
    }
  });
});
