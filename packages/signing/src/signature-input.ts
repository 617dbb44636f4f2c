// Reading a detached signature, armored or binary, with its size and packet count capped before any
// packet is parsed or checked: each signature packet that claims a trusted key costs a verification.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { hexUpper } from './key-identity.js';
import { formatBytes } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';
import { safeReason } from './messages.js';
import { InputFormatError, packetName, readPackets, splitInputBlocks, type RawPacket } from './openpgp-input.js';

const MALFORMED_FIX =
  'Give the detached signature made by `ci-signing sign` (or gpg --detach-sign, armored or binary) ' +
  'over the results file.';

export function malformed(message: string): CiSigningError {
  return new CiSigningError('SIGNATURE_MALFORMED', message, MALFORMED_FIX, 'verification');
}

function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}

/** The signature packets of a detached signature, checked for size and count but not yet parsed. */
async function rawSignaturePackets(input: string | Uint8Array): Promise<RawPacket[]> {
  const bytes = toBytes(input);
  if (bytes.length > LIMITS.signatureArmorBytes) {
    throw new CiSigningError(
      'SIGNATURE_TOO_LARGE',
      `The signature is ${bytes.length} bytes, more than the cap of ${formatBytes(LIMITS.signatureArmorBytes)}.`,
      'Give the detached signature only: one made by `ci-signing sign` is well under 1 KB.',
      'verification',
    );
  }
  const packets: RawPacket[] = [];
  try {
    const blocks = splitInputBlocks(bytes);
    if (blocks.length === 0) throw malformed('The signature is empty.');
    for (const block of blocks) {
      let data = block.data;
      if (block.armor !== undefined) {
        if (block.type !== 'SIGNATURE') {
          throw malformed(`The signature input, ${block.at}, is a PGP ${block.type}, not a signature.`);
        }
        try {
          data = (await openpgp.unarmor(block.armor)).data as unknown as Uint8Array;
        } catch (error) {
          throw malformed(`The signature armor, ${block.at}, is damaged: ${safeReason(error)}.`);
        }
      }
      packets.push(...readPackets(data, (index, offset) => `packet ${index} (byte ${offset} of ${block.at})`));
    }
  } catch (error) {
    if (error instanceof InputFormatError) throw malformed(`The signature holds ${error.reason} at ${error.at}.`);
    throw error;
  }
  const other = packets.find((packet) => packet.tag !== 2);
  if (other) {
    throw malformed(`The signature input, ${other.at}, is a ${packetName(other.tag)} packet, not a signature.`);
  }
  if (packets.length === 0) throw malformed('The signature holds no signature packet.');
  if (packets.length > LIMITS.signaturePackets) {
    throw new CiSigningError(
      'SIGNATURE_TOO_MANY_PACKETS',
      `The signature holds ${packets.length} signature packets, more than the cap of ${LIMITS.signaturePackets}; ` +
        'none was checked.',
      'Sign with one key (`ci-signing sign` makes one signature packet).',
      'verification',
    );
  }
  return packets;
}

/** Every signature packet of a detached signature (armored or binary), parsed. */
export async function readSignaturePackets(input: string | Uint8Array): Promise<openpgp.SignaturePacket[]> {
  const raw = await rawSignaturePackets(input);
  const binarySignature = new Uint8Array(raw.reduce((total, packet) => total + packet.bytes.length, 0));
  let offset = 0;
  for (const packet of raw) {
    binarySignature.set(packet.bytes, offset);
    offset += packet.bytes.length;
  }
  let signature: openpgp.Signature;
  try {
    signature = await openpgp.readSignature({ binarySignature });
  } catch (error) {
    throw malformed(`The signature is not a readable OpenPGP signature: ${safeReason(error)}.`);
  }
  const packets = [...signature.packets];
  if (packets.length !== raw.length) throw malformed('The signature holds a signature packet openpgp.js cannot read.');
  return packets;
}

export interface SignatureInspection {
  /** The signature as armor, which is what gets posted, also when a binary signature was given. */
  armored: string;
  /** The signers as the signature names them (not verified). */
  signers: { signingKeyId: string; fingerprint?: string }[];
}

/** Reads a detached signature without verifying it: its armor and the signers it names. */
export async function inspectSignature(input: string | Uint8Array): Promise<SignatureInspection> {
  const packets = await readSignaturePackets(input);
  const list = new openpgp.PacketList<openpgp.SignaturePacket>();
  list.push(...packets);
  const signers = packets.map((packet) => ({
    signingKeyId: hexUpper(packet.issuerKeyID),
    ...(packet.issuerFingerprint
      ? { fingerprint: Buffer.from(packet.issuerFingerprint).toString('hex').toUpperCase() }
      : {}),
  }));
  return { armored: new openpgp.Signature(list).armor(), signers };
}
