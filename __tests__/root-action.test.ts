// The one-step root action (composite: sign, then post). The runner is not available here, so this test plays
// its part for exactly the expressions action.yml uses, and fails on any other expression.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { decodeEmbeddedBlock } from '../packages/checks/src/index.js';
import { startGitHubApiServer, type GitHubApiServer } from '../packages/github-api-server/src/index.js';
import { currentRuntime, parseOutputFile, ROOT, runAction, runProcess } from './helpers/processes.js';
import { makeKey, randomSha, REPOSITORY, resultsJson, temporaryFolder } from './helpers/fixtures.js';

interface CompositeStep {
  id: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}
interface ActionMetadata {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: CompositeStep[] };
}

const metadata = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;

function evaluate(
  template: string,
  context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> },
): string {
  return String(template).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_match, expression: string) => {
    let found: RegExpExecArray | null;
    if ((found = /^inputs\.([\w-]+)$/.exec(expression))) return context.inputs[found[1]] ?? '';
    if ((found = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)))
      return context.steps[found[1]]?.[found[2]] ?? '';
    if (expression === 'github.action_path') return ROOT;
    throw new Error(`the test runner does not know the expression ${expression}`);
  });
}

/** The steps' PATH: `node` in a step is the runtime under test (Node 24 when node24.test.ts imports this file). */
const stepPath = () => [dirname(currentRuntime().node), process.env.PATH].join(delimiter);

async function runComposite(withInputs: Record<string, string>, env: NodeJS.ProcessEnv) {
  return runCompositeIn(ROOT, withInputs, env);
}

async function runCompositeIn(cwd: string, withInputs: Record<string, string>, env: NodeJS.ProcessEnv) {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs))
    inputs[name] = withInputs[name] ?? (spec.default?.startsWith('${{') ? '' : (spec.default ?? ''));
  const context = { inputs, steps: {} as Record<string, Record<string, string>> };
  let log = '';
  for (const step of metadata.runs.steps) {
    const folder = mkdtempSync(join(tmpdir(), 'ci-signing-composite-'));
    const outputFile = join(folder, 'output');
    writeFileSync(outputFile, '');
    const stepEnv: NodeJS.ProcessEnv = {
      PATH: stepPath(),
      HOME: process.env.HOME,
      GITHUB_OUTPUT: outputFile,
      ...env,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = evaluate(value, context);
    const result = await runProcess('bash', ['-e', '-c', evaluate(step.run, context)], { env: stepEnv, cwd });
    log += result.stdout + result.stderr;
    context.steps[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
    rmSync(folder, { recursive: true, force: true });
    if (result.code !== 0) return { code: result.code, log, outputs: {} as Record<string, string> };
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.outputs)) outputs[name] = evaluate(spec.value, context);
  return { code: 0, log, outputs };
}

