// Key and hash policy shared by signing and verification. The decisions are made here, explicitly,
// so that a refusal never depends on an openpgp default that may change between versions.
import * as openpgp from 'openpgp';
import { CiSigningError, type ErrorKind } from '../../errors/src/index.js';

export const MIN_RSA_BITS = 2048;

/** Hashes refused on signatures (broken or deprecated for signatures). */
export const WEAK_HASHES: ReadonlySet<openpgp.enums.hash> = new Set([
  openpgp.enums.hash.md5,
  openpgp.enums.hash.sha1,
  openpgp.enums.hash.ripemd,
]);

/** Hashes our own signatures may use: SHA-256 or stronger. */
export const STRONG_HASHES: ReadonlySet<openpgp.enums.hash> = new Set([
  openpgp.enums.hash.sha256,
  openpgp.enums.hash.sha384,
  openpgp.enums.hash.sha512,
  openpgp.enums.hash.sha3_256,
  openpgp.enums.hash.sha3_512,
]);

/**
 * openpgp config for looking at keys whose strength we judge ourselves: openpgp would otherwise throw
 * a generic "too weak" error before we can say which key is weak and why.
 */
export const LENIENT_KEY_CONFIG: openpgp.PartialConfig = {
  minRSABits: 0,
  rejectPublicKeyAlgorithms: new Set(),
};

/** openpgp config mirroring our policy, as a second line behind our own explicit checks. */
export const STRICT_CONFIG: openpgp.PartialConfig = {
  minRSABits: MIN_RSA_BITS,
  rejectPublicKeyAlgorithms: new Set([openpgp.enums.publicKey.dsa, openpgp.enums.publicKey.elgamal]),
  rejectHashAlgorithms: new Set([openpgp.enums.hash.md5, openpgp.enums.hash.ripemd]),
  rejectMessageHashAlgorithms: new Set(WEAK_HASHES),
};

type KeyComponent = openpgp.Key | openpgp.Subkey;

export function hexUpper(keyId: openpgp.KeyID): string {
  return keyId.toHex().toUpperCase();
}

export function fingerprintOf(key: KeyComponent): string {
  return key.getFingerprint().toUpperCase();
}

export function hashName(hash: openpgp.enums.hash | null): string {
  if (hash === null) return 'an unknown hash';
  const name = openpgp.enums.read(openpgp.enums.hash, hash) as string;
  // openpgp says "ripemd" for RIPEMD-160 and "sha3_256" for SHA3-256; use the names gpg users know.
  return name === 'ripemd' ? 'RIPEMD160' : name.toUpperCase().replace('_', '-');
}

/** Why a key algorithm is too weak to sign with, or undefined when it is acceptable. */
export function weakness(component: KeyComponent): string | undefined {
  const info = component.getAlgorithmInfo();
  switch (info.algorithm) {
    case 'rsaEncryptSign':
    case 'rsaSign':
    case 'rsaEncrypt':
      return info.bits !== undefined && info.bits < MIN_RSA_BITS
        ? `RSA ${info.bits}-bit (at least ${MIN_RSA_BITS} bits are required)`
        : undefined;
    case 'dsa':
      return 'DSA (no longer accepted for signing)';
    case 'elgamal':
      return 'ElGamal (no longer accepted for signing)';
    default:
      return undefined;
  }
}

/** True when any binding signature of the subkey allows it to sign data. */
export function subkeyMaySign(subkey: openpgp.Subkey): boolean {
  return subkey.bindingSignatures.some(
    (signature) => signature.keyFlags !== null && (signature.keyFlags[0] & openpgp.enums.keyFlags.signData) !== 0,
  );
}

export type ComponentState = { state: 'valid' } | { state: 'revoked' } | { state: 'expired'; at: Date };

/** Revocation and expiry of the primary key as of `now` (revocations inside the key count). */
export async function primaryKeyState(key: openpgp.Key, now: Date): Promise<ComponentState> {
  if (await key.isRevoked(undefined, undefined, now)) return { state: 'revoked' };
  const expiry = await key.getExpirationTime();
  if (expiry instanceof Date && expiry.getTime() <= now.getTime()) return { state: 'expired', at: expiry };
  return { state: 'valid' };
}

