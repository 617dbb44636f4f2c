// Rendered markdown, pinned by committed snapshot files (__tests__/helpers/snapshot-files.ts).
import { join } from 'node:path';
import { snapshotFiles } from '../../../__tests__/helpers/snapshot-files.js';
import { formatDuration, renderResultsSummary, renderResultsTitle, type CiResults } from '../src/index.js';

const expectMatchesSnapshotFile = snapshotFiles(join(import.meta.dirname, '__snapshots__'));
const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';
const KEY_ID = '89ABCDEF01234567';
const DIGEST = 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

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

describe('renderResultsSummary', () => {
  test('signed, with coverage and duration', () => {
    const rendered = renderResultsSummary(
      results({
        coverage: { lines: 87.456 },
        startedAt: '2024-05-01T12:00:00Z',
        completedAt: '2024-05-01T12:02:13.400Z',
      }),
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
          {
            name: 'adds *two* numbers | [link](x) <b>',
            message: 'expected 3\nreceived 4\n',
            file: 'src/math|ops.test.ts',
            line: 12,
          },
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
    const rendered = renderResultsSummary(
      results({ conclusion: 'failure', tests: { passed: 0, failed: 53, skipped: 0 }, failures }),
      { signed: true, fingerprint: FINGERPRINT, digest: DIGEST },
    );
    expect(rendered).toContain('**50. test 50**');
    expect(rendered).not.toContain('**51.');
    expect(rendered).toContain('…and 3 more failures not shown.');
  });

  test('no duration when a timestamp is missing, unparsable or reversed', () => {
    const render = (overrides: Partial<CiResults>) =>
      renderResultsSummary(results(overrides), { signed: true, fingerprint: FINGERPRINT, digest: DIGEST });
    expect(render({ startedAt: '2024-05-01T12:00:00Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-06-30T23:59:60Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-05-01T11:00:00Z' })).toContain('| — | — |');
    expect(render({ startedAt: '2024-05-01T12:00:00Z', completedAt: '2024-05-01T12:00:00.250Z' })).toContain(
      '| — | 250ms |',
    );
  });
});

describe('renderResultsTitle', () => {
  test('signed success, one line, with the signing key id', () => {
    expect(renderResultsTitle(results(), { signed: true, signingKeyId: KEY_ID })).toBe(
      `✅ 120 passed, 0 failed, 3 skipped · signed by ${KEY_ID}`,
    );
  });

  test('failure with coverage, unsigned', () => {
    expect(
      renderResultsTitle(
        results({ conclusion: 'failure', tests: { passed: 7, failed: 2, skipped: 0 }, coverage: { lines: 71.25 } }),
        { signed: false },
      ),
    ).toBe('❌ 7 passed, 2 failed, 0 skipped · 71.25% line coverage · unsigned');
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
