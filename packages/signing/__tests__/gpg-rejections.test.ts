// Every refusal of verifyDetached (and of loadPrivateKey where it applies) shown with a real key or
// signature made by GnuPG. Times are kept consistent: a key is created before anything it signs
// (both tools refuse a signature older than its key), using gpg's --faked-system-time.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CiSigningError } from '../../errors/src/index.js';
import { loadPrivateKey, loadTrustedKeys, verifyDetached, type SignatureCheck } from '../src/index.js';
import {
  createGnupgHome,
  gpgAddSigningSubkey,
  gpgExportPublic,
  gpgExportSecret,
  gpgGenerateKey,
  gpgRevocationCertificate,
  gpgRevokeKey,
  gpgSign,
  gpgVerify,
  removeGnupgHome,
  statusOf,
} from './gpg.js';

const PASSPHRASE = 'rejection passphrase';
const DATA = new TextEncoder().encode('{\n  "version": 1,\n  "conclusion": "success"\n}\n');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

let home: string;
let dataPath: string;
let good: string;
let goodPublic: string;
let signatureCount = 0;

beforeAll(async () => {
  home = await createGnupgHome();
  dataPath = join(home, 'results.json');
  await writeFile(dataPath, DATA);
  good = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE });
  goodPublic = await gpgExportPublic(home, good);
});

afterAll(async () => {
  await removeGnupgHome(home);
});

async function sign(
  localUser: string,
  options: { digestAlgo?: string; fakedSystemTime?: Date; extraArgs?: string[] } = {},
): Promise<{ path: string; armored: string }> {
  const path = join(home, `signature-${++signatureCount}.asc`);
  const armored = await gpgSign(home, { localUser, dataPath, signaturePath: path, passphrase: PASSPHRASE, ...options });
  return { path, armored };
}

async function verifyRefusal(
  data: Uint8Array,
  armored: string,
  trusted: string[],
  now = new Date(),
): Promise<CiSigningError> {
  let result: SignatureCheck | undefined;
  try {
    result = await verifyDetached(data, armored, await loadTrustedKeys(trusted), now);
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return error as CiSigningError;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
}

async function loadRefusal(armored: string): Promise<CiSigningError> {
  try {
    await loadPrivateKey(armored, PASSPHRASE);
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return error as CiSigningError;
  }
  throw new Error('expected loadPrivateKey to refuse');
}

test('control: the good key and signature are accepted by both tools', async () => {
  const { path, armored } = await sign(good);
  expect(statusOf(await gpgVerify(home, path, dataPath), 'GOODSIG')).toHaveLength(1);
  expect((await verifyDetached(DATA, armored, await loadTrustedKeys([goodPublic]), new Date())).fingerprint).toBe(good);
});

test('one flipped byte in the data: SIGNATURE_INVALID (gpg: BADSIG)', async () => {
  const { path, armored } = await sign(good);
  const flipped = Uint8Array.from(DATA);
  flipped[10] ^= 0x20;
  const flippedPath = join(home, 'flipped.json');
  await writeFile(flippedPath, flipped);
  expect(statusOf(await gpgVerify(home, path, flippedPath), 'BADSIG')).toHaveLength(1);
  const error = await verifyRefusal(flipped, armored, [goodPublic]);
  expect(error.code).toBe('SIGNATURE_INVALID');
});

test('CRLF-converted data file: SIGNATURE_INVALID (gpg: BADSIG)', async () => {
  const { path, armored } = await sign(good);
  const crlf = new TextEncoder().encode(new TextDecoder().decode(DATA).replace(/\n/g, '\r\n'));
  const crlfPath = join(home, 'crlf.json');
  await writeFile(crlfPath, crlf);
  expect(statusOf(await gpgVerify(home, path, crlfPath), 'BADSIG')).toHaveLength(1);
  const error = await verifyRefusal(new Uint8Array(await readFile(crlfPath)), armored, [goodPublic]);
  expect(error.code).toBe('SIGNATURE_INVALID');
  expect(error.message).toMatch(/does not match the data/);
});

test('signature by a key that is not trusted: SIGNATURE_UNTRUSTED_KEY naming the signer', async () => {
  const stranger = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE });
  const { armored } = await sign(stranger);
  const error = await verifyRefusal(DATA, armored, [goodPublic]);
  expect(error.code).toBe('SIGNATURE_UNTRUSTED_KEY');
  expect(error.message).toContain(stranger.slice(-16));
});

