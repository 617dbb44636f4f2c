// verifyResults against real OpenPGP keys and detached signatures (made with openpgp.js directly, checked by
// packages/signing's verifyDetached). Nothing is mocked except one keyring that breaks on purpose.
import * as openpgp from 'openpgp';
import { CiSigningError } from '../../errors/src/index.js';
import { loadTrustedKeys, type TrustedKeyring } from '../../signing/src/index.js';
import {
  CHECK_IDS,
  verifyResults,
  type CheckOutcome,
  type VerificationReport,
  type VerifyInput,
  type VerifyPolicy,
} from '../src/index.js';

const DAY = 24 * 60 * 60 * 1000;
const REPOSITORY = 'Octo-Org/Hello-World';
const SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const SOURCE = 'results.json';

interface TestKey {
  privateKey: openpgp.PrivateKey;
  publicKey: string;
  revocationCertificate: string;
  fingerprint: string;
}

async function makeKey(
  name: string,
  options: { createdDaysAgo?: number; expiresInSeconds?: number } = {},
): Promise<TestKey> {
  const generated = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name, email: `${name.toLowerCase().replace(/\W+/g, '-')}@example.com` }],
    date: new Date(Date.now() - (options.createdDaysAgo ?? 30) * DAY),
    keyExpirationTime: options.expiresInSeconds ?? 0,
    format: 'armored',
  });
  const privateKey = await openpgp.readPrivateKey({ armoredKey: generated.privateKey });
  return {
    privateKey,
    publicKey: generated.publicKey,
    revocationCertificate: generated.revocationCertificate,
    fingerprint: privateKey.getFingerprint().toUpperCase(),
  };
}

async function sign(bytes: Uint8Array, key: TestKey, date = new Date()): Promise<string> {
  return openpgp.sign({
    message: await openpgp.createMessage({ binary: bytes }),
    signingKeys: key.privateKey,
    detached: true,
    format: 'armored',
    date,
  }) as Promise<string>;
}

