// GitHub App authentication: checks the RS256 JWT an app signs with its private key, the way GitHub does
// before it answers /repos/{owner}/{repo}/installation and /app/installations/{id}/access_tokens.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { GitHubAppConfig } from './types.js';

export interface RegisteredApp {
  appId: number;
  publicKey: KeyObject;
  /** lower-case owner/repo -> installation id */
  installations: Map<string, number>;
}

/** GitHub refuses JWTs that live longer than ten minutes; it tolerates a minute of clock drift. */
const MAX_LIFETIME_SECONDS = 600;
const CLOCK_DRIFT_SECONDS = 60;

export function registerApps(apps: GitHubAppConfig[] = []): RegisteredApp[] {
  return apps.map(({ appId, privateKeyPem, installations }) => {
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(privateKeyPem);
    } catch {
      throw new Error(
        `apps[appId=${appId}].privateKeyPem is not a PEM key; give the app's public (or private) key in PEM`,
      );
    }
    return {
      appId,
      publicKey,
      installations: new Map(Object.entries(installations).map(([repository, id]) => [repository.toLowerCase(), id])),
    };
  });
}

export type JwtCheck = { app: RegisteredApp } | { problem: string };

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Checks an app JWT; a problem is GitHub's 401 message. */
export function checkAppJwt(jwt: string, apps: RegisteredApp[], nowSeconds = Math.floor(Date.now() / 1000)): JwtCheck {
  const undecodable = { problem: 'A JSON web token could not be decoded' };
  const parts = jwt.split('.');
  if (parts.length !== 3) return undecodable;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload || header.alg !== 'RS256') return undecodable;
  const app = apps.find((candidate) => String(candidate.appId) === String(payload.iss));
  if (!app) return { problem: 'Integration not found' };
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    app.publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) return undecodable;
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowSeconds + CLOCK_DRIFT_SECONDS) {
    return {
      problem: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    };
  }
  if (typeof exp !== 'number' || exp <= nowSeconds) {
    return {
      problem:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the " +
        'assertion expires',
    };
  }
  if (
    exp - iat > MAX_LIFETIME_SECONDS + CLOCK_DRIFT_SECONDS ||
    exp > nowSeconds + MAX_LIFETIME_SECONDS + CLOCK_DRIFT_SECONDS
  ) {
    return { problem: "'Expiration time' claim ('exp') is too far in the future" };
  }
  return { app };
}
