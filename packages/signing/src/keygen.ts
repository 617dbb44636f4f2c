import * as openpgp from 'openpgp';
import { UsageError } from '../../errors/src/index.js';
import { fingerprintOf } from './key-identity.js';

export type KeyAlgorithm = 'ed25519' | 'rsa4096';

export interface GenerateKeyPairOptions {
  name: string;
  email: string;
  /** Seconds until the key expires; 0 = never. */
  expiresInSeconds: number;
  algorithm: KeyAlgorithm;
  /** Empty or absent: the private key is not passphrase-protected. */
  passphrase?: string;
  /** Creation time (default now). */
  date?: Date;
}

export interface GeneratedKeyPair {
  privateKey: string;
  publicKey: string;
  revocationCertificate: string;
  /** Primary key fingerprint, 40 hex upper-case. */
  fingerprint: string;
}

// v4 keys protected with iterated-S2K/CFB: the forms GnuPG 2.2 reads (no v6, no AEAD, no Argon2).
const GNUPG22_CONFIG: openpgp.PartialConfig = {
  v6Keys: false,
  aeadProtect: false,
  s2kType: openpgp.enums.s2k.iterated,
  preferredHashAlgorithm: openpgp.enums.hash.sha512,
};

// A signing-only primary key: ci-signing never encrypts. ed25519 must be the legacy EdDSA form; GnuPG 2.2
// silently skips v4 keys of the newer Ed25519 algorithm.
const ALGORITHMS: Record<KeyAlgorithm, Pick<openpgp.KeyOptions, 'type' | 'curve' | 'rsaBits'>> = {
  ed25519: { type: 'ecc', curve: 'ed25519Legacy' },
  rsa4096: { type: 'rsa', rsaBits: 4096 },
};

/** Generates a v4 signing key pair that GnuPG 2.2 imports, with its revocation certificate. */
export async function generateKeyPair(options: GenerateKeyPairOptions): Promise<GeneratedKeyPair> {
  const name = options.name.trim();
  const email = options.email.trim();
  if (name === '' && email === '') {
    throw new UsageError('A key needs a name or an email address.', 'Pass --name and --email.');
  }
  if (email !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(email)) {
    throw new UsageError(`The email address "${email}" is not valid.`, 'Pass an address like ci@example.com.');
  }
  if (!Number.isInteger(options.expiresInSeconds) || options.expiresInSeconds < 0) {
    throw new UsageError(
      `The key lifetime ${options.expiresInSeconds} is not a whole number of seconds >= 0.`,
      'Give a lifetime such as 1y, 90d, or 0 for no expiry.',
    );
  }
  const algorithm = ALGORITHMS[options.algorithm];
  if (!algorithm) {
    throw new UsageError(
      `The key algorithm "${String(options.algorithm)}" is not supported.`,
      'Use ed25519 or rsa4096.',
    );
  }
  const generated = await openpgp.generateKey({
    ...algorithm,
    userIDs: [{ ...(name ? { name } : {}), ...(email ? { email } : {}) }],
    passphrase: options.passphrase || undefined,
    keyExpirationTime: options.expiresInSeconds,
    date: options.date,
    subkeys: [],
    format: 'object',
    config: GNUPG22_CONFIG,
  });
  return {
    privateKey: generated.privateKey.armor(),
    publicKey: generated.publicKey.armor(),
    revocationCertificate: generated.revocationCertificate,
    fingerprint: fingerprintOf(generated.publicKey),
  };
}
