// How keys are named in results and messages: fingerprints and key ids, upper-case hex.
import * as openpgp from 'openpgp';

export type KeyComponent = openpgp.Key | openpgp.Subkey;

export function hexUpper(keyId: openpgp.KeyID): string {
  return keyId.toHex().toUpperCase();
}

export function fingerprintOf(key: KeyComponent): string {
  return key.getFingerprint().toUpperCase();
}

export function isSubkey(component: KeyComponent): component is openpgp.Subkey {
  return component instanceof openpgp.Subkey;
}
