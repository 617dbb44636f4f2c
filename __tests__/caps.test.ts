// The caps in LIMITS, through the committed verify bundle (dist/verify) run as a process: each input over its
// cap is refused at once with its own code and a message naming the cap, as one error line and no stack trace.
import { createHash } from 'node:crypto';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LIMITS } from '../packages/defaults/src/index.js';
import { startGitHubApiServer, type GitHubApiServer } from '../packages/github-api-server/src/index.js';
import { runAction, type ActionResult } from './helpers/processes.js';
import { makeKey, randomSha, REPOSITORY, resultsJson, temporaryFolder, type TestKey } from './helpers/fixtures.js';

const folder = temporaryFolder('ci-signing-caps-');
const sha = 'd'.repeat(40);
const env = { GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: sha };
let key: TestKey;
let server: GitHubApiServer;
let counter = 0;

beforeAll(async () => {
  key = await makeKey('Caps', { date: new Date(Date.now() - 86400_000) });
  server = await startGitHubApiServer();
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

/** A file of exactly `size` bytes (sparse: no content is written). */
function sized(name: string, size: number): string {
  const path = join(folder.path, name);
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

function resultsFile(): string {
  const path = join(folder.path, `results-${++counter}.json`);
  writeFileSync(path, resultsJson({ commit: sha }));
  return path;
}

const errorLines = (run: ActionResult) => run.stdout.split('\n').filter((line) => line.startsWith('::error::'));

/** Verify ran at once, failed, and said why in exactly one error line, with no stack trace anywhere. */
async function refused(
  inputs: Record<string, string>,
  runEnv: Record<string, string> = env,
): Promise<{ line: string; run: ActionResult }> {
  const started = Date.now();
  const run = await runAction('verify', { 'wait-timeout': '0', ...inputs }, runEnv);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(run.code).not.toBe(0);
  expect(run.outputs.verified).toBe('false');
  expect(errorLines(run)).toHaveLength(1);
  expect(run.log).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.log).not.toMatch(/INTERNAL|TypeError|RangeError/);
  return { line: errorLines(run)[0], run };
}

describe('verify refuses each input over its cap, naming the cap', () => {
  test('a signature file one byte over LIMITS.signatureArmorBytes: FILE_TOO_LARGE naming 64 KiB', async () => {
    expect(LIMITS.signatureArmorBytes).toBe(64 * 1024);
    const results = resultsFile();
    const signature = sized(`sig-${counter}.asc`, LIMITS.signatureArmorBytes + 1);
    const { line } = await refused({
      'results-file': results,
      'signature-file': signature,
      'trusted-keys': key.publicKey,
    });
    expect(line).toMatch(/FILE_TOO_LARGE: .*signature file .* is larger than 64 KiB \(the signature cap\)/i);
  });

  test('the conventional <results-file>.asc over the cap is refused the same way', async () => {
    const results = resultsFile();
    sized(`results-${counter}.json.asc`, LIMITS.signatureArmorBytes + 1);
    const { line } = await refused({ 'results-file': results, 'trusted-keys': key.publicKey });
    expect(line).toMatch(/FILE_TOO_LARGE: .*64 KiB/);
  });

  test('one trusted key file over LIMITS.trustedKeyFileBytes: FILE_TOO_LARGE naming 1 MiB and its cap', async () => {
    expect(LIMITS.trustedKeyFileBytes).toBe(1024 * 1024);
    const dir = join(folder.path, `big-key-${++counter}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.asc'), key.publicKey);
    writeFileSync(join(dir, 'b-big.asc'), '');
    truncateSync(join(dir, 'b-big.asc'), LIMITS.trustedKeyFileBytes + 1);
    const { line } = await refused({ 'results-file': resultsFile(), 'trusted-keys-file': join(dir, '*.asc') });
    expect(line).toMatch(/FILE_TOO_LARGE: .*b-big\.asc is larger than 1 MiB \(the cap on one trusted key file\)/);
  });

  test('trusted keys together over LIMITS.trustedKeysTotalBytes, each file under its own cap: TRUSTED_KEYS_TOO_LARGE', async () => {
    expect(LIMITS.trustedKeysTotalBytes).toBe(4 * 1024 * 1024);
    const dir = join(folder.path, `many-keys-${++counter}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.asc'), key.publicKey);
    // Blank files are skipped once counted, so the total is reached without any parse error first.
    const each = LIMITS.trustedKeyFileBytes - 1024;
    const files = Math.ceil(LIMITS.trustedKeysTotalBytes / each) + 1;
    for (let index = 0; index < files; index++) writeFileSync(join(dir, `blank-${index}.asc`), ' '.repeat(each));
    const { line } = await refused({ 'results-file': resultsFile(), 'trusted-keys-file': join(dir, '*.asc') });
    expect(line).toMatch(/TRUSTED_KEYS_TOO_LARGE: All trusted keys together .* larger than the cap of 4 MiB/);
    expect(line).not.toMatch(/FILE_TOO_LARGE/);
  });

  test('a check run whose block decompresses past LIMITS.embeddedBlockDecompressedBytes: EMBEDDED_BLOCK_TOO_LARGE', async () => {
    const commit = randomSha();
    // A zip bomb: more than 16 MiB of zeros, a few KiB once gzipped; the block declares a small, honest-looking size.
    const zeros = Buffer.alloc(LIMITS.embeddedBlockDecompressedBytes + 1024);
    const json = {
      format: 'ci-signing/v1',
      encoding: 'gzip+base64',
      digest: `sha256:${createHash('sha256').update(resultsJson({ commit })).digest('hex')}`,
      size: 300,
      results: gzipSync(zeros, { level: 9 }).toString('base64'),
      signature: null,
    };
    const text = `<!-- ci-signing:v1 -->\n\`\`\`ci-signing-v1\n${JSON.stringify(json)}\n\`\`\``;
    const response = await fetch(`${server.url}/repos/${REPOSITORY}/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token test-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'local-ci',
        head_sha: commit,
        status: 'completed',
        conclusion: 'success',
        output: { title: 't', summary: 's', text },
      }),
    });
    expect(response.status).toBe(201);
    const { line, run } = await refused(
      { 'trusted-keys': key.publicKey, token: 'test-token', 'allow-unsigned': 'true' },
      { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: commit },
    );
    expect(run.outputs.reason).toBe('EMBEDDED_BLOCK_TOO_LARGE');
    expect(run.summary).toContain('`EMBEDDED_BLOCK_TOO_LARGE`');
    expect(line).toMatch(new RegExp(`decompress to more than ${LIMITS.embeddedBlockDecompressedBytes} bytes`));
  });
});
