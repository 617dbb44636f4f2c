// Trusted keys and signatures in every form real GnuPG writes them: revocation certificates that must
// never be dropped, files that pin a fingerprint, binary signatures, packet floods, and keys whose
// self-signatures were replaced by `gpg --quick-set-expire`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import {
  inspectSignature,
  loadTrustedKeys,
  parseTrustedFingerprints,
  verifyDetached,
  type TrustedKeySource,
} from '../src/index.js';
import {
  createGnupgHome,
  gpg,
  gpgAddSigningSubkey,
  gpgDearmor,
  gpgExportBinary,
  gpgExportPublic,
  gpgGenerateKey,
  gpgRevocationCertificate,
  gpgRevocationFile,
  gpgSetExpire,
  gpgSign,
  gpgSignBinary,
  removeGnupgHome,
  statusOf,
} from './gpg.js';

const DATA = new TextEncoder().encode('{"version":1,"repository":"o/r","commit":"abc"}\n');
const DAY_MS = 24 * 60 * 60 * 1000;

let home: string;
let dataPath: string;
let alice: string;
let mallory: string;
let aliceArmor: string;
let aliceBinary: Buffer;
let malloryArmor: string;
let revArmor: string;
let revBinary: Buffer;
let revFile: string;
let aliceSignature: string;
let mallorySignature: string;
let signatureCount = 0;

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64');
const wrap76 = (text: string) => text.replace(/(.{76})/g, '$1\n');
const oneLine = (armor: string) => armor.trim().split('\n').join('\\n');
const bytesOf = (...parts: (string | Uint8Array)[]) => Buffer.concat(parts.map((part) => Buffer.from(part)));

async function refusal(promise: Promise<unknown>): Promise<CiSigningError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return error as CiSigningError;
  }
  throw new Error('expected a refusal');
}

async function signArmored(localUser: string, options: { fakedSystemTime?: Date } = {}): Promise<string> {
  const signaturePath = join(home, `signature-${++signatureCount}.asc`);
  return gpgSign(home, { localUser, dataPath, signaturePath, ...options });
}

beforeAll(async () => {
  home = await createGnupgHome();
  dataPath = join(home, 'results.json');
  await writeFile(dataPath, DATA);
  [alice, mallory] = [await gpgGenerateKey(home, { algo: 'ed25519' }), await gpgGenerateKey(home, { algo: 'ed25519' })];
  aliceArmor = await gpgExportPublic(home, alice);
  aliceBinary = await gpgExportBinary(home, alice);
  malloryArmor = await gpgExportPublic(home, mallory);
  revArmor = await gpgRevocationCertificate(home, alice);
  revBinary = await gpgDearmor(home, revArmor);
  revFile = await gpgRevocationFile(home, alice);
  aliceSignature = await signArmored(alice);
  mallorySignature = await signArmored(mallory);
});

afterAll(async () => {
  await removeGnupgHome(home);
});

describe('a revocation certificate is applied in every form a key is accepted in', () => {
  const forms: [string, () => (string | Uint8Array | TrustedKeySource)[]][] = [
    ['armored, after the key', () => [`${aliceArmor}\n${revArmor}`]],
    ['base64 of armor, one line each', () => [`${b64(aliceArmor)}\n${b64(revArmor)}`]],
    ['base64 of armor, one run for both', () => [b64(aliceArmor + revArmor)]],
    ['base64 of binary, one line each (the first ends in = padding)', () => [`${b64(aliceBinary)}\n${b64(revBinary)}`]],
    ['base64 of binary, wrapped at 76 columns', () => [`${wrap76(b64(aliceBinary))}\n${wrap76(b64(revBinary))}`]],
    ['binary (gpg --export, then gpg --dearmor of the revocation)', () => [bytesOf(aliceBinary, revBinary)]],
    ['a binary key with an armored revocation appended', () => [bytesOf(aliceBinary, '\n', revArmor)]],
    ['one-line armor with escaped \\n', () => [`${oneLine(aliceArmor)}\\n${oneLine(revArmor)}`]],
    ["gpg's openpgp-revocs.d/*.rev, preamble and colon included", () => [`${aliceArmor}\n${revFile}`]],
    ['binary revocation in an entry of its own', () => [aliceArmor, revBinary]],
    ['in a file named after the key', () => [{ source: `keys/${alice}.asc`, bytes: bytesOf(aliceArmor, revFile) }]],
  ];

  test.each(forms)('%s', async (_name, entries) => {
    const ring = await loadTrustedKeys(entries());
    expect(ring.fingerprints).toEqual([alice]);
    expect(ring.revoked).toEqual([alice]);
    expect(ring.warnings).toEqual([]);
    const error = await refusal(verifyDetached(DATA, aliceSignature, ring, new Date()));
    expect(error.code).toBe('KEY_REVOKED');
  });

  test('control: the key alone in each form verifies', async () => {
    for (const entry of [aliceArmor, b64(aliceArmor), b64(aliceBinary), aliceBinary, oneLine(aliceArmor)]) {
      const ring = await loadTrustedKeys([entry]);
      expect(ring.revoked).toEqual([]);
      expect((await verifyDetached(DATA, aliceSignature, ring, new Date())).fingerprint).toBe(alice);
    }
  });
});

