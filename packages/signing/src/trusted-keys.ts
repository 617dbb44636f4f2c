// The keyring a verifier trusts: public keys, with revocation certificates applied. Every block of every
// entry is either a public key or a revocation certificate, or the entry is refused: a revocation that
// is silently dropped would keep a revoked key trusted.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { formatBytes } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';
import { fingerprintOf, hexUpper } from './key-identity.js';
import { safeReason } from './messages.js';
import {
  InputFormatError,
  packetName,
  readPackets,
  signatureTypeOf,
  splitInputBlocks,
  type InputBlock,
  type RawPacket,
} from './openpgp-input.js';

export interface TrustedKeyMatch {
  /** The trusted primary key with its subkeys and revocations. */
  key: openpgp.PublicKey;
  /** The primary key or subkey whose key id / fingerprint matched. */
  component: openpgp.PublicKey | openpgp.Subkey;
  /** Primary key fingerprint, 40 hex upper-case. */
  fingerprint: string;
  /** Key id of the matched component, 16 hex upper-case. */
  keyId: string;
}

export class TrustedKeyring {
  readonly keys: readonly openpgp.PublicKey[];
  /** Fingerprints of the trusted keys that are revoked (as of loading). */
  readonly revoked: readonly string[];
  /** One line each: revocations for keys not in the ring, trusted-fingerprints that match no key. */
  readonly warnings: readonly string[];

