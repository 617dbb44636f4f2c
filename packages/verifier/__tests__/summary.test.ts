// Rendered markdown, pinned by committed snapshot files (__tests__/helpers/snapshot-files.ts).
import { join } from 'node:path';
import { snapshotFiles } from '../../../__tests__/helpers/snapshot-files.js';
import { CiSigningError } from '../../errors/src/index.js';
import { renderVerificationSummary, type CheckOutcome, type VerificationReport } from '../src/index.js';

const expectMatchesSnapshotFile = snapshotFiles(join(import.meta.dirname, '__snapshots__'));
const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';
const KEY_ID = '89ABCDEF01234567';

const TITLES = ['Signature present', 'Signature valid', 'Bound to repository and commit', 'Fresh', 'Thresholds'];
const IDS = ['signature-present', 'signature-valid', 'binding', 'freshness', 'thresholds'] as const;

function checks(statuses: CheckOutcome['status'][], details: string[]): CheckOutcome[] {
  return IDS.map((id, index) => ({ id, title: TITLES[index], status: statuses[index], detail: details[index] }));
}

const verifiedReport: VerificationReport = {
  verified: true,
  signed: true,
  fingerprint: FINGERPRINT,
  signingKeyId: KEY_ID,
  signedAt: '2024-05-01T12:02:14.000Z',
  conclusion: 'success',
  checks: checks(
    ['pass', 'pass', 'pass', 'pass', 'pass'],
    [
      'A signature over check run local-ci is present.',
      `Valid signature by trusted key ${FINGERPRINT}, made 2024-05-01T12:02:14.000Z.`,
      'The results are for octo-org/hello-world at commit 0123456789abcdef0123456789abcdef01234567, as expected.',
      'Not checked: no max-age is set.',
      'conclusion success, 0 failed (max-failed-tests 0), 120 tests ran (min-tests 1).',
    ],
  ),
};

/** The signer fields of a report that no signature verified. */
const NO_SIGNER = { signed: false, fingerprint: '', signingKeyId: '', signedAt: '' } as const;

const unsignedReport: VerificationReport = {
  verified: true,
  ...NO_SIGNER,
  conclusion: 'success',
  checks: checks(
    ['warn', 'warn', 'pass', 'pass', 'pass'],
    [
      'No signature over check run lint; accepted unsigned until the end of 2030-01-31 (UTC) under allow-unsigned.',
      'Nothing to verify: check run lint is unsigned, so nothing proves where its content came from.',
      'The results are for octo-org/hello-world at commit 0123456789abcdef0123456789abcdef01234567, as expected.',
      'Not checked: no max-age is set.',
      'conclusion success, 0 failed (max-failed-tests 0), 4 tests ran (min-tests 1).',
    ],
  ),
};

const badSignatureError = new CiSigningError(
  'SIGNATURE_INVALID',
  'The signature does not match the bytes of check run e2e | matrix: they were changed after signing.',
  'Sign the results again on the trusted runner; never edit them after signing.',
  'verification',
);
const rejectedReport: VerificationReport = {
  verified: false,
  ...NO_SIGNER,
  conclusion: '',
  checks: checks(
    ['pass', 'fail', 'skip', 'skip', 'skip'],
    [
      'A signature over check run e2e | matrix is present.',
      badSignatureError.message,
      'Not checked: "Signature valid" failed.',
      'Not checked: "Signature valid" failed.',
      'Not checked: "Signature valid" failed.',
    ],
  ),
  error: badSignatureError,
};

const thresholdsError = new CiSigningError(
  'THRESHOLDS_NOT_MET',
  'check run unit does not meet the thresholds: conclusion is failure, not success; 2 tests failed, more than max-failed-tests 0.',
  'Fix the failing tests or coverage and run CI again; change the thresholds only if the policy itself is wrong.',
  'verification',
);
const thresholdsReport: VerificationReport = {
  verified: false,
  signed: true,
  fingerprint: FINGERPRINT,
  signingKeyId: KEY_ID,
  signedAt: '2024-05-01T12:02:14.000Z',
  conclusion: 'failure',
  checks: checks(
    ['pass', 'pass', 'pass', 'pass', 'fail'],
    [
      'A signature over check run unit is present.',
      `Valid signature by trusted key ${FINGERPRINT} (signing subkey ${KEY_ID}), made 2024-05-01T12:02:14.000Z.`,
      'The results are for octo-org/hello-world at commit 0123456789abcdef0123456789abcdef01234567, as expected.',
      'Signed 2h ago (2024-05-01T12:02:14.000Z), within max-age 1d.',
      thresholdsError.message,
    ],
  ),
  error: thresholdsError,
};

describe('renderVerificationSummary', () => {
  test('every verdict: verified, accepted unsigned, rejected at the signature, rejected at the thresholds', () => {
    const rendered = renderVerificationSummary([
      { name: 'local-ci', report: verifiedReport },
      { name: 'lint', report: unsignedReport },
      { name: 'e2e | matrix', report: rejectedReport },
      { name: 'unit', report: thresholdsReport },
    ]);
    expectMatchesSnapshotFile('verification-summary-mixed', rendered);
    // Independently of the file: a row per entry in the overview, a section per entry, a row per check.
    expect(rendered).toContain('❌ 2 of 4 not verified.');
    expect(rendered.match(/^### /gm)).toHaveLength(4);
    expect(rendered).toContain('| e2e \\| matrix | ❌ rejected (`SIGNATURE_INVALID`) | — | — | — |');
    expect(rendered).toContain(`| local-ci | ✅ verified | \`${FINGERPRINT}\` | 2024-05-01 12:02:14 UTC | success |`);
    expect(rendered).toContain('| lint | ⚠️ accepted unsigned | unsigned | — | success |');
    expect(rendered).toContain('**Fix:** Sign the results again');
  });

  test('all verified', () => {
    const rendered = renderVerificationSummary([{ name: 'results.json', report: verifiedReport }]);
    expectMatchesSnapshotFile('verification-summary-verified', rendered);
    expect(rendered).toContain('✅ 1 of 1 verified.');
    expect(rendered.match(/\| ✅ \|/g)).toHaveLength(5);
  });

  test('nothing to verify', () => {
    expect(renderVerificationSummary([])).toBe('## ci-signing verification\n\nNo results were verified.\n');
  });

  test('a rejection without an error object still says rejected', () => {
    const { error: _error, ...withoutError } = rejectedReport;
    expect(renderVerificationSummary([{ name: 'x', report: withoutError }])).toContain('| x | ❌ rejected | — |');
  });

  test('an error without a fix has no fix line', () => {
    const error = new CiSigningError('INTERNAL', 'broke', '', 'internal');
    expect(renderVerificationSummary([{ name: 'x', report: { ...rejectedReport, error } }])).not.toContain('**Fix:**');
  });
});
