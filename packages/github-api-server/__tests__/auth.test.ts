import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { startGitHubApiServer, type CheckRunJson, type GitHubApiServer } from '../src/index.js';
import { call, completedRun, SHA } from './helpers.js';

let server: GitHubApiServer;
let appKey: KeyObject;
let strangerKey: KeyObject;
const APP_ID = 4242;
const INSTALLATION_ID = 777;

function jwt(
  claims: Record<string, unknown>,
  key: KeyObject = appKey,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function validClaims(): Record<string, unknown> {
  return { iat: now() - 30, exp: now() + 540, iss: String(APP_ID) };
}

beforeAll(async () => {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  appKey = app.privateKey;
  strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  server = await startGitHubApiServer({
    tokens: { 'write-token': 'write', 'fork-token': 'read-only', ghp_classic: 'classic-pat' },
    apps: [
      {
        appId: APP_ID,
        privateKeyPem: app.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        installations: { 'octo/demo': INSTALLATION_ID },
      },
    ],
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('tokens', () => {
  test('a missing, unknown or malformed Authorization is 401 Bad credentials and commits nothing', async () => {
    for (const options of [{ token: null }, { token: 'test-token' }, { token: 'nope' }] as const) {
      const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), options);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ message: 'Bad credentials' });
    }
    const basic = await fetch(`${server.url}/repos/octo/demo/check-runs/1`, {
      headers: { authorization: 'Basic d3JpdGUtdG9rZW4=' },
    });
    expect(basic.status).toBe(401);
    expect(server.checkRuns()).toEqual([]);
  });

  test('a write token works with the token and the Bearer scheme', async () => {
    expect(
      (await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token: 'write-token' })).status,
    ).toBe(201);
    expect(
      (
        await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), {
          token: 'write-token',
          scheme: 'Bearer',
        })
      ).status,
    ).toBe(201);
    expect(server.checkRuns()).toHaveLength(2);
  });

  test('a read-only token reads, but writes are 403 Resource not accessible by integration', async () => {
    const id = (
      (await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token: 'write-token' }))
        .body as CheckRunJson
    ).id;
    expect(
      (await call(server, 'GET', `/repos/octo/demo/check-runs/${id}`, undefined, { token: 'fork-token' })).status,
    ).toBe(200);
    expect(
      (await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs`, undefined, { token: 'fork-token' }))
        .status,
    ).toBe(200);
    const create = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token: 'fork-token' });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
    });
    const update = await call(
      server,
      'PATCH',
      `/repos/octo/demo/check-runs/${id}`,
      { conclusion: 'failure' },
      { token: 'fork-token' },
    );
    expect(update.status).toBe(403);
    expect(update.body).toMatchObject({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/checks/runs#update-a-check-run',
    });
    expect(server.checkRuns()).toEqual([expect.objectContaining({ id, conclusion: 'success' })]);
  });

  test('a classic personal access token reads, but writes are 403 You must authenticate via a GitHub App.', async () => {
    const id = (
      (await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token: 'write-token' }))
        .body as CheckRunJson
    ).id;
    expect(
      (await call(server, 'GET', `/repos/octo/demo/check-runs/${id}`, undefined, { token: 'ghp_classic' })).status,
    ).toBe(200);
    const create = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token: 'ghp_classic' });
    expect(create.status).toBe(403);
    expect(create.body).toEqual({
      message: 'You must authenticate via a GitHub App.',
      documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run',
      status: '403',
    });
    const update = await call(
      server,
      'PATCH',
      `/repos/octo/demo/check-runs/${id}`,
      { conclusion: 'failure' },
      { token: 'ghp_classic' },
    );
    expect(update.body).toMatchObject({ message: 'You must authenticate via a GitHub App.' });
    expect(server.checkRuns()).toHaveLength(1);
  });
});

describe('GitHub App', () => {
  test('JWT -> repository installation -> installation token -> check run owned by the app', async () => {
    const installation = await call(server, 'GET', '/repos/Octo/Demo/installation', undefined, {
      token: jwt(validClaims()),
      scheme: 'Bearer',
    });
    expect(installation.status).toBe(200);
    expect(installation.body).toMatchObject({
      id: INSTALLATION_ID,
      app_id: APP_ID,
      account: { login: 'Octo' },
      access_tokens_url: `${server.url}/app/installations/${INSTALLATION_ID}/access_tokens`,
    });
    const issued = await call(server, 'POST', `/app/installations/${INSTALLATION_ID}/access_tokens`, undefined, {
      token: jwt(validClaims()),
      scheme: 'Bearer',
    });
    expect(issued.status).toBe(201);
    const { token, expires_at: expiresAt } = issued.body as { token: string; expires_at: string };
    expect(token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const created = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), { token });
    expect(created.status).toBe(201);
    expect((created.body as CheckRunJson).app).toMatchObject({ id: APP_ID, slug: `test-app-${APP_ID}` });
    const byApp = await call(server, 'GET', `/repos/octo/demo/commits/${SHA}/check-runs?app_id=${APP_ID}`, undefined, {
      token,
    });
    expect((byApp.body as { total_count: number }).total_count).toBe(1);
  });

  test('an installation the app does not have is 404', async () => {
    const missingRepo = await call(server, 'GET', '/repos/octo/elsewhere/installation', undefined, {
      token: jwt(validClaims()),
      scheme: 'Bearer',
    });
    expect(missingRepo.status).toBe(404);
    const missingInstallation = await call(server, 'POST', '/app/installations/1/access_tokens', undefined, {
      token: jwt(validClaims()),
      scheme: 'Bearer',
    });
    expect(missingInstallation.status).toBe(404);
  });

  test.each([
    ['no Authorization', null, 'A JSON web token could not be decoded'],
    ['a plain token', 'write-token', 'A JSON web token could not be decoded'],
    ['garbage in three parts', 'a.b.c', 'A JSON web token could not be decoded'],
    ['another algorithm', () => jwt(validClaims(), appKey, { alg: 'HS256' }), 'A JSON web token could not be decoded'],
    ['an unknown app', () => jwt({ ...validClaims(), iss: '1' }), 'Integration not found'],
    ['a signature by another key', () => jwt(validClaims(), strangerKey), 'A JSON web token could not be decoded'],
    [
      'an expired token',
      () => jwt({ ...validClaims(), iat: now() - 700, exp: now() - 100 }),
      "'Expiration time' claim ('exp') must be a numeric value",
    ],
    ['no iat', () => jwt({ exp: now() + 300, iss: APP_ID }), "'Issued at' claim ('iat') must be an Integer"],
    [
      'a lifetime over ten minutes',
      () => jwt({ iat: now(), exp: now() + 3600, iss: APP_ID }),
      "'Expiration time' claim ('exp') is too far in the future",
    ],
  ])('the installation lookup refuses %s with 401', async (_label, token, message) => {
    const value = typeof token === 'function' ? token() : token;
    const response = await call(server, 'GET', '/repos/octo/demo/installation', undefined, {
      token: value,
      scheme: 'Bearer',
    });
    expect(response.status).toBe(401);
    expect((response.body as { message: string }).message).toContain(message);
  });

  test('an app JWT is not a token for the checks endpoints', async () => {
    const response = await call(server, 'POST', '/repos/octo/demo/check-runs', completedRun(), {
      token: jwt(validClaims()),
      scheme: 'Bearer',
    });
    expect(response.status).toBe(401);
  });

  test('a key that is not PEM is refused when the server starts', async () => {
    await expect(
      startGitHubApiServer({ apps: [{ appId: 1, privateKeyPem: 'not a key', installations: {} }] }),
    ).rejects.toThrow('privateKeyPem is not a PEM key');
  });
});