  constructor(keys: readonly openpgp.PublicKey[], revoked: readonly string[] = [], warnings: readonly string[] = []) {
    this.keys = keys;
    this.revoked = revoked;
    this.warnings = warnings;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Primary key fingerprints, 40 hex upper-case. */
  get fingerprints(): string[] {
    return this.keys.map(fingerprintOf);
  }

  /**
   * Finds a primary key or subkey by key id (16 hex) or fingerprint (40 hex), case-insensitive;
   * spaces and a leading 0x are ignored.
   */
  find(idOrFingerprint: string): TrustedKeyMatch | undefined {
    const wanted = idOrFingerprint.replace(/\s+/g, '').replace(/^0x/i, '').toUpperCase();
    for (const key of this.keys) {
      for (const component of key.getKeys()) {
        const keyId = hexUpper(component.getKeyID());
        if (wanted === keyId || wanted === fingerprintOf(component)) {
          return { key, component, fingerprint: fingerprintOf(key), keyId };
        }
      }
    }
    return undefined;
  }
}

/** A trusted key entry: a file's bytes and name, or the text of an input or variable (no name). */
export interface TrustedKeySource {
  /** The file name; when its base name is a 40-hex fingerprint, the file must hold exactly that key. */
  source?: string;
  bytes: Uint8Array | string;
}

export interface LoadTrustedKeysOptions {
  /** When set, only these primary keys (40 hex) are trusted, whatever else the entries hold. */
  trustedFingerprints?: readonly string[];
  /** When revocations are judged for TrustedKeyring.revoked (default now). */
  now?: Date;
}

const TRUSTED_KEYS_FIX =
  'Give public keys (gpg --export KEYID, armored, binary or base64) and revocation certificates only; ' +
  'comment lines must start with # or be words separated by spaces.';
const PRIVATE_FIX =
  'Give only public keys (gpg --armor --export KEYID); remove the private key and treat it as exposed.';
const FINGERPRINT = /^[0-9A-F]{40}$/;

function unreadable(message: string, fix = TRUSTED_KEYS_FIX): CiSigningError {
  return new CiSigningError('TRUSTED_KEYS_UNREADABLE', message, fix, 'input');
}

interface Revocation {
  bytes: Uint8Array;
  issuerKeyId: string;
  issuerFingerprint?: string;
  /** "entry 2, block 3 at byte 880". */
  where: string;
}

interface EntryContent {
  keys: openpgp.PublicKey[];
  revocations: Revocation[];
}

function concat(packets: RawPacket[]): Uint8Array {
  const out = new Uint8Array(packets.reduce((total, packet) => total + packet.bytes.length, 0));
  let offset = 0;
  for (const packet of packets) {
    out.set(packet.bytes, offset);
    offset += packet.bytes.length;
  }
  return out;
}

async function blockPackets(block: InputBlock, name: string): Promise<RawPacket[]> {
  let data = block.data;
  if (block.armor !== undefined) {
    if (block.type === 'PRIVATE KEY BLOCK') {
      throw unreadable(`Trusted keys ${name}, ${block.at} is a PRIVATE key block.`, PRIVATE_FIX);
    }
    if (block.type !== 'PUBLIC KEY BLOCK' && block.type !== 'SIGNATURE') {
      throw unreadable(
        `Trusted keys ${name}, ${block.at} is a PGP ${block.type}, not a public key or revocation certificate.`,
      );
    }
    try {
      data = (await openpgp.unarmor(block.armor)).data as unknown as Uint8Array;
    } catch (error) {
      throw unreadable(`Trusted keys ${name}, ${block.at} has damaged armor: ${safeReason(error)}.`);
    }
    if (data.length === 0) throw unreadable(`Trusted keys ${name}, ${block.at} has damaged armor: it holds no packet.`);
  }
  return readPackets(data, (index, offset) => `packet ${index} (byte ${offset} of ${block.at})`);
}

/**
 * Groups packets into transferable keys and stand-alone revocation certificates. A key revocation right
 * after a primary key belongs to that key (gpg exports revoked keys so); anywhere else it is a
 * certificate of its own, as when `cat key.gpg rev.gpg` or armor and binary are mixed.
 */
function groupPackets(packets: RawPacket[], name: string): { keys: RawPacket[][]; revocations: RawPacket[] } {
  const keys: RawPacket[][] = [];
  const revocations: RawPacket[] = [];
  let current: RawPacket[] | null = null;
  let primaryHead = false;
  for (const packet of packets) {
    switch (packet.tag) {
      case 6:
        current = [packet];
        keys.push(current);
        primaryHead = true;
        break;
      case 5:
      case 7:
        throw unreadable(`Trusted keys ${name}, ${packet.at} holds a PRIVATE key.`, PRIVATE_FIX);
      case 13:
      case 14:
      case 17:
        if (!current) {
          throw unreadable(`Trusted keys ${name}, ${packet.at} is a ${packetName(packet.tag)} packet outside any key.`);
        }
        current.push(packet);
        primaryHead = false;
        break;
      case 12:
        break; // gpg keyring trust packets carry no key material
      case 2: {
        const type = signatureTypeOf(packet.body);
        if (type === openpgp.enums.signature.keyRevocation && !(current && primaryHead)) revocations.push(packet);
        else if (current) current.push(packet);
        else {
          throw unreadable(
            `Trusted keys ${name}, ${packet.at} holds a signature that is not a key revocation certificate.`,
          );
        }
        break;
      }
      default:
        throw unreadable(
          `Trusted keys ${name}, ${packet.at} is a ${packetName(packet.tag)} packet, not part of a key or revocation.`,
        );
    }
  }
  return { keys, revocations };
}

async function readEntry(bytes: Uint8Array, name: string): Promise<EntryContent> {
  let blocks;
  try {
    blocks = splitInputBlocks(bytes);
  } catch (error) {
    if (!(error instanceof InputFormatError)) throw error;
    throw unreadable(`Trusted keys ${name} hold ${error.reason} at ${error.at}.`);
  }
  if (blocks.length === 0) throw unreadable(`Trusted keys ${name} hold no OpenPGP key or revocation certificate.`);
  const content: EntryContent = { keys: [], revocations: [] };
  for (const block of blocks) {
    let grouped;
    try {
      grouped = groupPackets(await blockPackets(block, name), name);
    } catch (error) {
      if (!(error instanceof InputFormatError)) throw error;
      throw unreadable(`Trusted keys ${name} hold ${error.reason} at ${error.at}.`);
    }
    for (const packets of grouped.keys) {
      try {
        content.keys.push(await openpgp.readKey({ binaryKey: concat(packets) }));
      } catch (error) {
        throw unreadable(`Trusted keys ${name}, ${packets[0].at} is not a readable public key: ${safeReason(error)}.`);
      }
    }
    for (const packet of grouped.revocations) {
      let signature: openpgp.SignaturePacket;
      try {
        signature = (await openpgp.readSignature({ binarySignature: packet.bytes })).packets[0];
      } catch (error) {
        const reason = safeReason(error);
        throw unreadable(`Trusted keys ${name}, ${packet.at} is not a readable revocation certificate: ${reason}.`);
      }
      const issuerFingerprint = signature.issuerFingerprint
        ? Buffer.from(signature.issuerFingerprint).toString('hex').toUpperCase()
        : undefined;
      content.revocations.push({
        bytes: packet.bytes,
        issuerKeyId: hexUpper(signature.issuerKeyID),
        issuerFingerprint,
        where: `${name}, ${packet.at}`,
      });
    }
  }
  return content;
}

/** The fingerprint a file's name pins (ABCD...1234.asc), or undefined. */
function pinnedFingerprint(source: string | undefined): string | undefined {
  const base = source
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.asc$/i, '')
    .toUpperCase();
  return base && FINGERPRINT.test(base) ? base : undefined;
}