test.each(['SHA1', 'RIPEMD160', 'MD5'])('%s signature: SIGNATURE_WEAK_HASH', async (digestAlgo) => {
  const { armored } = await sign(good, { digestAlgo });
  const error = await verifyRefusal(DATA, armored, [goodPublic]);
  expect(error.code).toBe('SIGNATURE_WEAK_HASH');
  expect(error.message).toContain(digestAlgo);
});

test('signature dated an hour ahead: SIGNATURE_FROM_FUTURE; two minutes ahead is tolerated', async () => {
  const now = new Date();
  const { armored } = await sign(good, { fakedSystemTime: new Date(now.getTime() + HOUR_MS) });
  const error = await verifyRefusal(DATA, armored, [goodPublic], now);
  expect(error.code).toBe('SIGNATURE_FROM_FUTURE');
  const slightly = await sign(good, { fakedSystemTime: new Date(now.getTime() + 2 * 60 * 1000) });
  const check = await verifyDetached(DATA, slightly.armored, await loadTrustedKeys([goodPublic]), now);
  expect(check.signedAt.getTime()).toBeGreaterThan(now.getTime());
});

describe('expired key (created 10 days ago, expired after 1 day)', () => {
  let expired: string;
  let created: Date;

  beforeAll(async () => {
    created = new Date(Date.now() - 10 * DAY_MS);
    expired = await gpgGenerateKey(home, {
      algo: 'ed25519',
      passphrase: PASSPHRASE,
      expire: '1d',
      fakedSystemTime: created,
    });
  });

  test('a signature made while it was valid: KEY_EXPIRED now (gpg: EXPKEYSIG), accepted at signing time', async () => {
    const signedAt = new Date(created.getTime() + HOUR_MS);
    const { path, armored } = await sign(expired, { fakedSystemTime: signedAt });
    expect(statusOf(await gpgVerify(home, path, dataPath), 'EXPKEYSIG')).toHaveLength(1);
    const trusted = [await gpgExportPublic(home, expired)];
    const error = await verifyRefusal(DATA, armored, trusted);
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain(expired);
    const check = await verifyDetached(
      DATA,
      armored,
      await loadTrustedKeys(trusted),
      new Date(signedAt.getTime() + HOUR_MS),
    );
    expect(check.fingerprint).toBe(expired);
  });

  test('loadPrivateKey refuses it: KEY_EXPIRED', async () => {
    const error = await loadRefusal(await gpgExportSecret(home, expired, PASSPHRASE));
    expect(error.code).toBe('KEY_EXPIRED');
  });
});

describe('revoked key', () => {
  let revoked: string;
  let signature: string;
  let publicBeforeRevocation: string;

  beforeAll(async () => {
    revoked = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE });
    signature = (await sign(revoked)).armored;
    publicBeforeRevocation = await gpgExportPublic(home, revoked);
  });

  test('control: accepted before the revocation is known', async () => {
    expect(
      (await verifyDetached(DATA, signature, await loadTrustedKeys([publicBeforeRevocation]), new Date())).fingerprint,
    ).toBe(revoked);
  });

  test("gpg's revocation certificate inside the trusted keys text: KEY_REVOKED", async () => {
    const certificate = await gpgRevocationCertificate(home, revoked);
    const error = await verifyRefusal(DATA, signature, [`${goodPublic}\n${publicBeforeRevocation}\n${certificate}`]);
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(revoked);
  });

  test('a key exported after gpg revoked it: KEY_REVOKED (gpg: REVKEYSIG); its secret key is refused too', async () => {
    await gpgRevokeKey(home, revoked);
    const path = join(home, 'revoked.asc');
    await writeFile(path, signature);
    expect(statusOf(await gpgVerify(home, path, dataPath), 'REVKEYSIG')).toHaveLength(1);
    const error = await verifyRefusal(DATA, signature, [await gpgExportPublic(home, revoked)]);
    expect(error.code).toBe('KEY_REVOKED');
    expect((await loadRefusal(await gpgExportSecret(home, revoked, PASSPHRASE))).code).toBe('KEY_REVOKED');
  });
});

