import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';

export const REPOSITORY = 'octo-org/widgets';

export function randomSha(): string {
  return randomBytes(20).toString('hex');
}

/** A ci-results v1 document; overrides replace top-level fields. */
export function resultsJson(overrides: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      version: 1,
      repository: REPOSITORY,
      commit: 'a'.repeat(40),
      conclusion: 'success',
      tests: { passed: 10, failed: 0, skipped: 1 },
      coverage: { lines: 88.5 },
      startedAt: '2026-11-25T10:00:00Z',
      completedAt: '2026-11-25T10:01:30Z',
      ...overrides,
    },
    null,
    2,
  )}\n`;
}

export interface TestKey {
  privateKey: string;
  publicKey: string;
  revocationCertificate: string;
  passphrase: string;
  fingerprint: string;
}

/** A real v4 ed25519 (legacy EdDSA) key, as GnuPG 2.2 reads them. */
export async function makeKey(
  name = 'Test signer',
  options: { passphrase?: string; keyExpirationTime?: number; date?: Date } = {},
): Promise<TestKey> {
  const passphrase = options.passphrase ?? `pass-${randomBytes(9).toString('hex')}`;
  const { privateKey, publicKey, revocationCertificate } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name, email: 'ci@example.com' }],
    passphrase: passphrase || undefined,
    keyExpirationTime: options.keyExpirationTime ?? 0,
    date: options.date,
    format: 'armored',
    config: { v6Keys: false, aeadProtect: false },
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { privateKey, publicKey, revocationCertificate, passphrase, fingerprint: key.getFingerprint().toUpperCase() };
}

/** `ci-signing sign` of `resultsFile` with the key.asc and passphrase file a test wrote into `folder`. */
export function signArgs(folder: string, resultsFile: string, passphraseFile = 'pass.txt'): string[] {
  return [
    'sign',
    '--results-file',
    resultsFile,
    '--private-key-file',
    join(folder, 'key.asc'),
    '--passphrase-file',
    join(folder, passphraseFile),
  ];
}

/** `ci-signing keygen` of `name <email>` into `out`, with no passphrase choice yet. */
export function keygenIdentityArgs(out: string, name: string, email: string): string[] {
  return ['keygen', '--name', name, '--email', email, '--out-dir', out];
}

/** `ci-signing verify` of `resultsFile` against the trust flags given, bound to REPOSITORY at `sha`. */
export function verifyArgs(resultsFile: string, trust: string[], sha: string): string[] {
  return ['verify', '--results-file', resultsFile, ...trust, '--repository', REPOSITORY, '--sha', sha];
}

export function temporaryFolder(prefix = 'ci-signing-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Awaits a promise that must reject with an error of the given class, and returns that error. */
export async function rejection<T extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name}`);
}