describe('anything that is not a key, a revocation or a comment is refused with its offset', () => {
  test('stray text after armor, naming the file and the byte', async () => {
    const text = `${aliceArmor}\nrevoked!\n`;
    const error = await refusal(loadTrustedKeys([{ source: 'team.asc', bytes: text }]));
    expect(error.code).toBe('TRUSTED_KEYS_UNREADABLE');
    expect(error.message).toContain('team.asc');
    expect(error.message).toContain(`byte ${text.indexOf('revoked!')}`);
    expect(error.message).not.toContain('revoked!');
  });

  test('a base64 line that decodes to something else, inside the base64', async () => {
    const first = b64(aliceBinary);
    const error = await refusal(loadTrustedKeys([`${first}\nQUJD\n`]));
    expect(error.message).toContain(`byte 0 of the base64 at byte ${first.length + 1}`);
  });

  test('base64 cut short', async () => {
    const error = await refusal(loadTrustedKeys([`${b64(aliceBinary)}\nQUJDRA\n`]));
    expect(error.message).toMatch(/base64 that does not decode/);
  });

  test('a truncated binary packet after a binary key', async () => {
    const error = await refusal(loadTrustedKeys([bytesOf(aliceBinary, Uint8Array.of(0x99, 0x01))]));
    expect(error.message).toContain(`byte ${aliceBinary.length}`);
    expect(error.message).toMatch(/not a whole OpenPGP packet/);
  });

  test('comments are allowed: # lines, prose, fingerprints', async () => {
    const ring = await loadTrustedKeys([`# CI key\nAlice's signing key, see the wiki\n${alice}\n${aliceArmor}`]);
    expect(ring.fingerprints).toEqual([alice]);
  });
});

test('a revocation for a key that is not in the ring is a warning naming its fingerprint', async () => {
  const ring = await loadTrustedKeys([malloryArmor, revBinary]);
  expect(ring.fingerprints).toEqual([mallory]);
  expect(ring.revoked).toEqual([]);
  expect(ring.warnings).toHaveLength(1);
  expect(ring.warnings[0]).toContain(alice);
});

describe('a file named after a fingerprint pins it', () => {
  test.each([
    ["Mallory's key in Alice's file", () => malloryArmor, () => [mallory]],
    ["both keys in Alice's file", () => `${aliceArmor}\n${malloryArmor}`, () => [alice, mallory]],
  ])('%s: refused, naming the file, the claim and what it holds', async (_name, content, held) => {
    const source = `.github/ci-signing/trusted-keys/${alice}.asc`;
    const error = await refusal(loadTrustedKeys([{ source, bytes: content() }]));
    expect(error.code).toBe('TRUSTED_KEY_FILE_MISMATCH');
    expect(error.message).toContain(source);
    expect(error.message).toContain(`named after ${alice}`);
    for (const fingerprint of held()) expect(error.message).toContain(fingerprint);
  });

  test("another key's revocation in a pinned file is refused", async () => {
    const error = await refusal(loadTrustedKeys([{ source: `${mallory}.asc`, bytes: `${malloryArmor}\n${revArmor}` }]));
    expect(error.code).toBe('TRUSTED_KEY_FILE_MISMATCH');
    expect(error.message).toContain(alice);
  });

  test('a lower-case name pins too; a name that is no fingerprint pins nothing', async () => {
    const lower = await refusal(loadTrustedKeys([{ source: `${alice.toLowerCase()}.asc`, bytes: malloryArmor }]));
    expect(lower.code).toBe('TRUSTED_KEY_FILE_MISMATCH');
    const ring = await loadTrustedKeys([{ source: 'team.asc', bytes: `${aliceArmor}\n${malloryArmor}` }]);
    expect(ring.fingerprints).toEqual([alice, mallory]);
  });
});

