// The keyring a verifier trusts: public keys, with revocation certificates applied.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { normalizeArmor, splitArmorBlocks } from './armor.js';
import { fingerprintOf, hexUpper } from './key-identity.js';
import { safeReason } from './messages.js';

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

  constructor(keys: readonly openpgp.PublicKey[]) {
    this.keys = keys;
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

const TRUSTED_KEYS_FIX =
  'Give ASCII-armored public keys (gpg --armor --export KEYID, or public-key.asc from `ci-signing keygen`), optionally followed by revocation certificates.';

function unreadable(message: string, fix = TRUSTED_KEYS_FIX): CiSigningError {
  return new CiSigningError('TRUSTED_KEYS_UNREADABLE', message, fix, 'input');
}

interface RevocationCertificate {
  issuerKeyId: string;
  armored: string;
}

type BlockContent = { keys: openpgp.PublicKey[] } | { revocations: RevocationCertificate[] };

async function readBlock(type: string, armored: string, position: string): Promise<BlockContent> {
  if (type === 'PRIVATE KEY BLOCK') {
    throw unreadable(
      `Trusted keys ${position} is a PRIVATE key block.`,
      'Give only public keys (gpg --armor --export KEYID); remove the private key and treat it as exposed.',
    );
  }
  if (type !== 'PUBLIC KEY BLOCK' && type !== 'SIGNATURE') {
    throw unreadable(`Trusted keys ${position} is a PGP ${type}, not a public key or revocation certificate.`);
  }
  let data: Uint8Array;
  try {
    data = (await openpgp.unarmor(armored)).data as unknown as Uint8Array;
  } catch (error) {
    throw unreadable(`Trusted keys ${position} has damaged armor: ${safeReason(error)}.`);
  }
  let keyError: unknown;
  if (type === 'PUBLIC KEY BLOCK') {
    try {
      return { keys: await openpgp.readKeys({ binaryKeys: data }) };
    } catch (error) {
      keyError = error;
    }
  }
  // gpg and openpgp.js write revocation certificates as a lone signature packet, in either armor type.
  let signature: openpgp.Signature;
  try {
    signature = await openpgp.readSignature({ binarySignature: data });
  } catch {
    throw unreadable(`Trusted keys ${position} is not a readable public key: ${safeReason(keyError ?? new Error('no key packet found'))}.`);
  }
  const packets = [...signature.packets];
  if (packets.length === 0 || packets.some((packet) => packet.signatureType !== openpgp.enums.signature.keyRevocation)) {
    throw unreadable(`Trusted keys ${position} holds a signature that is not a key revocation certificate.`);
  }
  return { revocations: packets.map((packet) => ({ issuerKeyId: hexUpper(packet.issuerKeyID), armored })) };
}

/** Adds `key` to `keys`, merging it into an earlier copy of the same key. */
async function addKey(keys: openpgp.PublicKey[], key: openpgp.PublicKey): Promise<void> {
  const index = keys.findIndex((known) => known.getFingerprint() === key.getFingerprint());
  if (index < 0) keys.push(key);
  else keys[index] = await keys[index].update(key);
}

/**
 * Builds the trusted keyring. Each string may hold several armored public key blocks and revocation
 * certificates (in any order); text between blocks is ignored. A revocation certificate revokes the
 * matching key in the ring; one for a key that is not in the ring is ignored.
 */
export async function loadTrustedKeys(blocks: readonly string[]): Promise<TrustedKeyring> {
  const keys: openpgp.PublicKey[] = [];
  const revocations: RevocationCertificate[] = [];
  for (const [entryIndex, entry] of blocks.entries()) {
    const text = normalizeArmor(entry);
    if (text === '') continue;
    const where = blocks.length > 1 ? ` (entry ${entryIndex + 1})` : '';
    const { blocks: armorBlocks, unterminated } = splitArmorBlocks(text);
    if (armorBlocks.length === 0 && unterminated === 0) {
      throw unreadable(`Trusted keys${where} contain no OpenPGP armor (no BEGIN PGP line found).`);
    }
    if (unterminated > 0) {
      throw unreadable(`Trusted keys${where} contain an armor block without its END line (truncated?).`);
    }
    for (const [blockIndex, block] of armorBlocks.entries()) {
      const position = `block ${blockIndex + 1}${where}`;
      const content = await readBlock(block.type, block.text, position);
      if ('revocations' in content) {
        revocations.push(...content.revocations);
        continue;
      }
      for (const key of content.keys) {
        if (key.isPrivate()) {
          throw unreadable(
            `Trusted keys ${position} holds a PRIVATE key.`,
            'Give only public keys (gpg --armor --export KEYID); remove the private key and treat it as exposed.',
          );
        }
        await addKey(keys, key);
      }
    }
  }
  for (const revocation of revocations) {
    const index = keys.findIndex((key) => hexUpper(key.getKeyID()) === revocation.issuerKeyId);
    if (index < 0) continue;
    try {
      const revoked = await openpgp.revokeKey({ key: keys[index], revocationCertificate: revocation.armored, format: 'object' });
      keys[index] = revoked.publicKey;
    } catch (error) {
      throw unreadable(
        `The revocation certificate for trusted key ${fingerprintOf(keys[index])} does not verify: ${safeReason(error)}.`,
        'Use the revocation certificate made for this key (revocation.asc from `ci-signing keygen`, or gpg --gen-revoke).',
      );
    }
  }
  if (keys.length === 0) {
    throw new CiSigningError(
      'TRUSTED_KEYS_EMPTY',
      'No trusted public key was given.',
      'Set trusted-keys (or trusted-keys-file) to the armored public key of the signing key.',
      'input',
    );
  }
  return new TrustedKeyring(keys);
}
