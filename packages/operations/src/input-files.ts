// How each kind of file a user names is read: all through the one bounded reader, each with its own cap.
import type { ReadFileOptions } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';

export const SIGNATURE_FILE: ReadFileOptions = {
  what: 'signature file',
  flag: 'signature-file',
  maxBytes: LIMITS.signatureArmorBytes,
  limitName: 'the signature cap',
};

export const TRUSTED_KEY_FILE: ReadFileOptions = {
  what: 'trusted key file',
  flag: 'trusted-keys-file',
  maxBytes: LIMITS.trustedKeyFileBytes,
  limitName: 'the cap on one trusted key file',
};

/** A private key, passphrase or GitHub App key named by a CLI flag. */
export function secretFile(flag: string, what: string): ReadFileOptions {
  return { what, flag, maxBytes: LIMITS.secretFileBytes, limitName: 'the cap on a key or passphrase file' };
}
