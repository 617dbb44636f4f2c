import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import {
  MAX_CLOCK_SKEW_MS,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  verifyDetached,
  type SigningKey,
} from '../src/index.js';
import { DAY_MS, DAY_SECONDS, makeKey, openpgpSign, type TestKey } from './fixtures.js';

const DATA = new TextEncoder().encode('{"version":1,"tests":{"passed":3}}\n');

let signerKey: TestKey;
let otherKey: TestKey;
let subkeyKey: TestKey;
let signer: SigningKey;

beforeAll(async () => {
  [signerKey, otherKey, subkeyKey] = await Promise.all([makeKey(), makeKey(), makeKey({ signingSubkey: true })]);
  signer = await loadPrivateKey(signerKey.privateKey, '');
});

async function refusal(promise: Promise<unknown>): Promise<CiSigningError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    expect((error as CiSigningError).kind === 'verification').toBe(true);
    return error as CiSigningError;
  }
  throw new Error('expected a refusal');
}

/** Whole seconds: OpenPGP timestamps have no milliseconds. */
function secondsAgo(seconds: number): Date {
  return new Date((Math.floor(Date.now() / 1000) - seconds) * 1000);
}

describe('verifyDetached', () => {
  test('accepts a good signature and reports fingerprint, signing key id and time', async () => {
    const date = secondsAgo(30);
    const signature = await signDetached(DATA, signer, date);
    const ring = await loadTrustedKeys([otherKey.publicKey, signerKey.publicKey]);
    expect(await verifyDetached(DATA, signature, ring, new Date())).toEqual({
      fingerprint: signerKey.fingerprint,
      signingKeyId: signerKey.fingerprint.slice(-16),
      signedAt: date,
    });
  });

  test('reports the primary fingerprint when a subkey signed', async () => {
    const loaded = await loadPrivateKey(subkeyKey.privateKey, '');
    const signature = await signDetached(DATA, loaded);
    const check = await verifyDetached(DATA, signature, await loadTrustedKeys([subkeyKey.publicKey]), new Date());
    expect(check.fingerprint).toBe(subkeyKey.fingerprint);
    expect(check.signingKeyId).toBe(subkeyKey.object.subkeys[0].getKeyID().toHex().toUpperCase());
    expect(check.signingKeyId).not.toBe(subkeyKey.fingerprint.slice(-16));
  });

  test('refuses changed bytes (one flipped bit) as SIGNATURE_INVALID', async () => {
    const signature = await signDetached(DATA, signer);
    const changed = Uint8Array.from(DATA);
    changed[5] ^= 0x01;
    const error = await refusal(
      verifyDetached(changed, signature, await loadTrustedKeys([signerKey.publicKey]), new Date()),
    );
    expect(error.code).toBe('SIGNATURE_INVALID');
    expect(error.message).toMatch(/does not match the data/);
  });

  test('refuses a signer that is not trusted, naming its key id', async () => {
    const signature = await signDetached(DATA, signer);
    const error = await refusal(
      verifyDetached(DATA, signature, await loadTrustedKeys([otherKey.publicKey]), new Date()),
    );
    expect(error.code).toBe('SIGNATURE_UNTRUSTED_KEY');
    expect(error.message).toContain(signerKey.fingerprint.slice(-16));
    expect(error.message).toContain(otherKey.fingerprint);
  });

  test.each([
    ['empty text', ''],
    ['garbage', 'not a signature'],
    ['a damaged armor body', '-----BEGIN PGP SIGNATURE-----\n\n!!!!\n-----END PGP SIGNATURE-----'],
  ])('refuses %s as SIGNATURE_MALFORMED', async (_name, text) => {
    const error = await refusal(verifyDetached(DATA, text, await loadTrustedKeys([signerKey.publicKey]), new Date()));
    expect(error.code).toBe('SIGNATURE_MALFORMED');
  });

  test('refuses a public key given as the signature', async () => {
    const error = await refusal(
      verifyDetached(DATA, signerKey.publicKey, await loadTrustedKeys([signerKey.publicKey]), new Date()),
    );
    expect(error.code).toBe('SIGNATURE_MALFORMED');
  });

  test('refuses a text-mode signature, which would survive line-ending changes', async () => {
    const text = new TextDecoder().decode(DATA);
    const signature = await openpgpSign(signerKey.object, text, { text: true });
    const error = await refusal(
      verifyDetached(DATA, signature, await loadTrustedKeys([signerKey.publicKey]), new Date()),
    );
    expect(error.code).toBe('SIGNATURE_MALFORMED');
    expect(error.message).toMatch(/text-mode/);
  });

  test('refuses a signature block that signs no document (a revocation)', async () => {
    const asSignature = openpgp.armor(
      openpgp.enums.armor.signature,
      (await openpgp.unarmor(signerKey.revocationCertificate)).data as unknown as Uint8Array,
    );
    const error = await refusal(
      verifyDetached(DATA, asSignature, await loadTrustedKeys([signerKey.publicKey]), new Date()),
    );
    expect(error.code).toBe('SIGNATURE_MALFORMED');
    expect(error.message).toMatch(/no signature over a document/);
  });

  test('refuses a signature dated more than 5 minutes after now, accepts one within 5 minutes', async () => {
    const ring = await loadTrustedKeys([signerKey.publicKey]);
    const now = new Date();
    const ahead = new Date(Math.floor((now.getTime() + MAX_CLOCK_SKEW_MS + 60_000) / 1000) * 1000);
    const error = await refusal(verifyDetached(DATA, await signDetached(DATA, signer, ahead), ring, now));
    expect(error.code).toBe('SIGNATURE_FROM_FUTURE');
    expect(error.message).toMatch(/6 minutes after/);
    const slightlyAhead = new Date(Math.floor((now.getTime() + 4 * 60_000) / 1000) * 1000);
    const check = await verifyDetached(DATA, await signDetached(DATA, signer, slightlyAhead), ring, now);
    expect(check.signedAt).toEqual(slightlyAhead);
  });

  test('refuses a key that is expired now although it was valid when it signed', async () => {
    const created = secondsAgo(10 * DAY_SECONDS);
    const expiring = await makeKey({ date: created, expiresInSeconds: DAY_SECONDS });
    const signedAt = new Date(created.getTime() + 60 * 60 * 1000);
    const signature = await signDetached(DATA, await loadPrivateKey(expiring.privateKey, '', signedAt), signedAt);
    const ring = await loadTrustedKeys([expiring.publicKey]);
    const error = await refusal(verifyDetached(DATA, signature, ring, new Date()));
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain(expiring.fingerprint);
    // The same signature checked at a time the key was valid passes: expiry is judged at "now".
    const check = await verifyDetached(DATA, signature, ring, new Date(signedAt.getTime() + 60_000));
    expect(check.fingerprint).toBe(expiring.fingerprint);
  });

  test('refuses a key revoked by a certificate in the trusted keys', async () => {
    const signature = await signDetached(DATA, signer);
    expect(
      (await verifyDetached(DATA, signature, await loadTrustedKeys([signerKey.publicKey]), new Date())).fingerprint,
    ).toBe(signerKey.fingerprint);
    const ring = await loadTrustedKeys([`${signerKey.publicKey}\n${signerKey.revocationCertificate}`]);
    const error = await refusal(verifyDetached(DATA, signature, ring, new Date()));
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(signerKey.fingerprint);
  });

  test('refuses a signature by a revoked subkey', async () => {
    const loaded = await loadPrivateKey(subkeyKey.privateKey, '');
    const signature = await signDetached(DATA, loaded);
    const key = await openpgp.readPrivateKey({ armoredKey: subkeyKey.privateKey });
    key.subkeys[0] = await key.subkeys[0].revoke(key.keyPacket as openpgp.SecretKeyPacket);
    const error = await refusal(
      verifyDetached(DATA, signature, await loadTrustedKeys([key.toPublic().armor()]), new Date()),
    );
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(`subkey ${loaded.signingKeyId}`);
  });

  test('refuses an RSA-1024 signer as KEY_WEAK although openpgp could verify it', async () => {
    const weak = await makeKey({ rsaBits: 1024 });
    const signature = await openpgpSign(weak.object, DATA);
    const error = await refusal(verifyDetached(DATA, signature, await loadTrustedKeys([weak.publicKey]), new Date()));
    expect(error.code).toBe('KEY_WEAK');
    expect(error.message).toMatch(/RSA 1024-bit/);
  });

  describe('several signers', () => {
    let twoSigners: string;
    beforeAll(async () => {
      twoSigners = await openpgpSign([signerKey.object, otherKey.object], DATA);
    });

    test('accepts when one trusted signer verifies, and reports that signer', async () => {
      const check = await verifyDetached(DATA, twoSigners, await loadTrustedKeys([otherKey.publicKey]), new Date());
      expect(check.fingerprint).toBe(otherKey.fingerprint);
    });

    test('accepts a valid trusted signer even when another trusted signer is refused', async () => {
      const ring = await loadTrustedKeys([signerKey.publicKey + signerKey.revocationCertificate, otherKey.publicKey]);
      expect((await verifyDetached(DATA, twoSigners, ring, new Date())).fingerprint).toBe(otherKey.fingerprint);
    });

    test("reports the first trusted signer's refusal when none passes", async () => {
      const ring = await loadTrustedKeys([signerKey.publicKey + signerKey.revocationCertificate]);
      expect((await refusal(verifyDetached(DATA, twoSigners, ring, new Date()))).code).toBe('KEY_REVOKED');
    });

    test('names every signer when none is trusted', async () => {
      const error = await refusal(
        verifyDetached(DATA, twoSigners, await loadTrustedKeys([subkeyKey.publicKey]), new Date()),
      );
      expect(error.code).toBe('SIGNATURE_UNTRUSTED_KEY');
      expect(error.message).toContain(signerKey.fingerprint.slice(-16));
      expect(error.message).toContain(otherKey.fingerprint.slice(-16));
    });
  });

  test('uses the current time when now is not given', async () => {
    const expiring = await makeKey({ date: secondsAgo(3 * DAY_SECONDS), expiresInSeconds: DAY_SECONDS });
    const signedAt = secondsAgo(3 * DAY_SECONDS - 60);
    const signature = await signDetached(DATA, await loadPrivateKey(expiring.privateKey, '', signedAt), signedAt);
    const error = await refusal(verifyDetached(DATA, signature, await loadTrustedKeys([expiring.publicKey])));
    expect(error.code).toBe('KEY_EXPIRED');
    expect(Date.now() - signedAt.getTime()).toBeGreaterThan(2 * DAY_MS);
  });
});
