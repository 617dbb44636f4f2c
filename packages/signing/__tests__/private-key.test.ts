import * as openpgp from 'openpgp';
import { CiSigningError, describeError } from '../../errors/src/index.js';
import { loadPrivateKey, loadTrustedKeys, signDetached, verifyDetached, type SigningKey } from '../src/index.js';
import { DAY_MS, DAY_SECONDS, armorBodyLines, makeKey, type TestKey } from './fixtures.js';
import { rejection } from '../../../__tests__/helpers/fixtures.js';

const PASSPHRASE = 'correct horse battery staple 7f3a';
const DATA = new TextEncoder().encode('{"version":1}\n');

let protectedKey: TestKey;
let plainKey: TestKey;
let subkeyKey: TestKey;

beforeAll(async () => {
  [protectedKey, plainKey, subkeyKey] = await Promise.all([
    makeKey({ passphrase: PASSPHRASE }),
    makeKey(),
    makeKey({ signingSubkey: true }),
  ]);
});

const refusal = (promise: Promise<unknown>) => rejection(promise, CiSigningError);

describe('loadPrivateKey', () => {
  test('warns that gpg --verify will not accept signatures by a v6 key, and not for a v4 key', async () => {
    const { privateKey } = await openpgp.generateKey({
      type: 'curve25519',
      userIDs: [{ email: 'v6@example.com' }],
      date: new Date(Date.now() - 60_000),
      format: 'armored',
      config: { v6Keys: true },
    });
    const loaded = await loadPrivateKey(privateKey);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/v6 key, which GnuPG 2\.2 cannot read: `gpg --verify` will not accept/);
    expect((await loadPrivateKey(plainKey.privateKey)).warnings).toEqual([]);
  });

  test('decrypts a passphrase-protected key and reports the primary fingerprint and signing key id', async () => {
    const loaded = await loadPrivateKey(protectedKey.privateKey, PASSPHRASE);
    expect(loaded.key.isDecrypted()).toBe(true);
    expect(loaded.fingerprint).toBe(protectedKey.fingerprint);
    expect(loaded.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(loaded.signingKeyId).toBe(protectedKey.fingerprint.slice(-16));
  });

  test('accepts base64-wrapped armor and one-line armor with \\n escapes', async () => {
    const base64 = Buffer.from(protectedKey.privateKey).toString('base64');
    const oneLine = protectedKey.privateKey.trim().split('\n').join('\\n');
    for (const text of [base64, oneLine, protectedKey.privateKey.replace(/\n/g, '\r\n')]) {
      expect((await loadPrivateKey(text, PASSPHRASE)).fingerprint).toBe(protectedKey.fingerprint);
    }
  });

  test('accepts an unencrypted key even when a passphrase is given', async () => {
    expect((await loadPrivateKey(plainKey.privateKey, 'unused')).fingerprint).toBe(plainKey.fingerprint);
    expect((await loadPrivateKey(plainKey.privateKey, '')).fingerprint).toBe(plainKey.fingerprint);
  });

  test('picks the signing subkey when there is one', async () => {
    const loaded = await loadPrivateKey(subkeyKey.privateKey, '');
    const subkeyId = subkeyKey.object.subkeys[0].getKeyID().toHex().toUpperCase();
    expect(loaded.fingerprint).toBe(subkeyKey.fingerprint);
    expect(loaded.signingKeyId).toBe(subkeyId);
  });

  test('refuses an encrypted key without a passphrase and says to set the passphrase input', async () => {
    const error = await refusal(loadPrivateKey(protectedKey.privateKey, ''));
    expect(error.code).toBe('KEY_PASSPHRASE');
    expect(error.message).toContain(protectedKey.fingerprint);
    expect(error.message).toMatch(/no passphrase was given/);
    expect(error.fix).toMatch(/passphrase input/);
  });

  test('refuses a wrong passphrase', async () => {
    const error = await refusal(loadPrivateKey(protectedKey.privateKey, 'wrong'));
    expect(error.code).toBe('KEY_PASSPHRASE');
    expect(error.message).toMatch(/does not unlock/);
  });

  test('refuses a public key', async () => {
    const error = await refusal(loadPrivateKey(protectedKey.publicKey, PASSPHRASE));
    expect(error.code).toBe('KEY_NOT_PRIVATE');
    // Also when the public key is re-armored under a private-key header.
    const binary = (await openpgp.readKey({ armoredKey: protectedKey.publicKey })).write();
    const disguised = openpgp.armor(openpgp.enums.armor.privateKey, binary);
    expect((await refusal(loadPrivateKey(disguised, PASSPHRASE))).code).toBe('KEY_NOT_PRIVATE');
  });

  test.each([
    ['empty text', '   '],
    ['text that is not armor', 'this is not a key'],
    [
      'armor with a garbage body',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nbm90IGEga2V5\n=AAAA\n-----END PGP PRIVATE KEY BLOCK-----',
    ],
  ])('refuses %s as KEY_UNREADABLE', async (_name, text) => {
    const error = await refusal(loadPrivateKey(text, PASSPHRASE));
    expect(error.code).toBe('KEY_UNREADABLE');
    expect(error.fix).toMatch(/ASCII-armored secret key/);
  });

  test('refuses a truncated key as KEY_UNREADABLE', async () => {
    const lines = protectedKey.privateKey.trim().split('\n');
    const truncated = [...lines.slice(0, Math.floor(lines.length / 2)), lines[lines.length - 1]].join('\n');
    expect((await refusal(loadPrivateKey(truncated, PASSPHRASE))).code).toBe('KEY_UNREADABLE');
  });

  test('refuses a key that expired before now, and accepts it at a time it was valid', async () => {
    const created = new Date(Date.now() - 10 * DAY_MS);
    const expired = await makeKey({ date: created, expiresInSeconds: DAY_SECONDS });
    const error = await refusal(loadPrivateKey(expired.privateKey, ''));
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain(expired.fingerprint);
    expect(error.message).toContain(new Date(created.getTime() + DAY_MS).toISOString().slice(0, 10));
    const loaded = await loadPrivateKey(expired.privateKey, '', new Date(created.getTime() + 60_000));
    expect(loaded.fingerprint).toBe(expired.fingerprint);
  });

  test('refuses a revoked key', async () => {
    const { privateKey } = await openpgp.revokeKey({ key: plainKey.object, format: 'armored' });
    const error = await refusal(loadPrivateKey(privateKey!, ''));
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(plainKey.fingerprint);
  });

  test('refuses an RSA key shorter than 2048 bits as KEY_WEAK', async () => {
    const weak = await makeKey({ rsaBits: 1024 });
    const error = await refusal(loadPrivateKey(weak.privateKey, ''));
    expect(error.code).toBe('KEY_WEAK');
    expect(error.message).toMatch(/RSA 1024-bit/);
  });

  test('skips a revoked signing subkey and signs with the primary key', async () => {
    const key = await openpgp.readPrivateKey({ armoredKey: subkeyKey.privateKey });
    key.subkeys[0] = await key.subkeys[0].revoke(key.keyPacket as openpgp.SecretKeyPacket);
    const loaded = await loadPrivateKey(key.armor(), '');
    expect(loaded.signingKeyId).toBe(subkeyKey.fingerprint.slice(-16));
  });
});