/** Revocation and expiry of a subkey as of `now`. */
export async function subkeyState(subkey: openpgp.Subkey, now: Date): Promise<ComponentState> {
  // openpgp's own signature types are stricter than its code: undefined means "any revocation".
  const anySignature = undefined as unknown as openpgp.SignaturePacket;
  const primaryPacket = undefined as unknown as openpgp.PublicKeyPacket;
  if (await subkey.isRevoked(anySignature, primaryPacket, now)) return { state: 'revoked' };
  // A null date reads the latest binding signature whatever its date; its key expiry is what matters.
  const expiry = await subkey.getExpirationTime(null as unknown as Date);
  if (expiry instanceof Date && expiry.getTime() <= now.getTime()) return { state: 'expired', at: expiry };
  return { state: 'valid' };
}

export function isSubkey(component: KeyComponent): component is openpgp.Subkey {
  return component instanceof openpgp.Subkey;
}

export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Throws KEY_REVOKED / KEY_EXPIRED when the primary key, or `component` if it is a subkey, is not
 * valid at `now`. `label` names the key in the message, e.g. "private key" or "trusted key".
 */
export async function assertValidNow(
  key: openpgp.Key,
  component: KeyComponent,
  now: Date,
  label: string,
  kind: ErrorKind,
): Promise<void> {
  const fingerprint = fingerprintOf(key);
  const primary = await primaryKeyState(key, now);
  if (primary.state === 'revoked') {
    throw new CiSigningError(
      'KEY_REVOKED',
      `The ${label} ${fingerprint} is revoked.`,
      'Use a key that is not revoked (generate one with `ci-signing keygen`) and trust its public key instead.',
      kind,
    );
  }
  if (primary.state === 'expired') {
    throw new CiSigningError(
      'KEY_EXPIRED',
      `The ${label} ${fingerprint} expired on ${isoDate(primary.at)}.`,
      'Extend the key expiry (gpg --quick-set-expire) and re-export it, or generate a new key with `ci-signing keygen`.',
      kind,
    );
  }
  if (!isSubkey(component)) return;
  const subkeyId = hexUpper(component.getKeyID());
  const sub = await subkeyState(component, now);
  if (sub.state === 'revoked') {
    throw new CiSigningError(
      'KEY_REVOKED',
      `The signing subkey ${subkeyId} of the ${label} ${fingerprint} is revoked.`,
      'Sign with a subkey that is not revoked and publish the updated public key.',
      kind,
    );
  }
  if (sub.state === 'expired') {
    throw new CiSigningError(
      'KEY_EXPIRED',
      `The signing subkey ${subkeyId} of the ${label} ${fingerprint} expired on ${isoDate(sub.at)}.`,
      'Extend the subkey expiry (gpg --quick-set-expire FPR 1y SUBKEY-FPR) and re-export the keys.',
      kind,
    );
  }
}

/** Throws KEY_WEAK when any of `components` uses a weak algorithm. */
export function assertStrong(key: openpgp.Key, components: KeyComponent[], label: string, kind: ErrorKind): void {
  for (const component of components) {
    const reason = weakness(component);
    if (reason === undefined) continue;
    const which = isSubkey(component)
      ? `The signing subkey ${hexUpper(component.getKeyID())} of the ${label} ${fingerprintOf(key)}`
      : `The ${label} ${fingerprintOf(key)}`;
    throw new CiSigningError(
      'KEY_WEAK',
      `${which} is too weak to sign with: ${reason}.`,
      'Generate a new key (`ci-signing keygen`, ed25519 or rsa4096) and trust its public key instead.',
      kind,
    );
  }
}

/**
 * First line of an openpgp error, shortened, with long base64-like runs (possible key material)
 * replaced. Hex runs (key ids, fingerprints) are kept.
 */
export function safeReason(error: unknown, maxLength = 160): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/[A-Za-z0-9+/=]{20,}/g, (run) => (/^[0-9A-Fa-f]+$/.test(run) ? run : '[...]'))
    .slice(0, maxLength);
}