describe('trusted-fingerprints', () => {
  test('only the listed primary keys are trusted', async () => {
    const ring = await loadTrustedKeys([aliceArmor, malloryArmor], { trustedFingerprints: [alice] });
    expect(ring.fingerprints).toEqual([alice]);
    expect((await verifyDetached(DATA, aliceSignature, ring, new Date())).fingerprint).toBe(alice);
    expect((await refusal(verifyDetached(DATA, mallorySignature, ring, new Date()))).code).toBe(
      'SIGNATURE_UNTRUSTED_KEY',
    );
  });

  test('a listed fingerprint no input holds is a warning; none held is TRUSTED_KEYS_EMPTY', async () => {
    const absent = 'F'.repeat(40);
    const ring = await loadTrustedKeys([aliceArmor], { trustedFingerprints: [alice, absent] });
    expect(ring.warnings.join('\n')).toContain(absent);
    const error = await refusal(loadTrustedKeys([malloryArmor], { trustedFingerprints: [alice] }));
    expect(error.code).toBe('TRUSTED_KEYS_EMPTY');
  });

  test('parses newline- and comma-separated lists, gpg spacing included; refuses other values', () => {
    const spaced = alice.replace(/(.{4})/g, '$1 ').trim();
    expect(parseTrustedFingerprints(`${spaced},\n${mallory.toLowerCase()}\n\n${alice}`)).toEqual([alice, mallory]);
    expect(() => parseTrustedFingerprints(`${alice},ghp_notAFingerprint`)).toThrow(
      /entry 2 is not a 40-hex fingerprint/,
    );
    expect(() => parseTrustedFingerprints('ghp_notAFingerprint')).not.toThrow(/ghp_/);
  });
});

