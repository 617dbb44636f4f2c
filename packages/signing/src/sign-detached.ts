import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import type { SigningKey } from './private-key.js';
import { STRONG_HASHES, hashName } from './algorithms.js';
import { hexUpper } from './key-identity.js';

/**
 * Armored detached binary signature over the exact `bytes`, made by the (sub)key chosen when the key
 * was loaded, with SHA-256 or stronger.
 */
export async function signDetached(bytes: Uint8Array, signingKey: SigningKey, date?: Date): Promise<string> {
  const component = signingKey.key
    .getKeys()
    .find((candidate) => hexUpper(candidate.getKeyID()) === signingKey.signingKeyId);
  if (!component) {
    throw new CiSigningError(
      'SIGN_FAILED',
      `The signing key ${signingKey.signingKeyId} is not part of the private key ${signingKey.fingerprint}.`,
      'Load the key with loadPrivateKey() and pass its result unchanged.',
      'internal',
    );
  }
  let armored: string;
  try {
    armored = await openpgp.sign({
      message: await openpgp.createMessage({ binary: bytes }),
      signingKeys: signingKey.key,
      signingKeyIDs: component.getKeyID(),
      detached: true,
      format: 'armored',
      date,
      config: { preferredHashAlgorithm: openpgp.enums.hash.sha256 },
    });
  } catch (error) {
    // openpgp's signing errors name keys and algorithms, never secret material.
    throw new CiSigningError(
      'SIGN_FAILED',
      `Signing with key ${signingKey.signingKeyId} failed: ${(error as Error).message}.`,
      'Check that the key is valid at the signing time and can sign.',
      'internal',
    );
  }
  const signature = await openpgp.readSignature({ armoredSignature: armored });
  for (const packet of signature.packets) {
    if (!STRONG_HASHES.has(packet.hashAlgorithm as openpgp.enums.hash)) {
      throw new CiSigningError(
        'SIGN_FAILED',
        `The signature was made with ${hashName(packet.hashAlgorithm)}; SHA-256 or stronger is required.`,
        "Set the key's preferred hash algorithms to SHA-256 or stronger (gpg --edit-key KEYID setpref).",
        'internal',
      );
    }
  }
  return armored;
}
