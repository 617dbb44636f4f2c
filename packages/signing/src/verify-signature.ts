// Verification of a detached signature against the trusted keyring, with our own policy on top of
// openpgp's cryptographic check: openpgp judges key validity at the signature's creation time, while
// we require the key to be valid NOW (not expired, not revoked), a strong hash and a strong key.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { LENIENT_KEY_CONFIG, STRICT_CONFIG, WEAK_HASHES, assertStrong, hashName } from './algorithms.js';
import { hexUpper, isSubkey } from './key-identity.js';
import { assertValidNow } from './key-policy.js';
import { isoSeconds } from '../../common/src/index.js';
import { safeReason } from './messages.js';
import { malformed, readSignaturePackets } from './signature-input.js';
import type { TrustedKeyMatch, TrustedKeyring } from './trusted-keys.js';
import { assertReadable, drain, openSignedData, type SignedData } from './signed-data.js';

export interface SignatureCheck {
  /** Primary key fingerprint, 40 hex upper-case, also when a subkey signed. */
  fingerprint: string;
  /** Key id of the (sub)key that made the signature, 16 hex upper-case. */
  signingKeyId: string;
  /** The signature's creation time. */
  signedAt: Date;
}

/** How far a signature may be dated ahead of `now` (clock skew between machines). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

async function readDocumentSignatures(signature: string | Uint8Array): Promise<openpgp.SignaturePacket[]> {
  const packets = await readSignaturePackets(signature);
  const binary = packets.filter((packet) => packet.signatureType === openpgp.enums.signature.binary);
  if (binary.length > 0) return binary;
  if (packets.some((packet) => packet.signatureType === openpgp.enums.signature.text)) {
    // A text-mode signature ignores line-ending changes; we sign exact bytes.
    throw malformed('The signature is a text-mode signature (type 0x01), not a binary signature over the exact bytes.');
  }
  throw malformed('The signature holds no signature over a document (it may be a key signature or revocation).');
}

function weakHash(packet: openpgp.SignaturePacket, signerKeyId: string): CiSigningError {
  return new CiSigningError(
    'SIGNATURE_WEAK_HASH',
    `The signature by key ${signerKeyId} uses ${hashName(packet.hashAlgorithm)}, which is too weak to trust.`,
    'Sign again with SHA-256 or stronger (`ci-signing sign` does; with gpg use --digest-algo SHA256).',
    'verification',
  );
}

function invalid(message: string): CiSigningError {
  return new CiSigningError(
    'SIGNATURE_INVALID',
    message,
    'Sign the exact results file again; make sure nothing (line endings, formatting) changes it between signing ' +
      'and verifying.',
    'verification',
  );
}

function binding(message: string): CiSigningError {
  return new CiSigningError(
    'KEY_BINDING',
    message,
    'Re-export the public key from the key owner (gpg --armor --export FPR) so it carries its current ' +
      'self-signatures and subkey bindings, and trust that export.',
    'verification',
  );
}

async function checkSignature(
  data: SignedData,
  packet: openpgp.SignaturePacket,
  match: TrustedKeyMatch,
  now: Date,
): Promise<SignatureCheck> {
  const { key, component, fingerprint, keyId } = match;
  // Our checks, in order: hash, key strength, date, revocation, expiry. openpgp's config mirrors them
  // (STRICT_CONFIG) but never gets to decide.
  if (packet.hashAlgorithm === null || WEAK_HASHES.has(packet.hashAlgorithm)) throw weakHash(packet, keyId);
  assertStrong(key, isSubkey(component) ? [key, component] : [key], 'trusted key', 'verification');
  const signedAt = packet.created;
  if (!signedAt) throw malformed(`The signature by key ${keyId} has no creation time.`);
  if (signedAt.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
    const minutes = Math.round((signedAt.getTime() - now.getTime()) / 60000);
    throw new CiSigningError(
      'SIGNATURE_FROM_FUTURE',
      `The signature by key ${keyId} is dated ${isoSeconds(signedAt)}, ${minutes} minutes after the current ` +
        `time ${isoSeconds(now)}.`,
      'Check the clocks of the signing machine and of this runner (NTP), then sign again.',
      'verification',
    );
  }
  await assertValidNow(key, component, now, 'trusted key', 'verification');
  const expiresAt = packet.getExpirationTime();
  if (expiresAt instanceof Date && expiresAt.getTime() <= now.getTime()) {
    throw invalid(`The signature by key ${keyId} expired on ${isoSeconds(expiresAt)}.`);
  }
  const validityDate = signedAt > now ? signedAt : now;
  const which = isSubkey(component) ? `signing subkey ${keyId}` : `key ${keyId}`;
  try {
    await key.getSigningKey(component.getKeyID(), validityDate, undefined, {
      ...openpgp.config,
      ...LENIENT_KEY_CONFIG,
    });
  } catch (error) {
    throw binding(
      `The trusted key ${fingerprint} has no valid self-signature or binding that lets its ${which} sign now: ` +
        `${safeReason(error)}.`,
    );
  }

  const single = new openpgp.PacketList<openpgp.SignaturePacket>();
  single.push(packet);
  const opened = await openSignedData(data);
  try {
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: opened.binary }),
      signature: new openpgp.Signature(single),
      verificationKeys: key,
      format: 'binary',
      expectSigned: false,
      // openpgp checks the key at the signature's time. After `gpg --quick-set-expire` no self-signature
      // exists that early; the key was just judged valid and bound NOW, so the current binding counts.
      date: validityDate,
      config: { ...STRICT_CONFIG, allowInsecureVerificationWithReformattedKeys: true },
    });
    // Streamed data reaches the hash only as result.data is read: drain it (keeping nothing) before the
    // verdict, which otherwise never settles.
    if (opened.streamed) await drain(result.data as ReadableStream<Uint8Array>);
    await result.signatures[0].verified;
  } catch (error) {
    // The file could not be read to its end (FILE_UNREADABLE): not a verdict on the signature.
    if (error instanceof CiSigningError) throw error;
    const reason = (error as Error).message;
    if (/is expired/i.test(reason)) {
      throw new CiSigningError(
        'KEY_EXPIRED',
        `The trusted key ${fingerprint} (${which}) was expired when the signature was made, ${isoSeconds(signedAt)}.`,
        'Sign again with a key that is valid when it signs.',
        'verification',
      );
    }
    if (
      /could not find valid|self-signature|binding signature|embedded signature|certificate is invalid/i.test(reason)
    ) {
      throw binding(
        `The trusted key ${fingerprint} had no valid self-signature or binding for its ${which} when the ` +
          `signature was made, ${isoSeconds(signedAt)}: ${safeReason(error)}.`,
      );
    }
    if (/digest did not match|verification failed/i.test(reason)) {
      throw invalid(
        `The signature by key ${keyId} does not match the data: the bytes were changed after signing, or the ` +
          `signature belongs to other data.`,
      );
    }
    if (/newer than the signature/i.test(reason)) {
      throw invalid(`The signature by key ${keyId} is dated ${isoSeconds(signedAt)}, before the key was created.`);
    }
    throw invalid(`The signature by key ${keyId} does not verify: ${safeReason(error, 200)}.`);
  } finally {
    await opened.close();
  }
  return { fingerprint, signingKeyId: keyId, signedAt };
}

/**
 * Verifies a detached signature over the exact bytes of `data` (bytes in memory, or a fileSource() streamed in
 * chunks, opened afresh for each signer checked) with the trusted keyring, judging the key as of `now`. When the
 * signature holds several signers, it is accepted if one trusted signer passes every check; otherwise the first
 * trusted signer's refusal is reported (untrusted signers are ignored).
 */
