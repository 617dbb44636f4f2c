// The rendered markdown is pinned by committed .md files (compared byte for byte), so a change to what users
// see shows up in review as a readable diff. Rewrite them with UPDATE_SNAPSHOTS=1 after an intended change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CiSigningError } from '../../errors/src/index.js';
import type { CheckOutcome, VerificationReport } from '../../verifier/src/types.js';
import { formatDuration, renderResultsSummary, renderResultsTitle, renderVerificationSummary, type CiResults } from '../src/index.js';

const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');
const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';
const KEY_ID = '89ABCDEF01234567';
const DIGEST = 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

function expectMatchesSnapshotFile(name: string, rendered: string): void {
  const file = join(SNAPSHOTS, `${name}.md`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, rendered);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing; run the tests once with UPDATE_SNAPSHOTS=1 and commit it.`);
  expect(rendered).toBe(readFileSync(file, 'utf8'));
}

function results(overrides: Partial<CiResults> = {}): CiResults {
  return {
    version: 1,
    repository: 'octo-org/hello-world',
    commit: '0123456789abcdef0123456789abcdef01234567',
    conclusion: 'success',
    tests: { passed: 120, failed: 0, skipped: 3 },
    ...overrides,
  };
}

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

const unsignedReport: VerificationReport = {
  verified: true,
  signed: false,
  fingerprint: '',
  signingKeyId: '',
  signedAt: '',
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
  signed: false,
  fingerprint: '',
  signingKeyId: '',
  signedAt: '',
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

describe('renderResultsSummary', () => {
  test('signed, with coverage and duration', () => {
    const rendered = renderResultsSummary(
      results({ coverage: { lines: 87.456 }, startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-05-01T12:02:13.400Z' }),
      { fingerprint: FINGERPRINT, signed: true, digest: DIGEST },
    );
    expectMatchesSnapshotFile('results-summary-signed', rendered);
    expect(rendered).toContain('| 120 | 0 | 3 | 87.46% | 2m 13s |');
    expect(rendered).toContain(`- **Signed by** OpenPGP key \`${FINGERPRINT}\``);
    expect(rendered).not.toContain('Unsigned');
  });

  test('unsigned, failing, with failures whose text would break markdown', () => {
    const rendered = renderResultsSummary(
      results({
        conclusion: 'failure',
        tests: { passed: 10, failed: 3, skipped: 0 },
        failures: [
          { name: 'adds *two* numbers | [link](x) <b>', message: 'expected 3\nreceived 4\n', file: 'src/math|ops.test.ts', line: 12 },
          { name: 'renders `code`', message: 'output contained ```\nfenced\n``` text', file: 'src/render.test.ts' },
          { name: 'x'.repeat(300), message: Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n') },
          { name: 'long message', message: 'y'.repeat(1500) },
        ],
      }),
      { signed: false, digest: DIGEST },
    );
    expectMatchesSnapshotFile('results-summary-unsigned-failures', rendered);
    expect(rendered).toContain('> ⚠️ **Unsigned:**');
    expect(rendered).toContain('### Failures (4)');
    expect(rendered).toContain('**1. adds \\*two\\* numbers \\| \\[link\\](x) \\<b\\>** · `src/math\\|ops.test.ts:12`');
    expect(rendered).toContain('````text\noutput contained ```\nfenced\n``` text\n````');
    expect(rendered).toContain(`**3. ${'x'.repeat(199)}…**`);
    expect(rendered).toContain('line 20\n…\n```');
    expect(rendered).not.toContain('line 21');
    expect(rendered).toContain(`${'y'.repeat(999)}…\n\`\`\``);
    expect(rendered).toContain('| 10 | 3 | 0 | — | — |');
  });

  test('more failures than are listed', () => {
    const failures = Array.from({ length: 53 }, (_, index) => ({ name: `test ${index + 1}`, message: 'failed' }));
    const rendered = renderResultsSummary(results({ conclusion: 'failure', tests: { passed: 0, failed: 53, skipped: 0 }, failures }), { signed: true, fingerprint: FINGERPRINT, digest: DIGEST });
    expect(rendered).toContain('**50. test 50**');
    expect(rendered).not.toContain('**51.');
    expect(rendered).toContain('…and 3 more failures not shown.');
  });

  test('no duration when a timestamp is missing, unparsable or reversed', () => {
    const render = (overrides: Partial<CiResults>) => renderResultsSummary(results(overrides), { signed: true, fingerprint: FINGERPRINT, digest: DIGEST });
    expect(render({ startedAt: '2024-05-01T12:00:00Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-06-30T23:59:60Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-05-01T11:00:00Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-05-01T12:00:00.250Z' })).toContain('| — | 250ms |');
  });
});

describe('renderResultsTitle', () => {
  test('signed success, one line, with the signing key id', () => {
    expect(renderResultsTitle(results(), { signed: true, signingKeyId: KEY_ID })).toBe(`✅ 120 passed, 0 failed, 3 skipped · signed by ${KEY_ID}`);
  });

  test('failure with coverage, unsigned', () => {
    expect(renderResultsTitle(results({ conclusion: 'failure', tests: { passed: 7, failed: 2, skipped: 0 }, coverage: { lines: 71.25 } }), { signed: false })).toBe(
      '❌ 7 passed, 2 failed, 0 skipped · 71.25% line coverage · unsigned',
    );
  });

  test.each([
    ['timed_out', '⏱️ timed out · '],
    ['cancelled', '🚫 cancelled · '],
    ['skipped', '⏭️ skipped · '],
    ['neutral', '➖ neutral · '],
  ] as const)('names the %s conclusion', (conclusion, start) => {
    const title = renderResultsTitle(results({ conclusion }), { signed: true, signingKeyId: KEY_ID });
    expect(title.startsWith(start)).toBe(true);
    expect(title).not.toMatch(/\n/);
  });

  test('signed without a key id still says signed', () => {
    expect(renderResultsTitle(results(), { signed: true })).toMatch(/· signed by unknown key$/);
  });
});

test.each([
  [0, '0ms'],
  [999, '999ms'],
  [1000, '1s'],
  [59_499, '59s'],
  [60_000, '1m 0s'],
  [133_400, '2m 13s'],
  [3_605_000, '1h 0m 5s'],
])('formatDuration(%d) = %s', (milliseconds, text) => {
  expect(formatDuration(milliseconds)).toBe(text);
});
