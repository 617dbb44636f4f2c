// GitHub Enterprise Server: the API lives under a path (https://ghe.example.com/api/v3). The test server serves
// under /api/v3 and refuses anything outside it, so a client that drops the path fails here.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startGitHubApiServer, type GitHubApiServer } from '../packages/github-api-server/src/index.js';
import {
  makeKey,
  randomSha,
  REPOSITORY,
  resultsJson,
  signArgs,
  temporaryFolder,
  type TestKey,
} from './helpers/fixtures.js';
import { ROOT, runAction, runCli } from './helpers/processes.js';

const SERVER_URL = 'https://ghe.example.com';
const folder = temporaryFolder();
let server: GitHubApiServer;
let key: TestKey;

beforeAll(async () => {
  key = await makeKey('Enterprise signer');
  writeFileSync(join(folder.path, 'key.asc'), key.privateKey);
  writeFileSync(join(folder.path, 'public.asc'), key.publicKey);
  writeFileSync(join(folder.path, 'pass.txt'), key.passphrase);
  server = await startGitHubApiServer({
    tokens: { 'ghe-token': 'write' },
    basePath: '/api/v3',
    htmlBaseUrl: SERVER_URL,
  });
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

async function signed(commit: string): Promise<string> {
  const file = join(folder.path, `${commit}.json`);
  writeFileSync(file, resultsJson({ commit }));
  const sign = await runCli(signArgs(folder.path, file));
  expect(sign.code).toBe(0);
  return file;
}

test('the test server answers under /api/v3 only', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
  const root = server.url.replace(/\/api\/v3$/, '');
  const headers = { authorization: 'token ghe-token' };
  expect(
    (await fetch(`${server.url}/repos/${REPOSITORY}/commits/${'a'.repeat(40)}/check-runs`, { headers })).status,
  ).toBe(200);
  expect((await fetch(`${root}/repos/${REPOSITORY}/commits/${'a'.repeat(40)}/check-runs`, { headers })).status).toBe(
    404,
  );
});

test('post and verify actions work with GITHUB_API_URL=<host>/api/v3; links use GITHUB_SERVER_URL', async () => {
  const commit = randomSha();
  const file = await signed(commit);
  const env = {
    GITHUB_API_URL: server.url,
    GITHUB_SERVER_URL: SERVER_URL,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: '7',
  };
  const post = await runAction('post', { 'results-file': file, token: 'ghe-token' }, env);
  expect(post.log).not.toMatch(/::error::/);
  expect(post.code).toBe(0);
  expect(post.outputs['check-run-url']).toMatch(new RegExp(`^${SERVER_URL}/`));
  const [run] = server.checkRuns('octo-org', 'widgets').filter((candidate) => candidate.head_sha === commit);
  expect(run.details_url).toBe(`${SERVER_URL}/${REPOSITORY}/actions/runs/7`);
  const verify = await runAction(
    'verify',
    { 'trusted-keys-file': join(folder.path, 'public.asc'), token: 'ghe-token' },
    { ...env, GITHUB_SHA: commit },
  );
  expect(verify.log).not.toMatch(/::error::/);
  expect(verify.outputs.verified).toBe('true');
  expect(verify.summary).not.toMatch(/https:\/\/github\.com/);
});

test('the CLI posts and verifies with --api-url <host>/api/v3', async () => {
  const commit = randomSha();
  const file = await signed(commit);
  const post = await runCli(['post', '--results-file', file, '--api-url', server.url], { GITHUB_TOKEN: 'ghe-token' });
  expect(post.stderr).toMatch(/^Created check run local-ci #\d+/);
  expect(post.code).toBe(0);
  const verify = await runCli(
    [
      'verify',
      '--repository',
      REPOSITORY,
      '--sha',
      commit,
      '--trusted-keys-file',
      join(folder.path, 'public.asc'),
      '--api-url',
      server.url,
    ],
    { GITHUB_TOKEN: 'ghe-token' },
  );
  expect(verify.stdout).toMatch(/^VERIFIED/);
  expect(verify.code).toBe(0);
});

test('no source hard-codes a github.com link (summaries use GITHUB_SERVER_URL)', () => {
  const sources = ['actions', 'packages'].flatMap((top) =>
    readdirSync(join(ROOT, top), { recursive: true, encoding: 'utf8' })
      .map((entry) => join(ROOT, top, entry))
      // The test server plays github.com itself; tests may name it.
      .filter((file) => /\.ts$/.test(file) && !/__tests__|github-api-server/.test(file)),
  );
  const offenders = sources
    .filter((file) => /https:\/\/github\.com/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  expect(offenders).toEqual([]);
});
