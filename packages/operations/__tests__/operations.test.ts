// The operations in-process (the actions and the CLI are thin over them), GitHub played by the test server.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHubApiServer, type GitHubApiServer } from '../../github-api-server/src/index.js';
import {
  defaultSha,
  eventContext,
  maskSecret,
  postResultsFile,
  signResultsFile,
  verifySignedResults,
  type PostRequest,
  type SignRequest,
  type VerifyRequest,
} from '../src/index.js';
import { writeFileAtomic } from '../../common/src/index.js';
import {
  makeKey,
  randomSha,
  REPOSITORY,
  resultsJson,
  temporaryFolder,
  type TestKey,
} from '../../../__tests__/helpers/fixtures.js';

const folder = temporaryFolder();
let server: GitHubApiServer;
let key: TestKey;
const quiet = () => undefined;

beforeAll(async () => {
  key = await makeKey('Operations');
  server = await startGitHubApiServer({ tokens: { token: 'write' } });
});
afterAll(async () => {
  await server.close();
  folder.remove();
});

/** Signs `resultsFile` with the shared key, the signature next to it. */
function signRequest(resultsFile: string, extra: Partial<SignRequest> = {}): SignRequest {
  return {
    resultsFile,
    privateKey: key.privateKey,
    passphrase: key.passphrase,
    signatureFile: '',
    allowGithubHosted: false,
    ...extra,
  };
}

async function signAndPost(commit: string, checkName = 'local-ci', signed = true, named = true): Promise<string> {
  const file = join(folder.path, `${commit}-${checkName.replace(/\W/g, '')}.json`);
  writeFileSync(file, resultsJson({ commit, ...(named ? { check: checkName } : {}) }));
  if (signed) await signResultsFile(signRequest(file));
  const posted = await postResultsFile(postRequest(file, { checkName, retries: '2' }));
  return String(posted.checkRunId);
}

/** Posts `resultsFile` to the test server with no retries, quietly. */
function postRequest(resultsFile: string, extra: Partial<PostRequest> = {}): PostRequest {
  return {
    resultsFile,
    signatureFile: '',
    token: 'token',
    checkName: 'local-ci',
    retries: '0',
    retryDelay: '0',
    requestTimeout: '5',
    apiUrl: server.url,
    log: quiet,
    warn: quiet,
    ...extra,
  };
}

function verifyRequest(sha: string, extra: Partial<VerifyRequest> = {}): VerifyRequest {
  return {
    resultsFile: '',
    signatureFile: '',
    trustedKeys: key.publicKey,
    trustedKeysFile: '',
    sha,
    repository: REPOSITORY,
    allowUnsigned: 'false',
    maxFailedTests: '0',
    minCoverage: '',
    minTests: '1',
    maxAge: '',
    checkNames: ['local-ci'],
    waitTimeout: '0',
    github: { token: 'token', baseUrl: server.url, retryDelayMs: 0, log: quiet },
    ...extra,
  };
}