export async function verifyDetached(
  data: SignedData,
  signature: string | Uint8Array,
  ring: TrustedKeyring,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  // A file that cannot be read is refused first, as reading it into bytes would have been.
  await assertReadable(data);
  const packets = await readDocumentSignatures(signature);
  const candidates = packets.map((packet) => ({ packet, match: ring.find(hexUpper(packet.issuerKeyID)) }));
  let firstRefusal: CiSigningError | undefined;
  for (const { packet, match } of candidates) {
    if (!match) continue;
    try {
      return await checkSignature(data, packet, match, now);
    } catch (error) {
      // Every refusal of a signer is of kind 'verification'; a file that fails to read (kind 'input') is not one.
      if (!(error instanceof CiSigningError) || error.kind !== 'verification') throw error;
      firstRefusal ??= error;
    }
  }
  if (firstRefusal) throw firstRefusal;
  const signers = [...new Set(candidates.map(({ packet }) => hexUpper(packet.issuerKeyID)))].join(', ');
  throw new CiSigningError(
    'SIGNATURE_UNTRUSTED_KEY',
    `The signature was made by key ${signers}, which is not among the trusted keys (${ring.fingerprints.join(', ')}).`,
    "Add the signer's public key to trusted-keys if you trust it, or sign with a trusted key.",
    'verification',
  );
}
