// signDetached and verifyDetached over a file streamed in chunks (fileSource), against the same over bytes, and
// with GnuPG: the same signatures, the same refusals, real files, real openpgp.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { FILE_STREAM_CHUNK_BYTES } from '../../common/src/index.js';
import {
  fileSource,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  STRONG_HASHES,
  verifyDetached,
  type SigningKey,
  type TrustedKeyring,
} from '../src/index.js';
import { makeKey, type TestKey } from './fixtures.js';
import {
  gpgExportPublic,
  gpgExportSecret,
  gpgGenerateKey,
  gpgSign,
  gpgVerify,
  statusOf,
  withGnupgHome,
} from './gpg.js';

// More than two chunks, the last one partial, so chunk boundaries are crossed; a marker no message may quote.
const MARKER = 'ghp_streamedSecretMarker';
const SIZE = 2 * FILE_STREAM_CHUNK_BYTES + 12_345;

let folder: string;
let dataPath: string;
let data: Uint8Array;
let signerKey: TestKey;
let otherKey: TestKey;
let signer: SigningKey;
let ring: TrustedKeyring;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ci-signing-streamed-'));
  dataPath = join(folder, 'results.json');
  const bytes = Buffer.alloc(SIZE);
  for (let index = 0; index < SIZE; index++) bytes[index] = 32 + ((index * 31) % 95);
  bytes.write(MARKER, FILE_STREAM_CHUNK_BYTES - 5);
  await writeFile(dataPath, bytes);
  data = new Uint8Array(bytes);
  [signerKey, otherKey] = await Promise.all([makeKey(), makeKey()]);
  signer = await loadPrivateKey(signerKey.privateKey, '');
  ring = await loadTrustedKeys([signerKey.publicKey]);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A copy of the data in its own file, changed by `change`. */
async function alteredCopy(name: string, change: (bytes: Buffer) => Buffer): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, change(Buffer.from(data)));
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<CiSigningError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CiSigningError);
  return error as CiSigningError;
}

function expectNoContent(error: CiSigningError): void {
  expect(error.toLine()).not.toContain(MARKER);
  expect(error.toLine()).not.toContain('\n');
}