describe('verify from check runs', () => {
  test('verifies the posted run and reports its id, signer and summary', async () => {
    const commit = randomSha();
    const id = await signAndPost(commit);
    const outcome = await verifySignedResults(verifyRequest(commit));
    expect(outcome.verified).toBe(true);
    expect(outcome.outputs).toMatchObject({
      verified: 'true',
      signed: 'true',
      fingerprint: key.fingerprint,
      'check-run-id': id,
      conclusion: 'success',
    });
    expect(outcome.summary).toContain('local-ci');
  });

  test('several names: one line per name in the outputs; one failure fails all', async () => {
    const commit = randomSha();
    await signAndPost(commit, 'linux');
    await signAndPost(commit, 'windows', false);
    const outcome = await verifySignedResults(
      verifyRequest(commit, { checkNames: ['linux', ' windows ', 'linux', ''] }),
    );
    expect(outcome.entries.map((entry) => entry.name)).toEqual(['linux', 'windows']);
    expect(outcome.verified).toBe(false);
    expect(outcome.outputs.verified).toBe('false');
    // Outputs describe only what verified: nothing here did, as a whole.
    expect(outcome.outputs).toMatchObject({ fingerprint: '', 'signed-at': '', conclusion: '', signed: 'false' });
    expect(outcome.outputs.reason.split('\n')).toEqual(['', 'SIGNATURE_MISSING']);
  });

  test('a result without `check`: accepted with a note for one name, refused for several', async () => {
    const commit = randomSha();
    await signAndPost(commit, 'linux', true, false);
    await signAndPost(commit, 'windows');
    const alone = await verifySignedResults(verifyRequest(commit, { checkNames: ['linux'] }));
    expect(alone.verified).toBe(true);
    expect(alone.entries[0].report.checks[2].detail).toMatch(/does not name its check/);
    const both = await verifySignedResults(verifyRequest(commit, { checkNames: ['linux', 'windows'] }));
    expect(both.outputs.reason.split('\n')).toEqual(['CHECK_NAME_MISSING', '']);
    expect(both.entries[0].report.error?.fix).toMatch(/Add `check`/);
  });

  test('post refuses a result whose check differs from check-name, before any request', async () => {
    const file = join(folder.path, 'named.json');
    writeFileSync(file, resultsJson({ commit: randomSha(), check: 'linux' }));
    const before = server.requests.length;
    const posting = postResultsFile(postRequest(file, { checkName: 'windows' }));
    await expect(posting).rejects.toMatchObject({
      code: 'CHECK_NAME_MISMATCH',
      message: expect.stringMatching(/"linux".*"windows"/),
    });
    expect(server.requests.length).toBe(before);
  });

  test('a missing run names the check, the sha and the repository', async () => {
    const commit = randomSha();
    const outcome = await verifySignedResults(verifyRequest(commit, { checkNames: ['nightly'] }));
    expect(outcome.verified).toBe(false);
    expect(outcome.entries[0].report.error?.code).toBe('CHECK_RUN_NOT_FOUND');
    expect(outcome.entries[0].report.unread).toMatchObject({
      id: 'run-not-found',
      detail: `No check run named nightly on ${commit} in ${REPOSITORY}.`,
    });
    expect(outcome.entries[0].report.checks.map((check) => check.status)).toEqual([
      'skip',
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
    expect(outcome.outputs.reason).toBe('CHECK_RUN_NOT_FOUND');
  });

  test('a run without a readable block fails with the block error', async () => {
    const commit = randomSha();
    const response = await fetch(`${server.url}/repos/${REPOSITORY}/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token token', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'local-ci',
        head_sha: commit,
        status: 'completed',
        conclusion: 'success',
        output: { title: 'green', summary: 'all good', text: 'trust me' },
      }),
    });
    expect(response.status).toBe(201);
    const outcome = await verifySignedResults(verifyRequest(commit));
    expect(outcome.verified).toBe(false);
    expect(outcome.entries[0].checkRunId).toBeGreaterThan(0);
    expect(outcome.entries[0].report.unread?.id).toBe('block-unreadable');
  });

  test('usage errors: no repository, no sha, no check name, no token', async () => {
    await expect(verifySignedResults(verifyRequest('a'.repeat(40), { repository: '' }))).rejects.toMatchObject({
      kind: 'usage',
    });
    await expect(verifySignedResults(verifyRequest(''))).rejects.toMatchObject({ kind: 'usage' });
    await expect(verifySignedResults(verifyRequest('a'.repeat(40), { checkNames: [' '] }))).rejects.toMatchObject({
      kind: 'usage',
    });
    await expect(
      verifySignedResults(verifyRequest('a'.repeat(40), { github: { token: '', baseUrl: server.url, log: quiet } })),
    ).rejects.toMatchObject({ kind: 'usage' });
  });
});

describe('local files', () => {
  test('a named signature file that is missing is an error, not an unsigned result', async () => {
    const file = join(folder.path, 'local.json');
    writeFileSync(file, resultsJson());
    await expect(
      verifySignedResults(
        verifyRequest('a'.repeat(40), {
          resultsFile: file,
          signatureFile: join(folder.path, 'absent.asc'),
          allowUnsigned: 'true',
        }),
      ),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(
      verifySignedResults(verifyRequest('a'.repeat(40), { resultsFile: join(folder.path, 'absent.json') })),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  test('without any trusted key a signature cannot verify, but allow-unsigned still works for unsigned results', async () => {
    const file = join(folder.path, 'nokeys.json');
    writeFileSync(file, resultsJson());
    const unsigned = await verifySignedResults(
      verifyRequest('a'.repeat(40), { resultsFile: file, trustedKeys: '', allowUnsigned: 'true' }),
    );
    expect(unsigned.outputs).toMatchObject({ verified: 'true', signed: 'false' });
    await signResultsFile(signRequest(file));
    const signed = await verifySignedResults(verifyRequest('a'.repeat(40), { resultsFile: file, trustedKeys: '' }));
    expect(signed.verified).toBe(false);
  });

  test('trusted-keys-file takes several globs, one per line', async () => {
    const file = join(folder.path, 'globbed.json');
    writeFileSync(file, resultsJson());
    await signResultsFile(signRequest(file));
    writeFileSync(join(folder.path, 'key-a.pub'), key.publicKey);
    const other = await makeKey('Other');
    writeFileSync(join(folder.path, 'key-b.pub'), other.publicKey);
    const outcome = await verifySignedResults(
      verifyRequest('a'.repeat(40), {
        resultsFile: file,
        trustedKeys: '',
        trustedKeysFile: `${join(folder.path, 'key-b.pub')}\n${join(folder.path, 'key-a.*')}`,
      }),
    );
    expect(outcome.verified).toBe(true);
  });
});

describe('sign', () => {
  test('refuses a signature-file that is the results file', async () => {
    const file = join(folder.path, 'same.json');
    writeFileSync(file, resultsJson());
    await expect(signResultsFile(signRequest(file, { signatureFile: file }))).rejects.toMatchObject({ kind: 'usage' });
    expect(readFileSync(file, 'utf8')).toBe(resultsJson());
  });

  test('writeFileAtomic fails with FILE_UNWRITABLE and leaves nothing behind', async () => {
    await expect(writeFileAtomic(join(folder.path, 'no-such-dir', 'x.asc'), 'x')).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
    });
  });
});

describe('post', () => {
  const file = () => {
    const path = join(folder.path, `post-${randomSha()}.json`);
    writeFileSync(path, resultsJson({ commit: randomSha() }));
    return path;
  };
  const base = {
    signatureFile: '',
    token: 'token',
    checkName: 'local-ci',
    retries: '3',
    retryDelay: '2',
    requestTimeout: '30',
    apiUrl: 'http://127.0.0.1:9',
    log: quiet,
    warn: quiet,
  };

  test.each([
    [{ retries: 'many' }, /retries/],
    [{ retries: '99' }, /retries/],
    [{ retryDelay: '-1' }, /retry-delay/],
    [{ requestTimeout: '0' }, /request-timeout/],
    [{ retries: '21' }, /retries/],
    [{ token: '' }, /token/],
  ])('refuses %j before any request', async (override, message) => {
    await expect(postResultsFile({ ...base, resultsFile: file(), ...override })).rejects.toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(message),
    });
  });

  test('a malformed or missing signature file is refused before any request', async () => {
    const results = file();
    writeFileSync(`${results}.asc`, 'not a signature');
    await expect(postResultsFile({ ...base, resultsFile: results })).rejects.toMatchObject({
      code: 'SIGNATURE_MALFORMED',
    });
    await expect(
      postResultsFile({ ...base, resultsFile: results, signatureFile: join(folder.path, 'gone.asc') }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  test('unsigned results post with a warning', async () => {
    const warnings: string[] = [];
    const results = file();
    const outcome = await postResultsFile({
      ...base,
      resultsFile: results,
      apiUrl: server.url,
      retryDelay: '0',
      warn: (line) => warnings.push(line),
    });
    expect(outcome.signed).toBe(false);
    expect(warnings.join('\n')).toMatch(/unsigned/);
  });
});

describe('context and secrets', () => {
  const event = (payload: unknown) => {
    const path = join(folder.path, `event-${Math.random()}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return path;
  };

  test('defaultSha: the pull request head, the merge group head, the workflow_run head, else GITHUB_SHA', () => {
    expect(
      defaultSha({
        GITHUB_SHA: 'merge',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event({ pull_request: { head: { sha: 'head' } } }),
      }),
    ).toBe('head');
    const target = {
      GITHUB_SHA: 'merge',
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: event({ pull_request: { head: { sha: 'head' } } }),
    };
    expect(() => defaultSha(target)).toThrow(
      expect.objectContaining({ kind: 'usage', message: expect.stringContaining('pull_request_target') }),
    );
    const group = { merge_group: { head_sha: 'group-head', base_sha: 'group-base' } };
    expect(
      eventContext({ GITHUB_SHA: 'x', GITHUB_EVENT_NAME: 'merge_group', GITHUB_EVENT_PATH: event(group) }),
    ).toEqual({ event: 'merge_group', sha: 'group-head', isFork: false, baseSha: 'group-base' });
    expect(
      defaultSha({ GITHUB_SHA: 'x', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event({ after: 'pushed' }) }),
    ).toBe('pushed');
    expect(
      defaultSha({
        GITHUB_SHA: 'x',
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: event({ workflow_run: { head_sha: 'run-head' } }),
      }),
    ).toBe('run-head');
    expect(defaultSha({ GITHUB_SHA: 'push-sha', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event({}) })).toBe(
      'push-sha',
    );
    expect(
      defaultSha({
        GITHUB_SHA: 'fallback',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(folder.path, 'missing.json'),
      }),
    ).toBe('fallback');
    expect(defaultSha({})).toBe('');
  });

  test('eventContext: a pull request from another repository, or a deleted fork, is a fork', () => {
    const pr = (head: unknown) => ({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_EVENT_PATH: event({ pull_request: { head, base: { sha: 'b', repo: { full_name: 'o/r' } } } }),
    });
    expect(eventContext(pr({ sha: 'h', repo: { full_name: 'stranger/r' } }))).toMatchObject({
      sha: 'h',
      isFork: true,
      headRepository: 'stranger/r',
      baseSha: 'b',
    });
    expect(eventContext(pr({ sha: 'h', repo: null })).isFork).toBe(true);
    expect(eventContext(pr({ sha: 'h', repo: { full_name: 'O/R' } })).isFork).toBe(false);
  });

  test('maskSecret registers the value, every line, and the lines of wrapped or escaped armor', () => {
    const masked: string[] = [];
    maskSecret(Buffer.from(key.privateKey).toString('base64'), (value) => masked.push(value));
    const lines = key.privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    for (const line of lines) expect(masked).toContain(line);
    const escaped: string[] = [];
    maskSecret(key.privateKey.replace(/\n/g, '\\n'), (value) => escaped.push(value));
    for (const line of lines) expect(escaped).toContain(line);
    const none: string[] = [];
    maskSecret('', (value) => none.push(value));
    expect(none).toEqual([]);
  });
});

describe('trust (issue 8)', () => {
  test('sign refuses results for another commit than the one tested, naming both; sha overrides', async () => {
    const file = join(folder.path, 'other-commit.json');
    const commit = randomSha();
    writeFileSync(file, resultsJson({ commit }));
    const tested = randomSha();
    const request = signRequest(file);
    const error = await signResultsFile({ ...request, expectedSha: tested }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'COMMIT_MISMATCH', message: expect.stringContaining(commit) });
    expect((error as Error).message).toContain(tested);
    const outcome = await signResultsFile({ ...request, expectedSha: commit });
    expect(outcome.fingerprint).toBe(key.fingerprint);
    expect(outcome.warnings).toEqual([]);
  });

  test('defaultSha also takes merge_group.head_sha', () => {
    const path = join(folder.path, 'merge-group.json');
    writeFileSync(path, JSON.stringify({ merge_group: { head_sha: 'queue-head' } }));
    expect(defaultSha({ GITHUB_SHA: 'x', GITHUB_EVENT_NAME: 'merge_group', GITHUB_EVENT_PATH: path })).toBe(
      'queue-head',
    );
  });

  test('defaultSha never stalls on a FIFO or device as the event payload', () => {
    const fifo = join(folder.path, 'event-fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(defaultSha({ GITHUB_SHA: 'fallback', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: fifo })).toBe(
      'fallback',
    );
    expect(
      defaultSha({ GITHUB_SHA: 'fallback', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/dev/zero' }),
    ).toBe('fallback');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('post: a signature with no readable signature packet is SIGNATURE_MALFORMED before any request', async () => {
    const results = join(folder.path, `unreadable-${randomSha()}.json`);
    writeFileSync(results, resultsJson({ commit: randomSha() }));
    // Armor of the right type whose body is a user id packet, not a signature.
    writeFileSync(`${results}.asc`, '-----BEGIN PGP SIGNATURE-----\n\nzQNhYmM=\n-----END PGP SIGNATURE-----\n');
    const before = server.requests.length;
    const error = await postResultsFile(postRequest(results)).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'SIGNATURE_MALFORMED' });
    expect(String((error as Error).message)).not.toMatch(/toHex|undefined/);
    expect(server.requests.length).toBe(before);
  });

  test('verify: trusted-fingerprints keeps only the listed keys; revoked keys are listed in the summary', async () => {
    const other = await makeKey('Other');
    const commit = randomSha();
    await signAndPost(commit);
    const both = `${key.publicKey}\n${other.publicKey}`;
    const pinned = await verifySignedResults(
      verifyRequest(commit, { trustedKeys: both, trustedFingerprints: other.fingerprint }),
    );
    expect(pinned.verified).toBe(false);
    expect(pinned.entries[0].report.error?.code).toBe('SIGNATURE_UNTRUSTED_KEY');
    const revoked = await verifySignedResults(
      verifyRequest(commit, { trustedKeys: `${key.publicKey}\n${key.revocationCertificate}` }),
    );
    expect(revoked.verified).toBe(false);
    expect(revoked.revokedKeys).toEqual([key.fingerprint]);
    expect(revoked.summary).toContain(
      `Revoked trusted keys (every result they signed is refused): \`${key.fingerprint}\``,
    );
  });

  test('verify: a key file named after one fingerprint that holds another key is refused', async () => {
    const other = await makeKey('Mallory');
    const path = join(folder.path, `${key.fingerprint}.asc`);
    writeFileSync(path, other.publicKey);
    await expect(
      verifySignedResults(verifyRequest(randomSha(), { trustedKeys: '', trustedKeysFile: path })),
    ).rejects.toMatchObject({
      code: 'TRUSTED_KEY_FILE_MISMATCH',
      message: expect.stringContaining(other.fingerprint),
    });
  });
});
