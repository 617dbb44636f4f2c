// Whether a key may sign now: revocation, expiry and signing capability, judged at `now`.
import * as openpgp from 'openpgp';
import { CiSigningError, type ErrorKind } from '../../errors/src/index.js';
import { fingerprintOf, hexUpper, isSubkey, type KeyComponent } from './key-identity.js';
import { isoSeconds } from '../../common/src/index.js';

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
      `The ${label} ${fingerprint} expired on ${isoSeconds(primary.at)}.`,
      'Extend the key expiry (gpg --quick-set-expire) and re-export it, or generate a new key with `ci-signing ' +
        'keygen`.',
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
      `The signing subkey ${subkeyId} of the ${label} ${fingerprint} expired on ${isoSeconds(sub.at)}.`,
      'Extend the subkey expiry (gpg --quick-set-expire FPR 1y SUBKEY-FPR) and re-export the keys.',
      kind,
    );
  }
}
