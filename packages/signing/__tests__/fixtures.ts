// openpgp.js-made keys for unit tests (gpg-made keys live in gpg.ts).
import * as openpgp from 'openpgp';

export const DAY_SECONDS = 24 * 60 * 60;
export const DAY_MS = DAY_SECONDS * 1000;

export interface TestKeyOptions {
  passphrase?: string;
  /** Creation time (default an hour ago, so tests may date signatures a little in the past). */
  date?: Date;
  expiresInSeconds?: number;
  /** Adds a signing subkey (openpgp.js then signs with it). */
  signingSubkey?: boolean;
  rsaBits?: number;
}

export interface TestKey {
  privateKey: string;
  publicKey: string;
  revocationCertificate: string;
  fingerprint: string;
  object: openpgp.PrivateKey;
}

/** A v4 key; ed25519 (legacy EdDSA) unless rsaBits is given. */
export async function makeKey(options: TestKeyOptions = {}): Promise<TestKey> {
  const generated = await openpgp.generateKey({
    ...(options.rsaBits
      ? { type: 'rsa' as const, rsaBits: options.rsaBits }
      : { type: 'ecc' as const, curve: 'ed25519Legacy' as const }),
    userIDs: [{ name: 'Unit Test', email: 'unit@example.com' }],
    passphrase: options.passphrase,
    date: options.date ?? new Date(Date.now() - 60 * 60 * 1000),
    keyExpirationTime: options.expiresInSeconds ?? 0,
    subkeys: options.signingSubkey ? [{ sign: true }] : [],
    format: 'object',
    config: { v6Keys: false, minRSABits: 512 },
  });
  return {
    privateKey: generated.privateKey.armor(),
    publicKey: generated.publicKey.armor(),
    revocationCertificate: generated.revocationCertificate,
    fingerprint: generated.publicKey.getFingerprint().toUpperCase(),
    object: generated.privateKey,
  };
}

/** Detached signature made directly with openpgp.js, for signatures our signer would not make. */
export async function openpgpSign(
  privateKey: openpgp.PrivateKey | openpgp.PrivateKey[],
  data: Uint8Array | string,
  options: { date?: Date; text?: boolean } = {},
): Promise<string> {
  const message = options.text
    ? await openpgp.createMessage({ text: typeof data === 'string' ? data : new TextDecoder().decode(data) })
    : await openpgp.createMessage({ binary: typeof data === 'string' ? new TextEncoder().encode(data) : data });
  return openpgp.sign({
    message,
    signingKeys: privateKey,
    detached: true,
    format: 'armored',
    date: options.date,
    config: { minRSABits: 512 },
  });
}

/** The base64 body lines of an armored block (the key material), for leak checks. */
export function armorBodyLines(armored: string): string[] {
  return armored
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 8 && !line.startsWith('-----') && !line.includes(':'));
}
