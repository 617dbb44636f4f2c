// Interop with real GnuPG 2.2 in both directions. gpg can exit 0 while skipping keys or failing a
// check, so every assertion reads gpg's status lines.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  verifyDetached,
  type GeneratedKeyPair,
} from '../src/index.js';
import {
  createGnupgHome,
  gpg,
  gpgAddSigningSubkey,
  gpgExportPublic,
  gpgExportSecret,
  gpgGenerateKey,
  gpgImport,
  gpgListFingerprints,
  gpgSign,
  gpgVerify,
  removeGnupgHome,
  statusOf,
  type GpgResult,
} from './gpg.js';

const PASSPHRASE = 'gpg interop passphrase';
const DATA = new TextEncoder().encode('{"version":1,"repository":"o/r"}\n');
// OpenPGP hash algorithm ids as gpg prints them in VALIDSIG.
const SHA256_OR_STRONGER = ['8', '9', '10', '12', '14'];

let home: string;
let dataPath: string;
const gpgKeys: Record<'ed25519' | 'rsa3072', string> = { ed25519: '', rsa3072: '' };

beforeAll(async () => {
  home = await createGnupgHome();
  dataPath = join(home, 'results.json');
  await writeFile(dataPath, DATA);
  gpgKeys.ed25519 = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE });
  gpgKeys.rsa3072 = await gpgGenerateKey(home, { algo: 'rsa3072', passphrase: PASSPHRASE });
});

afterAll(async () => {
  await removeGnupgHome(home);
});

/** Asserts a good signature by `primaryFingerprint` (made by `signingFingerprint`) in gpg's status. */
function expectValidSignature(
  result: GpgResult,
  primaryFingerprint: string,
  signingFingerprint = primaryFingerprint,
): void {
  expect(statusOf(result, 'BADSIG')).toEqual([]);
  expect(statusOf(result, 'GOODSIG')).toHaveLength(1);
  const [validsig] = statusOf(result, 'VALIDSIG');
  expect(validsig).toBeDefined();
  // VALIDSIG <signing fpr> <date> <timestamp> <expire> <version> <reserved> <pk algo> <hash algo> <class> <primary fpr>
  expect(validsig[1]).toBe(signingFingerprint);
  expect(validsig[10]).toBe(primaryFingerprint);
  expect(SHA256_OR_STRONGER).toContain(validsig[8]);
  expect(validsig[9]).toBe('00'); // binary document signature
  expect(result.exitCode).toBe(0);
}

async function signWithOurs(armoredSecret: string, passphrase: string, name: string): Promise<string> {
  const key = await loadPrivateKey(armoredSecret, passphrase);
  const signaturePath = join(home, `${name}.asc`);
  await writeFile(signaturePath, await signDetached(DATA, key));
  return signaturePath;
}