describe.each([
  ['rsa1024', /RSA 1024-bit/],
  ['dsa2048', /DSA/],
] as const)('weak %s key', (algo, reason) => {
  let weak: string;

  beforeAll(async () => {
    weak = await gpgGenerateKey(home, { algo, passphrase: PASSPHRASE });
  });

  test('its signature (valid for gpg): KEY_WEAK with the reason', async () => {
    const { path, armored } = await sign(weak);
    expect(statusOf(await gpgVerify(home, path, dataPath), 'GOODSIG')).toHaveLength(1);
    const error = await verifyRefusal(DATA, armored, [await gpgExportPublic(home, weak)]);
    expect(error.code).toBe('KEY_WEAK');
    expect(error.message).toMatch(reason);
  });

  test('loadPrivateKey refuses it: KEY_WEAK', async () => {
    const error = await loadRefusal(await gpgExportSecret(home, weak, PASSPHRASE));
    expect(error.code).toBe('KEY_WEAK');
    expect(error.message).toMatch(reason);
  });
});

describe('certify-only primary key', () => {
  test('without a signing subkey: loadPrivateKey refuses with KEY_NO_SIGNING', async () => {
    const certifyOnly = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE, usage: 'cert' });
    const error = await loadRefusal(await gpgExportSecret(home, certifyOnly, PASSPHRASE));
    expect(error.code).toBe('KEY_NO_SIGNING');
    expect(error.message).toContain(certifyOnly);
  });

  test('with an expired signing subkey: KEY_EXPIRED naming the subkey, for signing and verifying', async () => {
    const created = new Date(Date.now() - 10 * DAY_MS);
    const primary = await gpgGenerateKey(home, {
      algo: 'ed25519',
      passphrase: PASSPHRASE,
      usage: 'cert',
      fakedSystemTime: created,
    });
    const subkey = await gpgAddSigningSubkey(home, primary, {
      algo: 'ed25519',
      passphrase: PASSPHRASE,
      expire: '1d',
      fakedSystemTime: created,
    });
    const { armored } = await sign(primary, { fakedSystemTime: new Date(created.getTime() + HOUR_MS) });
    const error = await verifyRefusal(DATA, armored, [await gpgExportPublic(home, primary)]);
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain(`subkey ${subkey.slice(-16)}`);
    const loadError = await loadRefusal(await gpgExportSecret(home, primary, PASSPHRASE));
    expect(loadError.code).toBe('KEY_EXPIRED');
    expect(loadError.message).toContain(`subkey ${subkey.slice(-16)}`);
  });
});

test('an RSA-1024 signing subkey under a strong primary key: KEY_WEAK naming the subkey', async () => {
  const primary = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE, usage: 'cert' });
  const subkey = await gpgAddSigningSubkey(home, primary, { algo: 'rsa1024', passphrase: PASSPHRASE });
  const { armored } = await sign(primary);
  const error = await verifyRefusal(DATA, armored, [await gpgExportPublic(home, primary)]);
  expect(error.code).toBe('KEY_WEAK');
  expect(error.message).toContain(`subkey ${subkey.slice(-16)}`);
  expect((await loadRefusal(await gpgExportSecret(home, primary, PASSPHRASE))).code).toBe('KEY_WEAK');
});

describe('signature timing against a key created 10 days ago', () => {
  let created: Date;
  let key: string;
  let trusted: string;

  beforeAll(async () => {
    created = new Date(Date.now() - 10 * DAY_MS);
    key = await gpgGenerateKey(home, { algo: 'ed25519', passphrase: PASSPHRASE, fakedSystemTime: created });
    trusted = await gpgExportPublic(home, key);
  });

  test('a signature whose own expiry has passed: SIGNATURE_INVALID (gpg: EXPSIG)', async () => {
    const { path, armored } = await sign(key, {
      fakedSystemTime: new Date(created.getTime() + HOUR_MS),
      extraArgs: ['--default-sig-expire', '1d'],
    });
    expect(statusOf(await gpgVerify(home, path, dataPath), 'EXPSIG')).toHaveLength(1);
    const error = await verifyRefusal(DATA, armored, [trusted]);
    expect(error.code).toBe('SIGNATURE_INVALID');
    expect(error.message).toMatch(/expired on/);
  });

  test('a signature dated before its key was created: SIGNATURE_INVALID', async () => {
    const { armored } = await sign(key, {
      fakedSystemTime: new Date(created.getTime() - DAY_MS),
      extraArgs: ['--ignore-time-conflict'],
    });
    const error = await verifyRefusal(DATA, armored, [trusted]);
    expect(error.code).toBe('SIGNATURE_INVALID');
    expect(error.message).toMatch(/before the key was created/);
  });
});
