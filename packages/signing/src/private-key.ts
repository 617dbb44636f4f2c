// Loading the signer's private key. Nothing here may put key material or the passphrase into an
// error: openpgp's own messages can quote armor lines, so they are never passed on.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { normalizeArmor } from './armor.js';
import { LENIENT_KEY_CONFIG, assertStrong } from './algorithms.js';
import { fingerprintOf, hexUpper, isSubkey } from './key-identity.js';
import { assertValidNow, subkeyMaySign, subkeyState } from './key-policy.js';

export interface SigningKey {
  /** Decrypted private key. */
  key: openpgp.PrivateKey;
  /** Primary key fingerprint, 40 hex upper-case. */
  fingerprint: string;
  /** Key id of the (sub)key that signs, 16 hex upper-case. */
  signingKeyId: string;
  /** One line each, e.g. that GnuPG 2.2 cannot read the key; signing still works. */
  warnings: string[];
}

const PASSPHRASE_FIX =
  "Set the passphrase input (CLI: --passphrase-file or CI_SIGNING_PASSPHRASE) to the private key's passphrase.";
const ACCEPTED_FORMS =
  'Give the ASCII-armored secret key (gpg --armor --export-secret-keys KEYID, or private-key.asc from ' +
  '`ci-signing keygen`); base64 of that armor and one-line armor with \\n escapes are accepted too.';

function unreadable(message: string): CiSigningError {
  return new CiSigningError('KEY_UNREADABLE', message, ACCEPTED_FORMS, 'input');
}

async function readArmoredKey(text: string): Promise<openpgp.Key> {
  const armored = normalizeArmor(text);
  if (armored === '') throw unreadable('The private key is empty.');
  if (!armored.includes('-----BEGIN PGP '))
    throw unreadable('The private key is not OpenPGP armor (no BEGIN PGP line found).');
  if (/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(armored) && !/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored)) {
    throw notPrivate();
  }
  try {
    return await openpgp.readKey({ armoredKey: armored });
  } catch {
    throw unreadable('The private key armor could not be read (damaged, truncated or not an OpenPGP key).');
  }
}

function notPrivate(): CiSigningError {
  return new CiSigningError(
    'KEY_NOT_PRIVATE',
    'The private key input holds a PUBLIC key; signing needs the secret key.',
    'Export the secret key (gpg --armor --export-secret-keys KEYID) or use private-key.asc from `ci-signing ' +
      'keygen`; keep the public key for trusted-keys.',
    'input',
  );
}

function secretPackets(key: openpgp.PrivateKey): openpgp.SecretKeyPacket[] {
  return key.getKeys().map((component) => component.keyPacket as openpgp.SecretKeyPacket);
}

async function unlock(key: openpgp.PrivateKey, passphrase: string, fingerprint: string): Promise<openpgp.PrivateKey> {
  const packets = secretPackets(key).filter((packet) => !packet.isDummy());
  if (packets.some((packet) => packet.isMissingSecretKeyMaterial())) {
    throw unreadable(
      `The private key ${fingerprint} uses a secret-key protection openpgp.js cannot read (unsupported S2K or cipher).`,
    );
  }
  if (packets.every((packet) => packet.isDecrypted())) return key;
  if (passphrase === '') {
    throw new CiSigningError(
      'KEY_PASSPHRASE',
      `The private key ${fingerprint} is protected by a passphrase, but no passphrase was given.`,
      PASSPHRASE_FIX,
      'input',
    );
  }
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch {
    throw new CiSigningError(
      'KEY_PASSPHRASE',
      `The passphrase does not unlock the private key ${fingerprint}.`,
      PASSPHRASE_FIX,
      'input',
    );
  }
}

/** Explains why no (sub)key can sign now, as precisely as the key allows. */
async function noSigningKey(key: openpgp.PrivateKey, now: Date, fingerprint: string): Promise<CiSigningError> {
  const signingSubkeys = key.subkeys.filter(subkeyMaySign);
  for (const wanted of ['revoked', 'expired'] as const) {
    for (const subkey of signingSubkeys) {
      const state = await subkeyState(subkey, now);
      if (state.state !== wanted) continue;
      // Reuse the shared wording for revoked / expired subkeys.
      await assertValidNow(key, subkey, now, 'private key', 'input');
    }
  }
  return new CiSigningError(
    'KEY_NO_SIGNING',
    `The private key ${fingerprint} has no key or subkey that may sign data now.`,
    'Use a key with signing capability (gpg --quick-add-key FPR ed25519 sign) or generate one with `ci-signing ' +
      'keygen`.',
    'input',
  );
}

/**
 * Reads, checks and decrypts the signer's private key. Refuses public keys, garbage, wrong or missing
 * passphrases, expired, revoked and weak keys, and keys without a signing-capable (sub)key valid `now`.
 */
export async function loadPrivateKey(text: string, passphrase = '', now: Date = new Date()): Promise<SigningKey> {
  const read = await readArmoredKey(text);
  if (!read.isPrivate()) throw notPrivate();
  const fingerprint = fingerprintOf(read);

  await assertValidNow(read, read, now, 'private key', 'input');
  // The primary key certifies the subkey bindings, so its strength matters even when a subkey signs.
  assertStrong(read, [read, ...read.subkeys.filter(subkeyMaySign)], 'private key', 'input');

  const key = await unlock(read, passphrase, fingerprint);

  let signing: openpgp.PrivateKey | openpgp.Subkey;
  try {
    signing = await key.getSigningKey(undefined, now, undefined, { ...openpgp.config, ...LENIENT_KEY_CONFIG });
  } catch {
    throw await noSigningKey(key, now, fingerprint);
  }
  const signingKeyId = hexUpper(signing.getKeyID());
  if ((signing.keyPacket as openpgp.SecretKeyPacket).isDummy()) {
    throw new CiSigningError(
      'KEY_NO_SIGNING',
      `The secret part of the ${isSubkey(signing) ? 'signing subkey' : 'primary key'} ${signingKeyId} of the ` +
        `private key ${fingerprint} is not in the exported key.`,
      'Export a secret key that includes the signing (sub)key (gpg --armor --export-secret-subkeys KEYID! for ' +
        'just the signing subkey).',
      'input',
    );
  }
  return { key, fingerprint, signingKeyId, warnings: gnupg22Warnings(key, signing, fingerprint) };
}

// GnuPG 2.2 reads only v4 keys, and skips v4 keys of the newer Ed25519 / Ed448 algorithms.
const GNUPG22_UNREADABLE = new Set<openpgp.enums.publicKey>([
  openpgp.enums.publicKey.ed25519,
  openpgp.enums.publicKey.ed448,
]);

function gnupg22Warnings(
  key: openpgp.PrivateKey,
  signing: openpgp.PrivateKey | openpgp.Subkey,
  fingerprint: string,
): string[] {
  const version = key.keyPacket.version;
  const algorithm = signing.keyPacket.algorithm;
  if (version === 4 && !GNUPG22_UNREADABLE.has(algorithm)) return [];
  const algorithmName = openpgp.enums.read(openpgp.enums.publicKey, algorithm);
  const why = version !== 4 ? `a v${version} key` : `a v4 key of the ${algorithmName} algorithm`;
  return [
    `The private key ${fingerprint} is ${why}, which GnuPG 2.2 cannot read: ` +
      '`gpg --verify` will not accept its signatures (ci-signing verify does). Generate a v4 key with ' +
      '`ci-signing keygen` where gpg must verify.',
  ];
}
