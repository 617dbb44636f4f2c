// The one-step root action (composite: sign, then post). The runner is not available here, so this test plays
// its part for exactly the expressions action.yml uses, and fails on any other expression.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { decodeEmbeddedBlock } from '../packages/checks/src/index.js';
import { startGitHubApiServer, type GitHubApiServer } from '../packages/github-api-server/src/index.js';
import { parseOutputFile, ROOT, runProcess } from './helpers/processes.js';
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

function evaluate(template: string, context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> }): string {
  return String(template).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_match, expression: string) => {
    let found: RegExpExecArray | null;
    if ((found = /^inputs\.([\w-]+)$/.exec(expression))) return context.inputs[found[1]] ?? '';
    if ((found = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return context.steps[found[1]]?.[found[2]] ?? '';
    if (expression === 'github.action_path') return ROOT;
    throw new Error(`the test runner does not know the expression ${expression}`);
  });
}

async function runComposite(withInputs: Record<string, string>, env: NodeJS.ProcessEnv) {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs)) inputs[name] = withInputs[name] ?? (spec.default?.startsWith('${{') ? '' : (spec.default ?? ''));
  const context = { inputs, steps: {} as Record<string, Record<string, string>> };
  let log = '';
  for (const step of metadata.runs.steps) {
    const folder = mkdtempSync(join(tmpdir(), 'ci-signing-composite-'));
    const outputFile = join(folder, 'output');
    writeFileSync(outputFile, '');
    const stepEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: outputFile, ...env };
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = evaluate(value, context);
    const result = await runProcess('bash', ['-e', '-c', evaluate(step.run, context)], { env: stepEnv });
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
  server = await startGitHubApiServer({ tokens: { 'runner-token': 'write' } });
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

test('is a composite action that runs the committed bundles from its own folder, with no logic of its own', () => {
  expect(metadata.runs.using).toBe('composite');
  expect(metadata.runs.steps.map((step) => step.run)).toEqual(['node "${{ github.action_path }}/dist/sign/index.js"', 'node "${{ github.action_path }}/dist/post/index.js"']);
  expect(Object.keys(metadata.inputs).sort()).toEqual(['check-name', 'passphrase', 'private-key', 'results-file', 'sha', 'token']);
  expect(Object.keys(metadata.outputs).sort()).toEqual(['check-run-id', 'check-run-url', 'fingerprint']);
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
  expect(run.outputs).toEqual({ 'check-run-id': String(posted.id), 'check-run-url': posted.html_url, fingerprint: key.fingerprint });
  expect(posted.name).toBe('local-ci');
  expect(decodeEmbeddedBlock(posted.output.text ?? '').signature).toContain('BEGIN PGP SIGNATURE');
  expect(run.log.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(key.passphrase);
});