function checkPinned(source: string, pinned: string, content: EntryContent): void {
  const held = [...new Set(content.keys.map(fingerprintOf))];
  const foreign = content.revocations.filter(
    (revocation) => (revocation.issuerFingerprint ?? '') !== pinned && revocation.issuerKeyId !== pinned.slice(-16),
  );
  if (held.length === 1 && held[0] === pinned && foreign.length === 0) return;
  const holds = held.length ? `the key(s) ${held.join(', ')}` : 'no key';
  const revokes = foreign.length
    ? `, and revocation certificate(s) for ${foreign.map((r) => r.issuerFingerprint ?? r.issuerKeyId).join(', ')}`
    : '';
  throw new CiSigningError(
    'TRUSTED_KEY_FILE_MISMATCH',
    `The trusted key file ${source} is named after ${pinned} but holds ${holds}${revokes}.`,
    `Put exactly the key ${pinned} (with its subkeys and revocations) in that file, ` +
      'and every other key in a file named after its own fingerprint.',
    'input',
  );
}

/** Adds `key` to `keys`, merging it into an earlier copy of the same key (`index`: fingerprint -> position). */
async function addKey(keys: openpgp.PublicKey[], index: Map<string, number>, key: openpgp.PublicKey): Promise<void> {
  const fingerprint = fingerprintOf(key);
  const at = index.get(fingerprint);
  if (at === undefined) {
    index.set(fingerprint, keys.length);
    keys.push(key);
  } else {
    keys[at] = await keys[at].update(key);
  }
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

function tooLarge(message: string, cap: number): CiSigningError {
  return new CiSigningError(
    'TRUSTED_KEYS_TOO_LARGE',
    `${message} is larger than the cap of ${formatBytes(cap)}.`,
    'Trust fewer keys, or export them without third-party signatures ' +
      '(gpg --export-options export-minimal --export KEYID).',
    'input',
  );
}

/**
 * Parses the trusted-fingerprints input: 40-hex primary fingerprints separated by newlines or commas
 * (spaces inside a fingerprint, as gpg prints them, are ignored).
 */
export function parseTrustedFingerprints(text: string): string[] {
  const items = text.split(/[\n,]/).map((item) => item.replace(/\s+/g, '').replace(/^0x/i, '').toUpperCase());
  const fingerprints: string[] = [];
  for (const [index, item] of items.entries()) {
    if (item === '') continue;
    if (!FINGERPRINT.test(item)) {
      throw new CiSigningError(
        'USAGE',
        `trusted-fingerprints entry ${index + 1} is not a 40-hex fingerprint (${item.length} characters).`,
        'List primary key fingerprints (gpg --fingerprint), one per line or separated by commas.',
        'usage',
      );
    }
    if (!fingerprints.includes(item)) fingerprints.push(item);
  }
  return fingerprints;
}

/**
 * Builds the trusted keyring. Each entry may hold several public keys and revocation certificates in
 * any order and any of the forms people store keys in (armored, base64 of armor or of binary, binary,
 * one-line armor, gpg's .rev files). Anything else is refused with its byte offset. A file named after
 * a fingerprint must hold exactly that key. A revocation certificate revokes the matching key; one for
 * a key that is not in the ring is a warning on the ring.
 */
export async function loadTrustedKeys(
  entries: readonly (string | Uint8Array | TrustedKeySource)[],
  options: LoadTrustedKeysOptions = {},
): Promise<TrustedKeyring> {
  const keys: openpgp.PublicKey[] = [];
  const byFingerprint = new Map<string, number>();
  const revocations: Revocation[] = [];
  const warnings: string[] = [];
  let total = 0;
  for (const [index, entry] of entries.entries()) {
    const { source, bytes: raw } =
      typeof entry === 'string' || entry instanceof Uint8Array ? { source: undefined, bytes: entry } : entry;
    const bytes = toBytes(raw);
    const name = source ?? (entries.length > 1 ? `(entry ${index + 1})` : '(input)');
    if (bytes.length > LIMITS.trustedKeyFileBytes) {
      throw tooLarge(`Trusted keys ${name}, ${bytes.length} bytes,`, LIMITS.trustedKeyFileBytes);
    }
    total += bytes.length;
    if (total > LIMITS.trustedKeysTotalBytes) {
      throw tooLarge(`All trusted keys together (${total} bytes so far)`, LIMITS.trustedKeysTotalBytes);
    }
    if (/^[\s\uFEFF]*$/.test(Buffer.from(bytes).toString('latin1'))) continue;
    const content = await readEntry(bytes, name);
    const pinned = pinnedFingerprint(source);
    if (source !== undefined && pinned !== undefined) checkPinned(source, pinned, content);
    for (const key of content.keys) await addKey(keys, byFingerprint, key);
    revocations.push(...content.revocations);
  }
  const byKeyId = new Map(keys.map((key, position) => [hexUpper(key.getKeyID()), position]));
  for (const revocation of revocations) {
    const index = byKeyId.get(revocation.issuerKeyId) ?? -1;
    if (index < 0) {
      warnings.push(
        `The revocation certificate in trusted keys ${revocation.where} is for key ` +
          `${revocation.issuerFingerprint ?? revocation.issuerKeyId}, which is not among the trusted keys; ` +
          'it revokes nothing here.',
      );
      continue;
    }
    try {
      const revocationCertificate = openpgp.armor(openpgp.enums.armor.publicKey, revocation.bytes);
      const revoked = await openpgp.revokeKey({ key: keys[index], revocationCertificate, format: 'object' });
      keys[index] = revoked.publicKey;
    } catch (error) {
      throw unreadable(
        `The revocation certificate for trusted key ${fingerprintOf(keys[index])} in ${revocation.where} ` +
          `does not verify: ${safeReason(error)}.`,
        'Use the revocation certificate made for this key (revocation.asc from `ci-signing keygen`, ' +
          'or gpg --gen-revoke).',
      );
    }
  }
  const trusted = filterTrusted(keys, options.trustedFingerprints, warnings);
  if (trusted.length === 0) {
    throw new CiSigningError(
      'TRUSTED_KEYS_EMPTY',
      options.trustedFingerprints?.length
        ? `None of the trusted-fingerprints (${options.trustedFingerprints.join(', ')}) is among the given keys.`
        : 'No trusted public key was given.',
      'Set trusted-keys (or trusted-keys-file) to the public key of the signing key, ' +
        'and trusted-fingerprints to its fingerprint.',
      'input',
    );
  }
  const now = options.now ?? new Date();
  const revoked: string[] = [];
  for (const key of trusted) if (await key.isRevoked(undefined, undefined, now)) revoked.push(fingerprintOf(key));
  return new TrustedKeyring(trusted, revoked, warnings);
}

function filterTrusted(
  keys: openpgp.PublicKey[],
  wanted: readonly string[] | undefined,
  warnings: string[],
): openpgp.PublicKey[] {
  if (!wanted || wanted.length === 0) return keys;
  const set = new Set(wanted.map((fingerprint) => fingerprint.replace(/\s+/g, '').toUpperCase()));
  for (const fingerprint of set) {
    if (!keys.some((key) => fingerprintOf(key) === fingerprint)) {
      warnings.push(`trusted-fingerprints names ${fingerprint}, but no trusted key input holds that key.`);
    }
  }
  return keys.filter((key) => set.has(fingerprintOf(key)));
}
