import { generateKeyPairSync, verify } from 'node:crypto';
import { startGitHubApiServer, type GitHubApiServer } from '../../github-api-server/src/index.js';
import { CiSigningError } from '../../errors/src/index.js';
import { createAppInstallationToken, createAppJwt, createGitHubClient, postResults } from '../src/index.js';
import { REPOSITORY, makeResults } from './helpers.js';

const APP_ID = 4242;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const otherKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

let server: GitHubApiServer;

beforeAll(async () => {
  server = await startGitHubApiServer({
    apps: [
      {
        appId: APP_ID,
        privateKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        installations: { [REPOSITORY]: 77 },
      },
    ],
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

describe('createAppJwt', () => {
  it('makes an RS256 JWT the app key verifies: iss = app id, iat a minute back, exp nine minutes ahead', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    const jwt = createAppJwt(APP_ID, privateKeyPem, now);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(decodePart(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decodePart(payload)).toEqual({ iat: now / 1000 - 60, exp: now / 1000 + 540, iss: String(APP_ID) });
    expect(
      verify('sha256', Buffer.from(`${header}.${payload}`), rsa.publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
  });

  it('refuses a key that is not a PEM private key, without echoing it', () => {
    const secretLooking = '-----BEGIN RSA PRIVATE KEY-----\nnot really\n-----END RSA PRIVATE KEY-----';
    let error: CiSigningError | undefined;
    try {
      createAppJwt(APP_ID, secretLooking);
    } catch (caught) {
      error = caught as CiSigningError;
    }
    expect(error?.code).toBe('APP_KEY_UNREADABLE');
    expect(error?.message).not.toContain('not really');
  });

  it('refuses a non-RSA key (GitHub Apps sign with RS256)', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => createAppJwt(APP_ID, ec)).toThrow(/not RSA/);
  });
});

describe('createAppInstallationToken', () => {
  it('finds the installation of the repository and returns a token that can post check runs', async () => {
    const token = await createAppInstallationToken({
      appId: APP_ID,
      privateKeyPem,
      repository: REPOSITORY,
      baseUrl: server.url,
    });
    expect(token).toMatch(/^ghs_/);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /repos/${REPOSITORY}/installation`,
      'POST /app/installations/77/access_tokens',
    ]);
    const fixture = makeResults();
    const client = createGitHubClient({ token, baseUrl: server.url, log: () => {} });
    const outcome = await postResults({
      client,
      repository: REPOSITORY,
      resultsBytes: fixture.bytes,
      results: fixture.results,
      signature: null,
      log: () => {},
    });
    expect(server.checkRuns()[0]?.id).toBe(outcome.checkRunId);
    expect(server.checkRuns()[0]?.app).toMatchObject({ id: APP_ID });
  });

  it('says the app is not installed on a repository without an installation', async () => {
    await expect(
      createAppInstallationToken({
        appId: APP_ID,
        privateKeyPem,
        repository: 'octo-org/elsewhere',
        baseUrl: server.url,
      }),
    ).rejects.toMatchObject({
      code: 'APP_NOT_INSTALLED',
      message: expect.stringContaining('octo-org/elsewhere'),
    });
  });

  it("says the credentials were rejected when the key is not the app's", async () => {
    await expect(
      createAppInstallationToken({
        appId: APP_ID,
        privateKeyPem: otherKeyPem,
        repository: REPOSITORY,
        baseUrl: server.url,
      }),
    ).rejects.toMatchObject({
      code: 'APP_CREDENTIALS_REJECTED',
      kind: 'github',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries the installation lookup through transient faults', async () => {
    server.setFaults({ script: ['status-503'] });
    const lines: string[] = [];
    const token = await createAppInstallationToken({
      appId: APP_ID,
      privateKeyPem,
      repository: REPOSITORY,
      baseUrl: server.url,
      retryDelayMs: 5,
      log: (line) => lines.push(line),
    });
    expect(token).toMatch(/^ghs_/);
    expect(lines).toHaveLength(1);
  });

  it('passes on other refusals unchanged', async () => {
    server.setFaults({ script: Array(5).fill('status-500') });
    await expect(
      createAppInstallationToken({
        appId: APP_ID,
        privateKeyPem,
        repository: REPOSITORY,
        baseUrl: server.url,
        retries: 1,
        retryDelayMs: 1,
      }),
    ).rejects.toMatchObject({
      code: 'GITHUB_RETRIES_EXHAUSTED',
    });
  });
});