function resultsBytes(overrides: Record<string, unknown> = {}): Uint8Array {
  const results = {
    version: 1,
    repository: 'octo-org/hello-world',
    commit: SHA,
    conclusion: 'success',
    tests: { passed: 42, failed: 0, skipped: 1 },
    coverage: { lines: 91.5 },
    ...overrides,
  };
  return new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`);
}

const POLICY: VerifyPolicy = {
  allowUnsigned: false,
  maxFailedTests: 0,
  minCoverage: null,
  minTests: 1,
  maxAgeSeconds: null,
};

let trusted: TestKey;
let untrusted: TestKey;
let expiring: TestKey;
let revoked: TestKey;
let ring: TrustedKeyring;

beforeAll(async () => {
  [trusted, untrusted, expiring, revoked] = await Promise.all([
    makeKey('Trusted Runner'),
    makeKey('Somebody Else'),
    makeKey('Expired Runner', { createdDaysAgo: 10, expiresInSeconds: 5 * 24 * 3600 }),
    makeKey('Revoked Runner'),
  ]);
  ring = await loadTrustedKeys([
    trusted.publicKey,
    expiring.publicKey,
    `${revoked.publicKey}\n${revoked.revocationCertificate}`,
  ]);
});

async function verify(
  overrides: Partial<Omit<VerifyInput, 'policy'>> & { policy?: Partial<VerifyPolicy> } = {},
): Promise<VerificationReport> {
  const bytes = overrides.resultsBytes ?? resultsBytes();
  const signature = overrides.signature === undefined ? await sign(bytes, trusted) : overrides.signature;
  return verifyResults({
    resultsBytes: bytes,
    signature,
    keyring: overrides.keyring === undefined ? ring : overrides.keyring,
    expected: overrides.expected ?? { repository: REPOSITORY, sha: SHA.toUpperCase() },
    policy: { ...POLICY, ...overrides.policy },
    now: overrides.now ?? new Date(),
    source: overrides.source ?? SOURCE,
  });
}

const statuses = (report: VerificationReport): string[] => report.checks.map((check) => check.status);
const check = (report: VerificationReport, id: CheckOutcome['id']): CheckOutcome =>
  report.checks.find((outcome) => outcome.id === id)!;

/** A failed report: the failing check, its code, every later check skipped, kind verification. */
function expectFailure(report: VerificationReport, failedCheck: CheckOutcome['id'], code: string): CiSigningError {
  expect(report.verified).toBe(false);
  const index = CHECK_IDS.indexOf(failedCheck);
  expect(report.checks[index].status).toBe('fail');
  expect(report.checks.slice(0, index).every((outcome) => outcome.status === 'pass' || outcome.status === 'warn')).toBe(
    true,
  );
  expect(report.checks.slice(index + 1).every((outcome) => outcome.status === 'skip')).toBe(true);
  for (const skipped of report.checks.slice(index + 1))
    expect(skipped.detail).toBe(`Not checked: "${report.checks[index].title}" failed.`);
  expect(report.error).toBeInstanceOf(CiSigningError);
  expect(report.error?.code).toBe(code);
  expect(report.error?.kind).toBe('verification');
  expect(report.checks[index].detail).toBe(report.error?.message);
  expect(report.error?.message).not.toMatch(/[\r\n]/);
  return report.error!;
}

describe('a signed result that meets the policy', () => {
  test('passes all five checks in order and reports the signer', async () => {
    const before = Date.now();
    const report = await verify({ policy: { minCoverage: 90, maxAgeSeconds: 3600 } });
    expect(report.checks.map((outcome) => outcome.id)).toEqual([...CHECK_IDS]);
    expect(statuses(report)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(report).toMatchObject({
      verified: true,
      signed: true,
      fingerprint: trusted.fingerprint,
      conclusion: 'success',
    });
    expect(report.signingKeyId).toBe(trusted.privateKey.getKeyID().toHex().toUpperCase());
    expect(Date.parse(report.signedAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(report.error).toBeUndefined();
    expect(report.results?.tests.passed).toBe(42);
    expect(check(report, 'signature-valid').detail).toContain(`Valid signature by trusted key ${trusted.fingerprint}`);
    expect(check(report, 'binding').detail).toBe(
      `The results are for octo-org/hello-world at commit ${SHA}, as expected.`,
    );
    expect(check(report, 'freshness').detail).toMatch(/^Signed 0s ago \(.+\), within max-age 1h\.$/);
    expect(check(report, 'thresholds').detail).toBe(
      'conclusion success, 0 failed (max-failed-tests 0), 42 tests ran (min-tests 1), line coverage 91.5% (min-coverage 90%).',
    );
  });

  test('a signature that is only a little ahead of this clock counts as age 0', async () => {
    const bytes = resultsBytes();
    const report = await verify({
      resultsBytes: bytes,
      signature: await sign(bytes, trusted, new Date(Date.now() + 2 * 60 * 1000)),
      policy: { maxAgeSeconds: 60 },
    });
    expect(report.verified).toBe(true);
    expect(check(report, 'freshness').detail).toMatch(/^Signed 0s ago/);
  });
});

describe('1. signature-present', () => {
  test('no signature and allow-unsigned false: fails saying so', async () => {
    const error = expectFailure(await verify({ signature: null }), 'signature-present', 'SIGNATURE_MISSING');
    expect(error.message).toBe('No signature over results.json was found.');
    expect(error.fix).toContain('allow-unsigned');
  });

  test('an empty or blank signature counts as none', async () => {
    expectFailure(await verify({ signature: '' }), 'signature-present', 'SIGNATURE_MISSING');
    expectFailure(await verify({ signature: ' \n' }), 'signature-present', 'SIGNATURE_MISSING');
  });

  test('no signature and allow-unsigned true: accepted with warnings, unsigned', async () => {
    const report = await verify({ signature: null, keyring: null, policy: { allowUnsigned: true } });
    expect(statuses(report)).toEqual(['warn', 'warn', 'pass', 'pass', 'pass']);
    expect(report).toMatchObject({
      verified: true,
      signed: false,
      fingerprint: '',
      signingKeyId: '',
      signedAt: '',
      conclusion: 'success',
    });
    expect(check(report, 'signature-present').detail).toBe(
      'No signature over results.json; accepted unsigned because allow-unsigned is true.',
    );
  });

  test('no signature and an allow-unsigned date still to come: accepted', async () => {
    const report = await verify({
      signature: null,
      policy: { allowUnsigned: new Date('2030-01-31T00:00:00Z') },
      now: new Date('2030-01-01T00:00:00Z'),
    });
    expect(statuses(report)).toEqual(['warn', 'warn', 'pass', 'pass', 'pass']);
    expect(check(report, 'signature-present').detail).toContain('accepted unsigned until the end of 2030-01-31 (UTC)');
  });

  test('the allow-unsigned date lasts through the end of that day, UTC', async () => {
    const allowUnsigned = new Date('2030-01-31T00:00:00Z');
    const lastMoment = await verify({
      signature: null,
      policy: { allowUnsigned },
      now: new Date('2030-01-31T23:59:59.999Z'),
    });
    expect(lastMoment.verified).toBe(true);
    const nextDay = await verify({ signature: null, policy: { allowUnsigned }, now: new Date('2030-02-01T00:00:00Z') });
    const error = expectFailure(nextDay, 'signature-present', 'SIGNATURE_MISSING');
    expect(error.message).toBe('No signature over results.json, and allow-unsigned ended with 2030-01-31 (UTC).');
  });

  test('a past allow-unsigned date: fails saying it expired', async () => {
    const error = expectFailure(
      await verify({ signature: null, policy: { allowUnsigned: new Date('2020-06-30T00:00:00Z') } }),
      'signature-present',
      'SIGNATURE_MISSING',
    );
    expect(error.message).toContain('allow-unsigned ended with 2020-06-30 (UTC)');
    expect(error.fix).toContain('move the allow-unsigned date');
  });
});

describe('2. signature-valid', () => {
  test('bytes changed after signing (CRLF conversion): SIGNATURE_INVALID, never rescued by allow-unsigned', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, trusted);
    const crlf = new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n'));
    const report = await verify({ resultsBytes: crlf, signature, policy: { allowUnsigned: true } });
    expectFailure(report, 'signature-valid', 'SIGNATURE_INVALID');
    expect(report).toMatchObject({ signed: false, fingerprint: '', conclusion: '' });
    expect(report.results).toBeUndefined();
  });

  test('one flipped byte in the results: SIGNATURE_INVALID, and the content is not parsed', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, trusted);
    const tampered = bytes.slice();
    const at = new TextDecoder().decode(bytes).indexOf('"failed": 0') + '"failed": '.length;
    tampered[at] = '7'.charCodeAt(0);
    const report = await verify({ resultsBytes: tampered, signature });
    expectFailure(report, 'signature-valid', 'SIGNATURE_INVALID');
    expect(report.conclusion).toBe('');
  });

  test('a signature by an untrusted key: SIGNATURE_UNTRUSTED_KEY, even with allow-unsigned', async () => {
    const bytes = resultsBytes();
    const report = await verify({
      resultsBytes: bytes,
      signature: await sign(bytes, untrusted),
      policy: { allowUnsigned: true },
    });
    const error = expectFailure(report, 'signature-valid', 'SIGNATURE_UNTRUSTED_KEY');
    expect(error.message).toContain(untrusted.privateKey.getKeyID().toHex().toUpperCase());
  });

  test('garbage instead of a signature: SIGNATURE_MALFORMED', async () => {
    expectFailure(await verify({ signature: 'not a signature at all' }), 'signature-valid', 'SIGNATURE_MALFORMED');
  });

  test('a key that has expired by now: KEY_EXPIRED, though it was valid when it signed', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, expiring, new Date(Date.now() - 8 * DAY));
    expectFailure(await verify({ resultsBytes: bytes, signature }), 'signature-valid', 'KEY_EXPIRED');
  });

  test('a key revoked by a certificate in the trusted keys: KEY_REVOKED', async () => {
    const bytes = resultsBytes();
    expectFailure(
      await verify({ resultsBytes: bytes, signature: await sign(bytes, revoked) }),
      'signature-valid',
      'KEY_REVOKED',
    );
  });

  test('a signature dated an hour ahead: SIGNATURE_FROM_FUTURE', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, trusted, new Date(Date.now() + 3600 * 1000));
    expectFailure(await verify({ resultsBytes: bytes, signature }), 'signature-valid', 'SIGNATURE_FROM_FUTURE');
  });

  test('a signature but no trusted keys: TRUSTED_KEYS_MISSING', async () => {
    const error = expectFailure(
      await verify({ keyring: null, policy: { allowUnsigned: true } }),
      'signature-valid',
      'TRUSTED_KEYS_MISSING',
    );
    expect(error.message).toBe(
      'results.json is signed, but no trusted keys were given to check the signature against.',
    );
  });

  test('validly signed but not ci-results v1: fails here, keeping the code and naming the problem', async () => {
    const bytes = resultsBytes({ tests: { passed: 1, failed: -1, skipped: 0 } });
    const report = await verify({ resultsBytes: bytes, signature: await sign(bytes, trusted) });
    const error = expectFailure(report, 'signature-valid', 'RESULTS_INVALID');
    expect(error.message).toBe(
      `The signature by ${trusted.fingerprint} is valid, but the signed results are not valid ci-results v1: results.json: /tests/failed must be >= 0, got a number (line 8, column 15)`,
    );
    expect(error.fix).toContain('ci-results-v1.schema.json');
    // The signature itself was good: the signer is reported, the content is not.
    expect(report).toMatchObject({ signed: true, fingerprint: trusted.fingerprint, conclusion: '' });
  });

  test('validly signed bytes that are not JSON: RESULTS_NOT_JSON', async () => {
    const bytes = new TextEncoder().encode('{"version": 1,');
    expectFailure(
      await verify({ resultsBytes: bytes, signature: await sign(bytes, trusted) }),
      'signature-valid',
      'RESULTS_NOT_JSON',
    );
  });

  test('unsigned and allowed, but not valid results: fails here too', async () => {
    const report = await verify({
      resultsBytes: new Uint8Array([0x7b, 0xff]),
      signature: null,
      policy: { allowUnsigned: true },
    });
    const error = expectFailure(report, 'signature-valid', 'RESULTS_NOT_UTF8');
    expect(error.message).toMatch(
      /^The results are unsigned and are not valid ci-results v1: results\.json is not valid UTF-8/,
    );
  });

  test('an unexpected error is reported as INTERNAL, not thrown', async () => {
    const broken = {
      find: () => {
        throw new TypeError('keyring exploded');
      },
      fingerprints: [],
    } as unknown as TrustedKeyring;
    const report = await verify({ keyring: broken });
    expect(report.verified).toBe(false);
    expect(check(report, 'signature-valid').status).toBe('fail');
    expect(report.error).toMatchObject({
      code: 'INTERNAL',
      kind: 'internal',
      message: 'Verification broke unexpectedly: keyring exploded',
    });
  });
});

describe('3. binding', () => {
  test('matches repository and commit case-insensitively', async () => {
    const report = await verify({ expected: { repository: 'OCTO-ORG/hello-WORLD', sha: SHA.toUpperCase() } });
    expect(check(report, 'binding').status).toBe('pass');
  });

  test('another commit: fails naming both commits, and the thresholds are not checked', async () => {
    const bytes = resultsBytes({ conclusion: 'failure' });
    const otherSha = 'b'.repeat(40);
    const report = await verify({
      resultsBytes: bytes,
      signature: await sign(bytes, trusted),
      expected: { repository: REPOSITORY, sha: otherSha },
    });
    const error = expectFailure(report, 'binding', 'BINDING_MISMATCH');
    expect(error.message).toBe(`results.json names commit ${SHA} but the expected commit is ${otherSha}.`);
    expect(check(report, 'thresholds').status).toBe('skip');
    expect(report).toMatchObject({ signed: true, fingerprint: trusted.fingerprint, conclusion: 'failure' });
  });

  test('another repository: fails naming both repositories', async () => {
    const error = expectFailure(
      await verify({ expected: { repository: 'octo-org/other', sha: SHA } }),
      'binding',
      'BINDING_MISMATCH',
    );
    expect(error.message).toBe(
      'results.json names repository "octo-org/hello-world" but the expected repository is "octo-org/other".',
    );
  });

  test('both wrong: both named in one message', async () => {
    const error = expectFailure(
      await verify({ expected: { repository: 'evil/fork', sha: 'c'.repeat(40) } }),
      'binding',
      'BINDING_MISMATCH',
    );
    expect(error.message).toBe(
      `results.json names repository "octo-org/hello-world" but the expected repository is "evil/fork", and commit ${SHA} but the expected commit is ${'c'.repeat(40)}.`,
    );
  });

  test('nothing expected: says what was not given', async () => {
    const error = expectFailure(await verify({ expected: { repository: '', sha: '' } }), 'binding', 'BINDING_MISMATCH');
    expect(error.message).toContain('the expected repository is "(not given)"');
    expect(error.message).toContain('the expected commit is (not given)');
  });
});

describe('4. freshness', () => {
  test('signed longer ago than max-age: RESULTS_TOO_OLD', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, trusted, new Date(Date.now() - 26 * 3600 * 1000));
    const report = await verify({ resultsBytes: bytes, signature, policy: { maxAgeSeconds: 24 * 3600 } });
    const error = expectFailure(report, 'freshness', 'RESULTS_TOO_OLD');
    expect(error.message).toMatch(
      /^results\.json was signed 1d 2h( \d+s)? ago \(.+Z\), longer than max-age 1d allows\.$/,
    );
    expect(check(report, 'thresholds').status).toBe('skip');
  });

  test('signed within max-age passes', async () => {
    const bytes = resultsBytes();
    const signature = await sign(bytes, trusted, new Date(Date.now() - 23 * 3600 * 1000));
    const report = await verify({ resultsBytes: bytes, signature, policy: { maxAgeSeconds: 24 * 3600 } });
    expect(check(report, 'freshness')).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/^Signed 23h( \d+s)? ago .*within max-age 1d\.$/),
    });
  });

  test('no max-age: not checked, even for a very old signature', async () => {
    const bytes = resultsBytes();
    const report = await verify({
      resultsBytes: bytes,
      signature: await sign(bytes, trusted, new Date(Date.now() - 20 * DAY)),
    });
    expect(check(report, 'freshness')).toMatchObject({ status: 'pass', detail: 'Not checked: no max-age is set.' });
  });

  test('unsigned: measured from completedAt', async () => {
    const now = new Date('2030-01-02T12:00:00Z');
    const policy = { allowUnsigned: true, maxAgeSeconds: 3600 };
    const fresh = await verify({
      signature: null,
      resultsBytes: resultsBytes({ completedAt: '2030-01-02T11:30:00Z' }),
      policy,
      now,
    });
    expect(check(fresh, 'freshness')).toMatchObject({
      status: 'pass',
      detail: 'Completed (completedAt, unsigned) 30m ago (2030-01-02T11:30:00.000Z), within max-age 1h.',
    });
    const stale = await verify({
      signature: null,
      resultsBytes: resultsBytes({ completedAt: '2030-01-02T10:00:00+01:00' }),
      policy,
      now,
    });
    const error = expectFailure(stale, 'freshness', 'RESULTS_TOO_OLD');
    expect(error.message).toBe(
      'results.json completed (completedAt, unsigned) 3h ago (2030-01-02T09:00:00.000Z), longer than max-age 1h allows.',
    );
  });

  test('unsigned without completedAt: the age is unknown, which fails', async () => {
    const error = expectFailure(
      await verify({ signature: null, policy: { allowUnsigned: true, maxAgeSeconds: 3600 } }),
      'freshness',
      'RESULTS_AGE_UNKNOWN',
    );
    expect(error.message).toContain('has no usable completedAt');
  });

  test('unsigned with a completedAt the clock cannot place (a leap second): the age is unknown', async () => {
    const report = await verify({
      signature: null,
      resultsBytes: resultsBytes({ completedAt: '2016-12-31T23:59:60Z' }),
      policy: { allowUnsigned: true, maxAgeSeconds: 3600 },
    });
    expectFailure(report, 'freshness', 'RESULTS_AGE_UNKNOWN');
  });
});

describe('5. thresholds', () => {
  async function thresholdsOf(
    overrides: Record<string, unknown>,
    policy: Partial<VerifyPolicy> = {},
  ): Promise<VerificationReport> {
    const bytes = resultsBytes(overrides);
    return verify({ resultsBytes: bytes, signature: await sign(bytes, trusted), policy });
  }

  test('a conclusion other than success fails', async () => {
    const error = expectFailure(await thresholdsOf({ conclusion: 'neutral' }), 'thresholds', 'THRESHOLDS_NOT_MET');
    expect(error.message).toBe('results.json does not meet the thresholds: conclusion is neutral, not success.');
  });

  test('more failed tests than max-failed-tests fails; as many passes', async () => {
    const failing = expectFailure(
      await thresholdsOf({ tests: { passed: 10, failed: 3, skipped: 0 } }, { maxFailedTests: 2 }),
      'thresholds',
      'THRESHOLDS_NOT_MET',
    );
    expect(failing.message).toContain('3 tests failed, more than max-failed-tests 2');
    expect((await thresholdsOf({ tests: { passed: 10, failed: 2, skipped: 0 } }, { maxFailedTests: 2 })).verified).toBe(
      true,
    );
  });

  test('fewer tests than min-tests fails; skipped tests do not count', async () => {
    const error = expectFailure(
      await thresholdsOf({ tests: { passed: 3, failed: 0, skipped: 50 } }, { minTests: 4 }),
      'thresholds',
      'THRESHOLDS_NOT_MET',
    );
    expect(error.message).toContain('3 tests ran (passed + failed), fewer than min-tests 4');
    expect(
      (await thresholdsOf({ tests: { passed: 3, failed: 1, skipped: 0 } }, { minTests: 4, maxFailedTests: 1 }))
        .verified,
    ).toBe(true);
  });

  test('the default min-tests of 1 refuses a run of zero tests', async () => {
    expectFailure(
      await thresholdsOf({ tests: { passed: 0, failed: 0, skipped: 5 } }),
      'thresholds',
      'THRESHOLDS_NOT_MET',
    );
  });

  test('coverage below min-coverage fails; equal passes', async () => {
    const error = expectFailure(
      await thresholdsOf({ coverage: { lines: 79.9 } }, { minCoverage: 80 }),
      'thresholds',
      'THRESHOLDS_NOT_MET',
    );
    expect(error.message).toContain('line coverage 79.9% is below min-coverage 80%');
    expect((await thresholdsOf({ coverage: { lines: 80 } }, { minCoverage: 80 })).verified).toBe(true);
  });

  test('missing coverage fails when min-coverage is set, and is fine when it is not', async () => {
    const error = expectFailure(
      await thresholdsOf({ coverage: undefined }, { minCoverage: 50 }),
      'thresholds',
      'THRESHOLDS_NOT_MET',
    );
    expect(error.message).toContain('no line coverage is reported, but min-coverage is 50%');
    expect((await thresholdsOf({ coverage: undefined })).verified).toBe(true);
  });

  test('every violated threshold in one message', async () => {
    const report = await thresholdsOf(
      { conclusion: 'failure', tests: { passed: 0, failed: 2, skipped: 0 }, coverage: { lines: 10 } },
      { minTests: 5, minCoverage: 60 },
    );
    const error = expectFailure(report, 'thresholds', 'THRESHOLDS_NOT_MET');
    expect(error.message).toBe(
      'results.json does not meet the thresholds: conclusion is failure, not success; 2 tests failed, more than max-failed-tests 0; 2 tests ran (passed + failed), fewer than min-tests 5; line coverage 10% is below min-coverage 60%.',
    );
    expect(report).toMatchObject({ signed: true, conclusion: 'failure' });
  });

  test('read from the signed content only: unsigned extra fields cannot lower the bar', async () => {
    // The verifier sees only what was signed; appending a "better" result after signing breaks the signature.
    const bytes = resultsBytes({ conclusion: 'failure' });
    const signature = await sign(bytes, trusted);
    const forged = new TextEncoder().encode(new TextDecoder().decode(bytes).replace('"failure"', '"success"'));
    expectFailure(await verify({ resultsBytes: forged, signature }), 'signature-valid', 'SIGNATURE_INVALID');
  });
});

test('the source name appears in the messages', async () => {
  const report = await verify({ signature: null, source: 'check run local-ci (id 17)' });
  expect(report.error?.message).toBe('No signature over check run local-ci (id 17) was found.');
});
