// Verification of a detached signature against the trusted keyring, with our own policy on top of
// openpgp's cryptographic check: openpgp judges key validity at the signature's creation time, while
// we require the key to be valid NOW (not expired, not revoked), a strong hash and a strong key.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { normalizeArmor } from './armor.js';
import { LENIENT_KEY_CONFIG, STRICT_CONFIG, WEAK_HASHES, assertStrong, hashName } from './algorithms.js';
import { hexUpper, isSubkey } from './key-identity.js';
import { assertValidNow } from './key-policy.js';
import { isoDate, safeReason } from './messages.js';
import type { TrustedKeyMatch, TrustedKeyring } from './trusted-keys.js';

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

function malformed(message: string): CiSigningError {
  return new CiSigningError(
    'SIGNATURE_MALFORMED',
    message,
    'Give the ASCII-armored detached signature made by `ci-signing sign` (or gpg --detach-sign --armor) over the results file.',
    'verification',
  );
}

async function readDocumentSignatures(armoredSignature: string): Promise<openpgp.SignaturePacket[]> {
  const armored = normalizeArmor(armoredSignature);
  if (armored === '') throw malformed('The signature is empty.');
  let signature: openpgp.Signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature: armored });
  } catch (error) {
    throw malformed(`The signature is not a readable armored OpenPGP signature: ${safeReason(error)}.`);
  }
  const packets = [...signature.packets];
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
    'Sign the exact results file again; make sure nothing (line endings, formatting) changes it between signing and verifying.',
    'verification',
  );
}

async function checkSignature(
  bytes: Uint8Array,
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
      `The signature by key ${keyId} is dated ${isoDate(signedAt)}, ${minutes} minutes after the current time ${isoDate(now)}.`,
      "Check the clocks of the signing machine and of this runner (NTP), then sign again.",
      'verification',
    );
  }
  await assertValidNow(key, component, now, 'trusted key', 'verification');
  const expiresAt = packet.getExpirationTime();
  if (expiresAt instanceof Date && expiresAt.getTime() <= now.getTime()) {
    throw invalid(`The signature by key ${keyId} expired on ${isoDate(expiresAt)}.`);
  }
  const validityDate = signedAt > now ? signedAt : now;
  try {
    await key.getSigningKey(component.getKeyID(), validityDate, undefined, { ...openpgp.config, ...LENIENT_KEY_CONFIG });
  } catch {
    throw invalid(`The trusted key ${fingerprint} has no valid signing capability for ${isSubkey(component) ? 'subkey' : 'key'} ${keyId}.`);
  }

  const single = new openpgp.PacketList<openpgp.SignaturePacket>();
  single.push(packet);
  try {
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: bytes }),
      signature: new openpgp.Signature(single),
      verificationKeys: key,
      format: 'binary',
      expectSigned: false,
      // Cryptography and key validity at signing time; "now" was judged above.
      date: signedAt,
      config: STRICT_CONFIG,
    });
    await result.signatures[0].verified;
  } catch (error) {
    const reason = (error as Error).message;
    if (/digest did not match|verification failed/i.test(reason)) {
      throw invalid(`The signature by key ${keyId} does not match the data: the bytes were changed after signing, or the signature belongs to other data.`);
    }
    if (/newer than the signature/i.test(reason)) {
      throw invalid(`The signature by key ${keyId} is dated ${isoDate(signedAt)}, before the key was created.`);
    }
    throw invalid(`The signature by key ${keyId} does not verify: ${safeReason(error, 200)}.`);
  }
  return { fingerprint, signingKeyId: keyId, signedAt };
}

/**
 * Verifies a detached signature over the exact `bytes` with the trusted keyring, judging the key as of
 * `now`. When the signature holds several signers, it is accepted if one trusted signer passes every
 * check; otherwise the first trusted signer's refusal is reported (untrusted signers are ignored).
 */
export async function verifyDetached(
  bytes: Uint8Array,
  armoredSignature: string,
  ring: TrustedKeyring,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  const packets = await readDocumentSignatures(armoredSignature);
  const candidates = packets.map((packet) => ({ packet, match: ring.find(hexUpper(packet.issuerKeyID)) }));
  let firstRefusal: CiSigningError | undefined;
  for (const { packet, match } of candidates) {
    if (!match) continue;
    try {
      return await checkSignature(bytes, packet, match, now);
    } catch (error) {
      if (!(error instanceof CiSigningError)) throw error;
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