describe('streamed from the file', () => {
  test('a streamed signature verifies over the bytes, and streamed', async () => {
    const signedAt = new Date(Math.floor(Date.now() / 1000 - 30) * 1000);
    const signature = await signDetached(fileSource(dataPath), signer, signedAt);
    expect(signature).toMatch(/^-----BEGIN PGP SIGNATURE-----\n[\s\S]+\n-----END PGP SIGNATURE-----\n$/);
    const expected = { fingerprint: signerKey.fingerprint, signingKeyId: signerKey.fingerprint.slice(-16), signedAt };
    expect(await verifyDetached(data, signature, ring, new Date())).toEqual(expected);
    expect(await verifyDetached(fileSource(dataPath), signature, ring, new Date())).toEqual(expected);
  });

  test('a signature over the bytes verifies streamed from the file', async () => {
    const signature = await signDetached(data, signer);
    const check = await verifyDetached(fileSource(dataPath), signature, ring, new Date());
    expect(check.fingerprint).toBe(signerKey.fingerprint);
  });

  test('the streamed signature is a binary (0x00) document signature with the hash of the one over bytes', async () => {
    const kinds = [];
    for (const input of [data, fileSource(dataPath)]) {
      const signature = await openpgp.readSignature({ armoredSignature: await signDetached(input, signer) });
      kinds.push(signature.packets.map((packet) => [packet.signatureType, packet.hashAlgorithm]));
    }
    expect(kinds[1]).toEqual(kinds[0]);
    expect(kinds[0]).toHaveLength(1);
    expect(kinds[0][0][0]).toBe(openpgp.enums.signature.binary);
    expect(STRONG_HASHES.has(kinds[0][0][1] as openpgp.enums.hash)).toBe(true);
  });

  test('an empty file signs and verifies streamed, and as empty bytes', async () => {
    const empty = join(folder, 'empty.json');
    await writeFile(empty, '');
    const signature = await signDetached(fileSource(empty), signer);
    await expect(verifyDetached(new Uint8Array(0), signature, ring, new Date())).resolves.toBeDefined();
    await expect(verifyDetached(fileSource(empty), signature, ring, new Date())).resolves.toBeDefined();
    await expect(verifyDetached(data, signature, ring, new Date())).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  test('streamed verify refuses a file with one byte flipped, wherever it is', async () => {
    const signature = await signDetached(data, signer);
    for (const offset of [0, FILE_STREAM_CHUNK_BYTES - 1, FILE_STREAM_CHUNK_BYTES, SIZE - 1]) {
      const path = await alteredCopy(`flipped-${offset}.json`, (bytes) => {
        bytes[offset] ^= 0x01;
        return bytes;
      });
      const error = await refusal(verifyDetached(fileSource(path), signature, ring, new Date()));
      expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', kind: 'verification' });
      expect(error.message).toContain('does not match the data');
      expectNoContent(error);
    }
  });

  test('streamed verify refuses a truncated file, and one with a byte appended', async () => {
    const signature = await signDetached(fileSource(dataPath), signer);
    const truncated = await alteredCopy('truncated.json', (bytes) => bytes);
    await truncate(truncated, SIZE - 1);
    const cutAtChunk = await alteredCopy('cut-at-chunk.json', (bytes) => bytes.subarray(0, FILE_STREAM_CHUNK_BYTES));
    const appended = await alteredCopy('appended.json', (bytes) => Buffer.concat([bytes, Buffer.from(' ')]));
    for (const path of [truncated, cutAtChunk, appended]) {
      const error = await refusal(verifyDetached(fileSource(path), signature, ring, new Date()));
      expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', kind: 'verification' });
      expectNoContent(error);
    }
  });

  test('each signer checked reads the file afresh: a failing first signer does not spend the stream', async () => {
    // Both signers are trusted; the first signature is over other data, so its check reads the file and fails.
    const otherSigner = await loadPrivateKey(otherKey.privateKey, '');
    const wrong = await openpgp.readSignature({
      armoredSignature: await signDetached(new TextEncoder().encode('other'), otherSigner),
    });
    const right = await openpgp.readSignature({ armoredSignature: await signDetached(fileSource(dataPath), signer) });
    const both = new openpgp.Signature(new openpgp.PacketList<openpgp.SignaturePacket>());
    both.packets.push(...wrong.packets, ...right.packets);
    const twoRing = await loadTrustedKeys([otherKey.publicKey, signerKey.publicKey]);
    const check = await verifyDetached(fileSource(dataPath), both.armor(), twoRing, new Date());
    expect(check.fingerprint).toBe(signerKey.fingerprint);
    // Only the wrong one: its refusal, as over bytes.
    const alone = await refusal(verifyDetached(fileSource(dataPath), wrong.armor(), twoRing, new Date()));
    expect(alone.code).toBe((await refusal(verifyDetached(data, wrong.armor(), twoRing, new Date()))).code);
  });

  test('policy refusals come first and are the same as over bytes (clock skew before reading the file)', async () => {
    const future = await signDetached(data, signer, new Date(Date.now() + 60 * 60 * 1000));
    // Refused without reading the data: even a file that fails every read gets that refusal.
    const error = await refusal(verifyDetached(fileSource('/proc/self/mem'), future, ring, new Date()));
    expect(error.code).toBe('SIGNATURE_FROM_FUTURE');
    expect(error.message).toBe((await refusal(verifyDetached(data, future, ring, new Date()))).message);
  });
});

describe('a file that cannot be read', () => {
  test('is refused before signing or verifying, with a one-line cause and fix naming the file', async () => {
    const missing = join(folder, 'missing.json');
    const signature = await signDetached(data, signer);
    const source = fileSource(missing, { what: 'results file', flag: 'results-file' });
    for (const attempt of [signDetached(source, signer), verifyDetached(source, signature, ring, new Date())]) {
      const error = await refusal(attempt);
      expect(error).toMatchObject({
        code: 'FILE_NOT_FOUND',
        kind: 'input',
        message: `Results file ${missing} does not exist.`,
        fix: expect.stringContaining('results-file'),
      });
    }
    await expect(signDetached(fileSource(folder), signer)).rejects.toMatchObject({ code: 'FILE_NOT_REGULAR' });
    await expect(verifyDetached(fileSource('/dev/zero'), signature, ring, new Date())).rejects.toMatchObject({
      code: 'FILE_NOT_REGULAR',
    });
  });

  test('a read that fails part way is FILE_UNREADABLE, not a signing failure or a bad signature', async () => {
    // /proc/self/mem opens as a regular file and fails its first read (EIO).
    const signature = await signDetached(data, signer);
    for (const attempt of [
      signDetached(fileSource('/proc/self/mem'), signer),
      verifyDetached(fileSource('/proc/self/mem'), signature, ring, new Date()),
    ]) {
      const error = await refusal(attempt);
      expect(error).toMatchObject({ code: 'FILE_UNREADABLE', kind: 'input' });
      expect(error.toLine()).toBe(
        'FILE_UNREADABLE: Data file /proc/self/mem cannot be read (EIO). Fix: Point file at a readable regular file.',
      );
    }
  });
});

describe('GnuPG and streamed signatures', () => {
  test('gpg --verify accepts a streamed signature; a gpg signature verifies streamed', async () => {
    await withGnupgHome(async (home) => {
      const fingerprint = await gpgGenerateKey(home, { algo: 'ed25519' });
      const key = await loadPrivateKey(await gpgExportSecret(home, fingerprint), '');
      const signaturePath = join(folder, 'streamed.asc');
      await writeFile(signaturePath, await signDetached(fileSource(dataPath), key));
      const result = await gpgVerify(home, signaturePath, dataPath);
      expect(statusOf(result, 'BADSIG')).toEqual([]);
      const [validsig] = statusOf(result, 'VALIDSIG');
      expect(validsig?.[10]).toBe(fingerprint);
      expect(['8', '9', '10']).toContain(validsig?.[8]); // SHA-256, -384, -512
      expect(validsig?.[9]).toBe('00'); // binary document signature
      expect(result.exitCode).toBe(0);

      const gpgSignature = await gpgSign(home, {
        localUser: fingerprint,
        dataPath,
        signaturePath: join(folder, 'gpg.asc'),
        digestAlgo: 'SHA256',
      });
      const gpgRing = await loadTrustedKeys([await gpgExportPublic(home, fingerprint)]);
      expect((await verifyDetached(fileSource(dataPath), gpgSignature, gpgRing, new Date())).fingerprint).toBe(
        fingerprint,
      );
      // And gpg refuses what we refuse: the streamed signature over a flipped copy.
      const flipped = await alteredCopy('gpg-flipped.json', (bytes) => {
        bytes[SIZE - 2] ^= 0x01;
        return bytes;
      });
      expect(statusOf(await gpgVerify(home, signaturePath, flipped), 'BADSIG')).toHaveLength(1);
      await expect(verifyDetached(fileSource(flipped), gpgSignature, gpgRing, new Date())).rejects.toMatchObject({
        code: 'SIGNATURE_INVALID',
      });
    });
  });
});