let server: GitHubApiServer;
const folder = temporaryFolder();
beforeAll(async () => {
  server = await startGitHubApiServer({ tokens: { 'runner-token': 'write', 'verifier-token': 'read-only' } });
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

test('is a composite action that runs the committed bundles from its own folder, with no logic of its own', () => {
  expect(metadata.runs.using).toBe('composite');
  expect(metadata.runs.steps.map((step) => step.run)).toEqual([
    'node "${{ github.action_path }}/dist/sign/index.js"',
    'node "${{ github.action_path }}/dist/post/index.js"',
  ]);
  expect(Object.keys(metadata.inputs).sort()).toEqual([
    'check-name',
    'passphrase',
    'private-key',
    'rate-limit-wait',
    'reports',
    'results-file',
    'sha',
    'token',
  ]);
  expect(Object.keys(metadata.outputs).sort()).toEqual([
    'check-run-id',
    'check-run-url',
    'fingerprint',
    'results-file',
  ]);
});

test("a step's node is the runtime under test", async () => {
  const run = await runProcess('bash', ['-e', '-c', 'node --version'], { env: { PATH: stepPath() } });
  expect(run.stdout.trim()).toBe(currentRuntime().version);
});

test('signs and posts in one step', async () => {
  const key = await makeKey('Root action');
  const commit = randomSha();
  const file = join(folder.path, 'results.json');
  writeFileSync(file, resultsJson({ commit }));
  const run = await runComposite(
    { 'results-file': file, 'private-key': key.privateKey, passphrase: key.passphrase, token: 'runner-token' },
    { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, RUNNER_ENVIRONMENT: 'self-hosted' },
  );
  expect(run.code).toBe(0);
  const [posted] = server.checkRuns('octo-org', 'widgets').filter((candidate) => candidate.head_sha === commit);
  expect(run.outputs).toEqual({
    'check-run-id': String(posted.id),
    'check-run-url': posted.html_url,
    fingerprint: key.fingerprint,
    'results-file': file,
  });
  expect(posted.name).toBe('local-ci');
  expect(decodeEmbeddedBlock(posted.output.text ?? '').signature).toContain('BEGIN PGP SIGNATURE');
  expect(
    run.log
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
  ).not.toContain(key.passphrase);
});

describe('given reports, collects them, signs and posts; the verifier judges what the reports said', () => {
  const REPORTS = join(ROOT, '__tests__', 'fixtures', 'reports');

  async function postReports(fixture: 'jest-passing' | 'jest-failing', key: Awaited<ReturnType<typeof makeKey>>) {
    // The test job's reports, as the trusted job finds them in its workspace (an artifact, say).
    const workspace = join(folder.path, `${fixture}-${randomSha().slice(0, 8)}`);
    mkdirSync(join(workspace, 'reports'), { recursive: true });
    copyFileSync(join(REPORTS, fixture, 'junit.xml'), join(workspace, 'reports', 'junit.xml'));
    copyFileSync(join(REPORTS, fixture, 'lcov.info'), join(workspace, 'lcov.info'));
    const commit = randomSha();
    const run = await runCompositeIn(
      workspace,
      {
        reports: 'reports/*.xml\nlcov.info',
        'private-key': key.privateKey,
        passphrase: key.passphrase,
        token: 'runner-token',
        'check-name': 'local-ci',
      },
      {
        GITHUB_API_URL: server.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SHA: commit,
        GITHUB_ACTIONS: 'true',
        RUNNER_ENVIRONMENT: 'self-hosted',
      },
    );
    return { run, commit, workspace };
  }

  async function verifyPosted(commit: string, key: Awaited<ReturnType<typeof makeKey>>) {
    const keyFile = join(folder.path, `trusted-${key.fingerprint}.asc`);
    writeFileSync(keyFile, key.publicKey);
    return runAction(
      'verify',
      { 'trusted-keys-file': keyFile, token: 'verifier-token', 'check-name': 'local-ci', 'min-coverage': '80' },
      { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: commit },
    );
  }

  test('a passing suite: the counts are what jest printed, and the verifier accepts it with min-coverage', async () => {
    const key = await makeKey('Root action with reports');
    const expected = JSON.parse(readFileSync(join(REPORTS, 'jest-passing', 'summary.json'), 'utf8'));
    const { run, commit, workspace } = await postReports('jest-passing', key);
    expect(run.code).toBe(0);
    expect(run.log).toContain(
      `collected 2 report files: ${expected.passed} passed, ${expected.failed} failed, ${expected.skipped} skipped, coverage ${expected.lines}% -> ci-results.json`,
    );
    expect(run.outputs['results-file']).toBe('ci-results.json');
    const results = JSON.parse(readFileSync(join(workspace, 'ci-results.json'), 'utf8'));
    expect(results).toMatchObject({
      repository: REPOSITORY,
      commit,
      check: 'local-ci',
      conclusion: 'success',
      tests: { passed: expected.passed, failed: expected.failed, skipped: expected.skipped },
      coverage: { lines: expected.lines },
    });
    const verify = await verifyPosted(commit, key);
    expect(verify.outputs).toMatchObject({ verified: 'true', conclusion: 'success', fingerprint: key.fingerprint });
  });

  test('a failing suite is signed and posted as a failure, and the verifier rejects it and says why', async () => {
    const key = await makeKey('Root action with failing reports');
    const expected = JSON.parse(readFileSync(join(REPORTS, 'jest-failing', 'summary.json'), 'utf8'));
    const { run, commit } = await postReports('jest-failing', key);
    expect(run.code).toBe(0);
    const [posted] = server.checkRuns('octo-org', 'widgets').filter((candidate) => candidate.head_sha === commit);
    const block = decodeEmbeddedBlock(posted.output.text ?? '');
    const results = JSON.parse(Buffer.from(block.resultsBytes).toString('utf8'));
    expect(results).toMatchObject({
      conclusion: 'failure',
      tests: { passed: expected.passed, failed: expected.failed },
    });
    expect(results.failures[0].name).toContain('greets politely');
    const verify = await verifyPosted(commit, key);
    expect(verify.code).not.toBe(0);
    expect(verify.outputs.verified).toBe('false');
    expect(verify.log).toMatch(/Thresholds failed: .*conclusion is failure, not success; 1 tests? failed/);
  });

  test('a pattern that matches nothing fails the step with one line, and nothing is signed or posted', async () => {
    const key = await makeKey('Root action without reports');
    const workspace = join(folder.path, `empty-${randomSha().slice(0, 8)}`);
    mkdirSync(workspace, { recursive: true });
    const commit = randomSha();
    const run = await runCompositeIn(
      workspace,
      { reports: 'reports/*.xml', 'private-key': key.privateKey, passphrase: key.passphrase, token: 'runner-token' },
      {
        GITHUB_API_URL: server.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SHA: commit,
        GITHUB_ACTIONS: 'true',
        RUNNER_ENVIRONMENT: 'self-hosted',
      },
    );
    expect(run.code).not.toBe(0);
    expect(run.log).toMatch(/::error::COLLECT_NO_MATCH: The pattern "reports\/\*\.xml" matches no file/);
    expect(existsSync(join(workspace, 'ci-results.json'))).toBe(false);
    expect(server.checkRuns('octo-org', 'widgets').filter((candidate) => candidate.head_sha === commit)).toEqual([]);
  });
});