describe('signDetached', () => {
  let signer: SigningKey;
  beforeAll(async () => {
    signer = await loadPrivateKey(protectedKey.privateKey, PASSPHRASE);
  });

  test('makes an armored detached binary signature with SHA-256 or stronger that verifies', async () => {
    const armored = await signDetached(DATA, signer);
    expect(armored).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
    const [packet] = (await openpgp.readSignature({ armoredSignature: armored })).packets;
    expect(packet.signatureType).toBe(openpgp.enums.signature.binary);
    expect([openpgp.enums.hash.sha256, openpgp.enums.hash.sha384, openpgp.enums.hash.sha512]).toContain(
      packet.hashAlgorithm,
    );
    const ring = await loadTrustedKeys([protectedKey.publicKey]);
    const check = await verifyDetached(DATA, armored, ring, new Date());
    expect(check.fingerprint).toBe(protectedKey.fingerprint);
  });

  test('dates the signature at the given date', async () => {
    // openpgp dates signatures in whole seconds; a minute ahead keeps it after the key's creation.
    const date = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    const armored = await signDetached(DATA, signer, date);
    const [packet] = (await openpgp.readSignature({ armoredSignature: armored })).packets;
    expect(packet.created).toEqual(date);
  });

  test('signs with the subkey chosen at load time', async () => {
    const loaded = await loadPrivateKey(subkeyKey.privateKey, '');
    const armored = await signDetached(DATA, loaded);
    const [packet] = (await openpgp.readSignature({ armoredSignature: armored })).packets;
    expect(packet.issuerKeyID.toHex().toUpperCase()).toBe(loaded.signingKeyId);
  });

  test('refuses a signing key id that is not part of the key', async () => {
    const error = await refusal(signDetached(DATA, { ...signer, signingKeyId: '0123456789ABCDEF' }));
    expect(error.code).toBe('SIGN_FAILED');
  });

  test('reports openpgp refusing to sign (date before the key existed) as SIGN_FAILED', async () => {
    const error = await refusal(signDetached(DATA, signer, new Date(Date.now() - 365 * DAY_MS)));
    expect(error.code).toBe('SIGN_FAILED');
    expect(error.message).toContain(signer.signingKeyId);
  });
});

describe('secrets never appear in errors', () => {
  test('no message, fix or describeError line holds the passphrase or a line of the private key', async () => {
    const armored = protectedKey.privateKey;
    const lines = armored.trim().split('\n');
    const bodyLines = armorBodyLines(armored);
    expect(bodyLines.length).toBeGreaterThan(3);
    const brokenLine = lines
      .map((line, index) => (index === 4 ? `${line.slice(0, 10)}!!${line.slice(12)}` : line))
      .join('\n');
    const ring = await loadTrustedKeys([protectedKey.publicKey]);
    const attempts: Array<() => Promise<unknown>> = [
      () => loadPrivateKey(armored, 'wrong passphrase'),
      () => loadPrivateKey(armored, ''),
      () => loadPrivateKey(armored, `${PASSPHRASE} `),
      () => loadPrivateKey(lines.slice(0, 6).join('\n'), PASSPHRASE),
      () => loadPrivateKey(brokenLine, PASSPHRASE),
      () => loadPrivateKey(lines.join('\\n').replace('-----END', 'xx-----END'), PASSPHRASE),
      () => loadPrivateKey(Buffer.from(lines.slice(0, 8).join('\n')).toString('base64'), PASSPHRASE),
      () => loadPrivateKey(bodyLines.join('\n'), PASSPHRASE),
      () => loadTrustedKeys([armored]),
      () => loadTrustedKeys([armored.replace(/PRIVATE KEY BLOCK/g, 'PUBLIC KEY BLOCK')]),
      () => verifyDetached(DATA, armored, ring),
    ];
    const outputs: string[] = [];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      outputs.push(describeError(error), error.message, error.fix);
    }
    for (const output of outputs) {
      expect(output).not.toContain(PASSPHRASE);
      for (const line of bodyLines) expect(output).not.toContain(line);
    }
  });
});
