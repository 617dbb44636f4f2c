import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import type { SigningKey } from './private-key.js';
import { STRONG_HASHES, hashName } from './algorithms.js';
import { hexUpper } from './key-identity.js';
import { drain, openSignedData, readArmor, type SignedData } from './signed-data.js';

const SIGN_CONFIG = { preferredHashAlgorithm: openpgp.enums.hash.sha256 };

/**
 * Armored detached binary signature over the exact bytes of `data` (bytes in memory, or a fileSource() streamed
 * in chunks), made by the (sub)key chosen when the key was loaded, with SHA-256 or stronger.
 */
export async function signDetached(data: SignedData, signingKey: SigningKey, date?: Date): Promise<string> {
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
  const opened = await openSignedData(data);
  let armored: string;
  try {
    const message = await openpgp.createMessage({ binary: opened.binary });
    // format 'object', then armor: with 'armored' (or 'binary') and detached, openpgp.sign also serializes the
    // whole message and reads that to its end, only to drain the data: a copy of all of it, in memory at once.
    const made = (await openpgp.sign({
      message,
      signingKeys: signingKey.key,
      signingKeyIDs: component.getKeyID(),
      detached: true,
      format: 'object',
      date,
      config: SIGN_CONFIG,
    })) as unknown as openpgp.Signature;
    // Streamed data reaches the hash only as the message's data is read: drain it while the armor waits for the
    // signature (Promise.all, so a failed read also settles the armor).
    [, armored] = await Promise.all([
      opened.streamed ? drain(message.getLiteralData() as ReadableStream<Uint8Array>) : undefined,
      readArmor(made.armor({ ...openpgp.config, ...SIGN_CONFIG })),
    ]);
  } catch (error) {
    // The file could not be read to its end (FILE_UNREADABLE).
    if (error instanceof CiSigningError) throw error;
    // openpgp's signing errors name keys and algorithms, never secret material.
    throw new CiSigningError(
      'SIGN_FAILED',
      `Signing with key ${signingKey.signingKeyId} failed: ${(error as Error).message}.`,
      'Check that the key is valid at the signing time and can sign.',
      'internal',
    );
  } finally {
    await opened.close();
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
