// GitHub App credentials for the CLI: personal access tokens cannot create check runs, apps can.

import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { CiSigningError } from '../../errors/src/index.js';
import { createGitHubClient } from './client.js';
import { GitHubRequestError } from './github-request-error.js';
import { parseRepository } from './runs.js';

/** An RS256 JWT GitHub accepts as the app itself: valid from a minute ago (clock skew) for nine minutes. */
export function createAppJwt(appId: string | number, privateKeyPem: string, nowMs = Date.now()): string {
  const key = readAppKey(privateKeyPem);
  const now = Math.floor(nowMs / 1000);
  const header = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64Url(JSON.stringify({ iat: now - 60, exp: now + 540, iss: String(appId) }));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

function readAppKey(privateKeyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    // The key's text never goes into the message.
    throw new CiSigningError(
      'APP_KEY_UNREADABLE',
      'The GitHub App private key is not a readable PEM private key.',
      'Give the .pem file downloaded from the GitHub App settings (--app-private-key-file).',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CiSigningError(
      'APP_KEY_UNREADABLE',
      `The GitHub App private key is ${key.asymmetricKeyType}, not RSA.`,
      'Give the RSA .pem file downloaded from the GitHub App settings.',
    );
  }
  return key;
}

function base64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export interface AppInstallationTokenInput {
  appId: string | number;
  privateKeyPem: string;
  /** owner/name the token is for. */
  repository: string;
  baseUrl: string;
  log?: (line: string) => void;
  retries?: number;
  retryDelayMs?: number;
  requestTimeoutMs?: number;
}

/**
 * An installation token for one repository, limited to `checks: write`: finds the app's installation
 * on the repository, then asks for a token.
 */
export async function createAppInstallationToken(input: AppInstallationTokenInput): Promise<string> {
  const { owner, repo } = parseRepository(input.repository);
  const client = createGitHubClient({
    token: createAppJwt(input.appId, input.privateKeyPem),
    baseUrl: input.baseUrl,
    retries: input.retries,
    retryDelayMs: input.retryDelayMs,
    requestTimeoutMs: input.requestTimeoutMs,
    log: input.log ?? (() => {}),
  });
  let installationId: number;
  try {
    installationId = (await client.request<{ id: number }>('GET /repos/{owner}/{repo}/installation', { owner, repo }))
      .data.id;
  } catch (error) {
    if (error instanceof GitHubRequestError && error.status === 404) {
      throw new CiSigningError(
        'APP_NOT_INSTALLED',
        `GitHub App ${input.appId} is not installed on ${owner}/${repo}.`,
        'Install the app on the repository (with the Checks: write permission), or check --app-id.',
        'github',
      );
    }
    if (error instanceof GitHubRequestError && error.status === 401) {
      throw new CiSigningError(
        'APP_CREDENTIALS_REJECTED',
        `GitHub rejected the app credentials for app ${input.appId} (401).`,
        'Check --app-id and that --app-private-key-file is a current key of that app; a machine clock more than ' +
          'a minute off also makes the token invalid.',
        'github',
      );
    }
    throw error;
  }
  const response = await client.request<{ token: string }>('POST /app/installations/{installation_id}/access_tokens', {
    installation_id: installationId,
    repositories: [repo],
    permissions: { checks: 'write' },
  });
  return response.data.token;
}