describe('signatures', () => {
  test("gpg's default binary --detach-sign output verifies and is posted as armor", async () => {
    const binary = await gpgSignBinary(home, { localUser: alice, dataPath });
    expect(binary[0] & 0x80).toBe(0x80);
    const ring = await loadTrustedKeys([aliceArmor]);
    expect((await verifyDetached(DATA, new Uint8Array(binary), ring, new Date())).fingerprint).toBe(alice);
    const inspected = await inspectSignature(new Uint8Array(binary));
    expect(inspected.armored).toContain('-----BEGIN PGP SIGNATURE-----');
    expect(inspected.signers).toEqual([{ signingKeyId: alice.slice(-16), fingerprint: alice }]);
    expect((await verifyDetached(DATA, inspected.armored, ring, new Date())).fingerprint).toBe(alice);
  });

  async function repeatedBinary(count: number): Promise<Uint8Array> {
    const { data } = await openpgp.unarmor(aliceSignature);
    const packet = data as unknown as Uint8Array;
    return new Uint8Array(bytesOf(...Array.from({ length: count }, () => packet)));
  }

  async function repeated(count: number): Promise<string> {
    return openpgp.armor(openpgp.enums.armor.signature, await repeatedBinary(count));
  }

  test('9 signature packets are refused before any is checked; 8 are checked', async () => {
    const ring = await loadTrustedKeys([aliceArmor]);
    const error = await refusal(verifyDetached(DATA, await repeated(9), ring, new Date()));
    expect(error.code).toBe('SIGNATURE_TOO_MANY_PACKETS');
    expect(error.message).toMatch(/cap of 8/);
    expect((await verifyDetached(DATA, await repeated(8), ring, new Date())).fingerprint).toBe(alice);
  });

  test('floods claiming the trusted key are refused at once: 500 packets by count, 917 armored by size', async () => {
    const ring = await loadTrustedKeys([aliceArmor]);
    const started = Date.now();
    const byCount = await repeatedBinary(500);
    expect((await refusal(verifyDetached(DATA, byCount, ring, new Date()))).code).toBe('SIGNATURE_TOO_MANY_PACKETS');
    expect((await refusal(inspectSignature(byCount))).code).toBe('SIGNATURE_TOO_MANY_PACKETS');
    const bySize = await refusal(verifyDetached(DATA, await repeated(917), ring, new Date()));
    expect(bySize.code).toBe('SIGNATURE_TOO_LARGE');
    expect(bySize.message).toMatch(/cap of 64 KiB/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test.each([
    ['a public key', () => aliceArmor],
    ['armor with no packet', () => '-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n'],
    ['text', () => 'not a signature'],
  ])('inspectSignature refuses %s with SIGNATURE_MALFORMED', async (_name, input) => {
    expect((await refusal(inspectSignature(input()))).code).toBe('SIGNATURE_MALFORMED');
  });
});

describe('keys as users rotate them', () => {
  const created = new Date(Date.now() - 10 * DAY_MS);
  const signedAt = new Date(Date.now() - 9 * DAY_MS);

  test('after gpg --quick-set-expire and a re-export, an older signature verifies', async () => {
    const fingerprint = await gpgGenerateKey(home, { algo: 'ed25519', expire: '30d', fakedSystemTime: created });
    const signature = await signArmored(fingerprint, { fakedSystemTime: signedAt });
    await gpgSetExpire(home, fingerprint, '2y');
    const ring = await loadTrustedKeys([await gpgExportPublic(home, fingerprint)]);
    const check = await verifyDetached(DATA, signature, ring, new Date());
    expect(check.fingerprint).toBe(fingerprint);
    expect(Math.abs(check.signedAt.getTime() - signedAt.getTime())).toBeLessThan(2000);
  });

  test('the same for a signing subkey whose binding was re-made', async () => {
    const primary = await gpgGenerateKey(home, {
      algo: 'ed25519',
      usage: 'cert',
      expire: '0',
      fakedSystemTime: created,
    });
    const subkey = await gpgAddSigningSubkey(home, primary, {
      algo: 'ed25519',
      expire: '30d',
      fakedSystemTime: created,
    });
    const signature = await signArmored(primary, { fakedSystemTime: signedAt });
    await gpgSetExpire(home, primary, '2y', { subkeys: [subkey] });
    await gpgSetExpire(home, primary, '2y');
    const check = await verifyDetached(
      DATA,
      signature,
      await loadTrustedKeys([await gpgExportPublic(home, primary)]),
      new Date(),
    );
    expect(check.signingKeyId).toBe(subkey.slice(-16));
  });

  test('a key that expired and was extended afterwards: its earlier signatures verify again', async () => {
    const fingerprint = await gpgGenerateKey(home, { algo: 'ed25519', expire: '1d', fakedSystemTime: created });
    const expiredRing = await loadTrustedKeys([await gpgExportPublic(home, fingerprint)]);
    const signature = await signArmored(fingerprint, { fakedSystemTime: new Date(created.getTime() + DAY_MS / 2) });
    expect((await refusal(verifyDetached(DATA, signature, expiredRing, new Date()))).code).toBe('KEY_EXPIRED');
    await gpgSetExpire(home, fingerprint, '2y');
    const ring = await loadTrustedKeys([await gpgExportPublic(home, fingerprint)]);
    expect((await verifyDetached(DATA, signature, ring, new Date())).fingerprint).toBe(fingerprint);
  });

  test('a subkey whose binding signature is missing: KEY_BINDING, about the key, not the bytes', async () => {
    const primary = await gpgGenerateKey(home, { algo: 'ed25519', usage: 'cert' });
    const subkey = await gpgAddSigningSubkey(home, primary, { algo: 'ed25519' });
    const signature = await signArmored(primary);
    const key = await openpgp.readKey({ binaryKey: await gpgExportBinary(home, primary) });
    expect(key.subkeys[0].getFingerprint().toUpperCase()).toBe(subkey);
    key.subkeys[0].bindingSignatures = [];
    const error = await refusal(verifyDetached(DATA, signature, await loadTrustedKeys([key.armor()]), new Date()));
    expect(error.code).toBe('KEY_BINDING');
    expect(error.message).toContain(primary);
    expect(error.message).not.toMatch(/bytes/);
    // gpg agrees that nothing binds the subkey: it cannot check the signature.
    const importHome = await createGnupgHome();
    try {
      await gpg(importHome, ['--import'], { input: key.armor() });
      const path = join(importHome, 'sig.asc');
      await writeFile(path, signature);
      expect(statusOf(await gpg(importHome, ['--verify', path, dataPath]), 'GOODSIG')).toEqual([]);
    } finally {
      await removeGnupgHome(importHome);
    }
  });
});
