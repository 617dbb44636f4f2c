import * as openpgp from 'openpgp';
import { UsageError } from '../../errors/src/index.js';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  verifyDetached,
  type GeneratedKeyPair,
} from '../src/index.js';

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const PASSPHRASE = 'keygen passphrase';

let pair: GeneratedKeyPair;
let started: Date;

beforeAll(async () => {
  started = new Date(Math.floor(Date.now() / 1000) * 1000);
  pair = await generateKeyPair({
    name: 'CI Signer',
    email: 'ci@example.com',
    expiresInSeconds: YEAR_SECONDS,
    algorithm: 'ed25519',
    passphrase: PASSPHRASE,
  });
});

describe('generateKeyPair', () => {
  test('makes a v4 legacy-EdDSA signing-only key with the user id, expiry and fingerprint', async () => {
    const publicKey = await openpgp.readKey({ armoredKey: pair.publicKey });
    expect(publicKey.isPrivate()).toBe(false);
    expect(publicKey.keyPacket.version).toBe(4);
    expect(publicKey.getAlgorithmInfo()).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
    expect(publicKey.subkeys).toHaveLength(0);
    expect(publicKey.getUserIDs()).toEqual(['CI Signer <ci@example.com>']);
    expect(pair.fingerprint).toBe(publicKey.getFingerprint().toUpperCase());
    expect(pair.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const expiry = (await publicKey.getExpirationTime()) as Date;
    const created = publicKey.getCreationTime();
    expect(created.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(expiry.getTime() - created.getTime()).toBe(YEAR_SECONDS * 1000);
  });

  test('protects the private key with the passphrase using the S2K GnuPG 2.2 reads (no AEAD, no Argon2)', async () => {
    const privateKey = await openpgp.readPrivateKey({ armoredKey: pair.privateKey });
    const packet = privateKey.keyPacket as unknown as {
      s2kUsage: number;
      s2k: { type: string };
      isDecrypted(): boolean;
    };
    expect(packet.isDecrypted()).toBe(false);
    expect(packet.s2kUsage).toBe(254);
    expect(packet.s2k.type).toBe('iterated');
    await expect(loadPrivateKey(pair.privateKey, '')).rejects.toMatchObject({ code: 'KEY_PASSPHRASE' });
    expect((await loadPrivateKey(pair.privateKey, PASSPHRASE)).fingerprint).toBe(pair.fingerprint);
  });

  test('signs and verifies with the generated pair', async () => {
    const data = new TextEncoder().encode('results');
    const signature = await signDetached(data, await loadPrivateKey(pair.privateKey, PASSPHRASE));
    const check = await verifyDetached(data, signature, await loadTrustedKeys([pair.publicKey]), new Date());
    expect(check.fingerprint).toBe(pair.fingerprint);
  });

  test('returns a revocation certificate that revokes the key', async () => {
    expect(pair.revocationCertificate).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    const ring = await loadTrustedKeys([pair.publicKey, pair.revocationCertificate]);
    expect(await ring.keys[0].isRevoked(undefined, undefined, new Date())).toBe(true);
  });

  test('without a passphrase the private key is not protected; expiry 0 means none', async () => {
    const plain = await generateKeyPair({ name: 'No Pass', email: '', expiresInSeconds: 0, algorithm: 'ed25519' });
    const loaded = await loadPrivateKey(plain.privateKey, '');
    expect(loaded.fingerprint).toBe(plain.fingerprint);
    expect(await loaded.key.getExpirationTime()).toBe(Infinity);
    expect(loaded.key.getUserIDs()).toEqual(['No Pass']);
  });

  test('honours a creation date', async () => {
    const date = new Date('2024-01-02T03:04:05Z');
    const dated = await generateKeyPair({
      name: '',
      email: 'dated@example.com',
      expiresInSeconds: 0,
      algorithm: 'ed25519',
      date,
    });
    expect((await openpgp.readKey({ armoredKey: dated.publicKey })).getCreationTime()).toEqual(date);
  });

  test.each([
    ['no name and no email', { name: ' ', email: '' }],
    ['a malformed email', { email: 'not an email' }],
    ['a negative lifetime', { expiresInSeconds: -1 }],
    ['a fractional lifetime', { expiresInSeconds: 1.5 }],
    ['an unknown algorithm', { algorithm: 'rsa1024' }],
  ])('refuses %s as a usage error', async (_name, override) => {
    const options = { name: 'N', email: 'n@example.com', expiresInSeconds: 0, algorithm: 'ed25519', ...override };
    await expect(generateKeyPair(options as Parameters<typeof generateKeyPair>[0])).rejects.toBeInstanceOf(UsageError);
  });
});
