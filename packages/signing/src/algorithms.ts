// Which hashes and key algorithms we accept. The decisions are made here, explicitly, so that a refusal
// never depends on an openpgp default that may change between versions.
import * as openpgp from 'openpgp';
import { CiSigningError, type ErrorKind } from '../../errors/src/index.js';
import { fingerprintOf, hexUpper, isSubkey, type KeyComponent } from './key-identity.js';

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
