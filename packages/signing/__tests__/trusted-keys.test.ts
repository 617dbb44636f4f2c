import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { TrustedKeyring, loadTrustedKeys } from '../src/index.js';
import { makeKey, openpgpSign, type TestKey } from './fixtures.js';
import { rejection } from '../../../__tests__/helpers/fixtures.js';

let first: TestKey;
let second: TestKey;
let withSubkey: TestKey;

beforeAll(async () => {
  [first, second, withSubkey] = await Promise.all([makeKey(), makeKey(), makeKey({ signingSubkey: true })]);
});

const refusal = (promise: Promise<unknown>) => rejection(promise, CiSigningError);

async function isRevoked(ring: TrustedKeyring, fingerprint: string): Promise<boolean> {
  return ring.find(fingerprint)!.key.isRevoked(undefined, undefined, new Date());
}

/** Re-armors the packets of an armored block under another armor type. */
async function rearmor(armored: string, type: openpgp.enums.armor): Promise<string> {
  const { data } = await openpgp.unarmor(armored);
  return openpgp.armor(type, data as unknown as Uint8Array);
}

describe('loadTrustedKeys', () => {
  test('reads several concatenated armor blocks in one string and several strings', async () => {
    const ring = await loadTrustedKeys([
      `# team keys\n${first.publicKey}\n\n${second.publicKey}`,
      withSubkey.publicKey,
    ]);
    expect(ring).toBeInstanceOf(TrustedKeyring);
    expect(ring.size).toBe(3);
    expect(ring.fingerprints).toEqual([first.fingerprint, second.fingerprint, withSubkey.fingerprint]);
  });

  test('reads base64-wrapped and one-line escaped armor', async () => {
    const ring = await loadTrustedKeys([
      Buffer.from(first.publicKey).toString('base64'),
      second.publicKey.trim().split('\n').join('\\n'),
    ]);
    expect(ring.fingerprints).toEqual([first.fingerprint, second.fingerprint]);
  });

  test('reads several keys inside one armor block', async () => {
    const keys = await Promise.all(
      [first.publicKey, second.publicKey].map((armoredKey) => openpgp.readKey({ armoredKey })),
    );
    const both = openpgp.armor(openpgp.enums.armor.publicKey, new Uint8Array([...keys[0].write(), ...keys[1].write()]));
    expect((await loadTrustedKeys([both])).fingerprints).toEqual([first.fingerprint, second.fingerprint]);
  });

  test('merges the same key given twice', async () => {
    const ring = await loadTrustedKeys([first.publicKey, first.publicKey]);
    expect(ring.size).toBe(1);
  });

  test('finds a key by primary or subkey id and fingerprint, in any case, with spaces or 0x', async () => {
    const ring = await loadTrustedKeys([first.publicKey, withSubkey.publicKey]);
    const subkey = withSubkey.object.subkeys[0];
    const subkeyId = subkey.getKeyID().toHex().toUpperCase();
    const bySubkeyId = ring.find(subkeyId.toLowerCase())!;
    expect(bySubkeyId.fingerprint).toBe(withSubkey.fingerprint);
    expect(bySubkeyId.keyId).toBe(subkeyId);
    expect(bySubkeyId.component).not.toBe(bySubkeyId.key);
    expect(ring.find(subkey.getFingerprint())!.keyId).toBe(subkeyId);
    const spaced = first.fingerprint.replace(/(.{4})/g, '$1 ');
    expect(ring.find(spaced)!.fingerprint).toBe(first.fingerprint);
    expect(ring.find(`0x${first.fingerprint.slice(-16)}`)!.component).toBe(ring.find(first.fingerprint)!.key);
    expect(ring.find(second.fingerprint)).toBeUndefined();
    expect(ring.find('not a key id')).toBeUndefined();
  });

  test('applies a revocation certificate that follows or precedes the key', async () => {
    const after = await loadTrustedKeys([`${first.publicKey}\n${first.revocationCertificate}`, second.publicKey]);
    expect(await isRevoked(after, first.fingerprint)).toBe(true);
    expect(after.revoked).toEqual([first.fingerprint]);
    expect(await isRevoked(after, second.fingerprint)).toBe(false);
    const before = await loadTrustedKeys([first.revocationCertificate, first.publicKey]);
    expect(await isRevoked(before, first.fingerprint)).toBe(true);
  });

  test('applies a revocation certificate armored as a SIGNATURE', async () => {
    const asSignature = await rearmor(first.revocationCertificate, openpgp.enums.armor.signature);
    expect(asSignature).toContain('BEGIN PGP SIGNATURE');
    const ring = await loadTrustedKeys([first.publicKey + asSignature]);
    expect(await isRevoked(ring, first.fingerprint)).toBe(true);
  });

  test('warns about a revocation certificate of a key that is not trusted, naming its fingerprint', async () => {
    const ring = await loadTrustedKeys([second.publicKey, first.revocationCertificate]);
    expect(ring.fingerprints).toEqual([second.fingerprint]);
    expect(await isRevoked(ring, second.fingerprint)).toBe(false);
    expect(ring.warnings).toEqual([expect.stringContaining(first.fingerprint)]);
    expect(ring.revoked).toEqual([]);
  });

  test('refuses a revocation certificate whose signature does not verify', async () => {
    const { data } = await openpgp.unarmor(first.revocationCertificate);
    const bytes = Uint8Array.from(data as unknown as Uint8Array);
    bytes[bytes.length - 3] ^= 0xff;
    const forged = openpgp.armor(openpgp.enums.armor.publicKey, bytes);
    const error = await refusal(loadTrustedKeys([first.publicKey, forged]));
    expect(error.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(error.message).toContain(first.fingerprint);
    expect(error.message).toMatch(/does not verify/);
  });

  test('refuses an entry over the size cap and entries over the total cap, naming each cap', async () => {
    const big = `${first.publicKey}\n${'# padding\n'.repeat(110_000)}`;
    const one = await refusal(loadTrustedKeys([{ source: 'big.asc', bytes: big }]));
    expect(one.code).toBe('TRUSTED_KEYS_TOO_LARGE');
    expect(one.message).toMatch(/big\.asc.*cap of 1 MiB/);
    const part = `${first.publicKey}\n${'# padding\n'.repeat(90_000)}`;
    const all = await refusal(loadTrustedKeys([part, part, part, part, part, part]));
    expect(all.message).toMatch(/All trusted keys together.*cap of 4 MiB/);
  });

  test.each([
    ['no input', []],
    ['only empty strings', ['', '  \n']],
  ])('refuses an empty ring (%s)', async (_name, blocks) => {
    const error = await refusal(loadTrustedKeys(blocks));
    expect(error.code).toBe('TRUSTED_KEYS_EMPTY');
  });

  test('refuses a ring of revocation certificates only as empty', async () => {
    expect((await refusal(loadTrustedKeys([first.revocationCertificate]))).code).toBe('TRUSTED_KEYS_EMPTY');
  });

  test('refuses text without armor, naming the entry', async () => {
    const error = await refusal(loadTrustedKeys([first.publicKey, 'my key is somewhere else']));
    expect(error.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(error.message).toMatch(/entry 2/);
    expect(error.message).toMatch(/no OpenPGP key or revocation certificate/);
  });

  test('refuses a truncated armor block', async () => {
    const truncated = first.publicKey.split('\n').slice(0, 4).join('\n');
    const error = await refusal(loadTrustedKeys([truncated]));
    expect(error.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(error.message).toMatch(/without its END line/);
  });

  test('refuses armor whose body is not a key', async () => {
    const garbage =
      '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5IGF0IGFsbA==\n-----END PGP PUBLIC KEY BLOCK-----';
    const error = await refusal(loadTrustedKeys([garbage]));
    expect(error.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(error.message).toMatch(/block 1/);
  });

  test('refuses damaged base64 inside the armor', async () => {
    const damaged = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n-----END PGP PUBLIC KEY BLOCK-----';
    expect((await refusal(loadTrustedKeys([damaged]))).code).toBe('TRUSTED_KEYS_UNREADABLE');
  });

  test('refuses a private key, also when armored as a public key', async () => {
    const asPrivate = await refusal(loadTrustedKeys([first.privateKey]));
    expect(asPrivate.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(asPrivate.message).toMatch(/PRIVATE/);
    const disguised = await rearmor(first.privateKey, openpgp.enums.armor.publicKey);
    const error = await refusal(loadTrustedKeys([disguised]));
    expect(error.message).toMatch(/PRIVATE key/);
    expect(error.fix).toMatch(/exposed/);
  });

  test('refuses a message block and a document signature', async () => {
    const message = await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'x' }), passwords: 'p' });
    const messageError = await refusal(loadTrustedKeys([message]));
    expect(messageError.message).toMatch(/PGP MESSAGE/);
    const signature = await openpgpSign(first.object, 'data');
    const signatureError = await refusal(loadTrustedKeys([first.publicKey, signature]));
    expect(signatureError.message).toMatch(/not a key revocation certificate/);
  });
});