describe.each(['ed25519', 'rsa3072'] as const)('gpg-made %s key with a passphrase', (algo) => {
  test('our signature with the exported secret key passes gpg --verify', async () => {
    const fingerprint = gpgKeys[algo];
    const secret = await gpgExportSecret(home, fingerprint, PASSPHRASE);
    const loaded = await loadPrivateKey(secret, PASSPHRASE);
    expect(loaded.fingerprint).toBe(fingerprint);
    const signaturePath = await signWithOurs(secret, PASSPHRASE, `ours-${algo}`);
    expectValidSignature(await gpgVerify(home, signaturePath, dataPath), fingerprint);
  });

  test('the exported secret key also loads when base64-wrapped or as one-line armor', async () => {
    const secret = await gpgExportSecret(home, gpgKeys[algo], PASSPHRASE);
    const forms = [Buffer.from(secret).toString('base64'), secret.trim().split('\n').join('\\n')];
    for (const form of forms) expect((await loadPrivateKey(form, PASSPHRASE)).fingerprint).toBe(gpgKeys[algo]);
  });

  test('gpg --detach-sign --armor signature passes our verifyDetached', async () => {
    const fingerprint = gpgKeys[algo];
    const signature = await gpgSign(home, {
      localUser: fingerprint,
      dataPath,
      signaturePath: join(home, `gpg-${algo}.asc`),
      passphrase: PASSPHRASE,
    });
    const ring = await loadTrustedKeys([await gpgExportPublic(home, fingerprint)]);
    const check = await verifyDetached(DATA, signature, ring, new Date());
    expect(check.fingerprint).toBe(fingerprint);
    expect(check.signingKeyId).toBe(fingerprint.slice(-16));
    expect(Math.abs(check.signedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  test('a wrong passphrase is refused for the gpg-made key', async () => {
    const secret = await gpgExportSecret(home, gpgKeys[algo], PASSPHRASE);
    await expect(loadPrivateKey(secret, 'not it')).rejects.toMatchObject({ code: 'KEY_PASSPHRASE' });
  });
});

describe('gpg-made key with a signing subkey', () => {
  let primary: string;
  let subkey: string;
  let secondHome: string;

  beforeAll(async () => {
    secondHome = await createGnupgHome();
    primary = await gpgGenerateKey(secondHome, { algo: 'ed25519', passphrase: PASSPHRASE });
    subkey = await gpgAddSigningSubkey(secondHome, primary, { algo: 'ed25519', passphrase: PASSPHRASE });
    await gpgImport(home, await gpgExportPublic(secondHome, primary));
  });

  afterAll(async () => {
    await removeGnupgHome(secondHome);
  });

  test('gpg signs with the subkey; we accept it and report the primary fingerprint', async () => {
    const signature = await gpgSign(secondHome, {
      localUser: primary,
      dataPath,
      signaturePath: join(secondHome, 'sub.asc'),
      passphrase: PASSPHRASE,
    });
    const ring = await loadTrustedKeys([await gpgExportPublic(secondHome, primary)]);
    const check = await verifyDetached(DATA, signature, ring, new Date());
    expect(check.fingerprint).toBe(primary);
    expect(check.signingKeyId).toBe(subkey.slice(-16));
  });

  test('we sign with the subkey and gpg reports the primary key', async () => {
    const secret = await gpgExportSecret(secondHome, primary, PASSPHRASE);
    expect((await loadPrivateKey(secret, PASSPHRASE)).signingKeyId).toBe(subkey.slice(-16));
    const signaturePath = await signWithOurs(secret, PASSPHRASE, 'ours-subkey');
    expectValidSignature(await gpgVerify(home, signaturePath, dataPath), primary, subkey);
  });

  test('an export of only the secret subkeys (primary secret stripped) still signs', async () => {
    const result = await gpg(secondHome, ['--armor', '--export-secret-subkeys', primary], { passphrase: PASSPHRASE });
    expect(result.stdout).toContain('BEGIN PGP PRIVATE KEY BLOCK');
    const loaded = await loadPrivateKey(result.stdout, PASSPHRASE);
    expect(loaded.signingKeyId).toBe(subkey.slice(-16));
    const signaturePath = await signWithOurs(result.stdout, PASSPHRASE, 'ours-stripped');
    expectValidSignature(await gpgVerify(home, signaturePath, dataPath), primary, subkey);
  });
});

test('a secret export without the secret of any signing key is refused with KEY_NO_SIGNING', async () => {
  // --export-secret-subkeys of a key without subkeys leaves only a stub of the primary key.
  const result = await gpg(home, ['--armor', '--export-secret-subkeys', gpgKeys.ed25519], { passphrase: PASSPHRASE });
  expect(result.stdout).toContain('BEGIN PGP PRIVATE KEY BLOCK');
  await expect(loadPrivateKey(result.stdout, PASSPHRASE)).rejects.toMatchObject({
    code: 'KEY_NO_SIGNING',
    message: expect.stringMatching(/not in the exported key/),
  });
});

describe.each(['ed25519', 'rsa4096'] as const)('generateKeyPair %s imported by gpg', (algorithm) => {
  let pair: GeneratedKeyPair;
  let importHome: string;
  const passphrase = `keygen ${algorithm} passphrase`;

  beforeAll(async () => {
    // rsa4096 is generated only here, once.
    pair = await generateKeyPair({
      name: 'CI Signer',
      email: `ci-${algorithm}@example.com`,
      expiresInSeconds: 86400 * 365,
      algorithm,
      passphrase,
    });
    importHome = await createGnupgHome();
  });

  afterAll(async () => {
    await removeGnupgHome(importHome);
  });

  test('the key is a v4 key of the requested algorithm', async () => {
    const key = await openpgp.readKey({ armoredKey: pair.publicKey });
    expect(key.keyPacket.version).toBe(4);
    const info = key.getAlgorithmInfo();
    if (algorithm === 'rsa4096') expect(info).toMatchObject({ algorithm: 'rsaEncryptSign', bits: 4096 });
    else expect(info).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
  });

  test('gpg imports the public key (IMPORT_OK) and lists its fingerprint', async () => {
    const result = await gpgImport(importHome, pair.publicKey);
    expect(statusOf(result, 'IMPORT_OK').map((words) => words[2])).toContain(pair.fingerprint);
    const [imported] = statusOf(result, 'IMPORT_RES');
    expect(imported[1]).toBe('1'); // count
    expect(imported[3]).toBe('1'); // imported
    expect(await gpgListFingerprints(importHome)).toContain(pair.fingerprint);
  });

  test('gpg imports the secret key with its passphrase and signs with it; we verify', async () => {
    const result = await gpgImport(importHome, pair.privateKey, passphrase);
    expect(statusOf(result, 'IMPORT_OK').map((words) => words[2])).toContain(pair.fingerprint);
    expect(statusOf(result, 'IMPORT_RES')[0][11]).toBe('1'); // secret keys imported
    expect(await gpgListFingerprints(importHome, true)).toContain(pair.fingerprint);
    const signature = await gpgSign(importHome, {
      localUser: pair.fingerprint,
      dataPath,
      signaturePath: join(importHome, 'by-gpg.asc'),
      passphrase,
    });
    const check = await verifyDetached(DATA, signature, await loadTrustedKeys([pair.publicKey]), new Date());
    expect(check.fingerprint).toBe(pair.fingerprint);
  });

  test('our signature with the generated key passes gpg --verify', async () => {
    await gpgImport(importHome, pair.publicKey);
    const signaturePath = join(importHome, 'ours.asc');
    await writeFile(signaturePath, await signDetached(DATA, await loadPrivateKey(pair.privateKey, passphrase)));
    expectValidSignature(await gpgVerify(importHome, signaturePath, dataPath), pair.fingerprint);
  });

  test('gpg accepts the revocation certificate and then reports the key revoked', async () => {
    const revokeHome = await createGnupgHome();
    try {
      await gpgImport(revokeHome, pair.publicKey);
      const result = await gpgImport(revokeHome, pair.revocationCertificate);
      expect(statusOf(result, 'IMPORT_RES')[0][9]).toBe('1'); // revocations imported
      const listing = await gpg(revokeHome, ['--list-keys', '--with-colons', pair.fingerprint]);
      expect(listing.stdout).toMatch(/^pub:r:/m);
    } finally {
      await removeGnupgHome(revokeHome);
    }
  });
});
