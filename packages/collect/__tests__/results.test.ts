// buildResults (pure): conclusion, caps, the summary line and the no-reports results.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEmbeddedBlock, OUTPUT_MAX_BYTES } from '../../checks/src/index.js';
import { parseResults } from '../../results/src/index.js';
import {
  buildResults,
  collectReports,
  emptySummary,
  FAILURES_MAX_BYTES,
  formatSummaryLine,
  noReportsResults,
} from '../src/index.js';
import { CONTEXT, folder } from './helpers.js';

// An RSA-4096 armored detached signature is about 0.9 KB; 1.2 KB leaves room.
const SIGNATURE = `-----BEGIN PGP SIGNATURE-----\n\n${'A'.repeat(1100)}\n-----END PGP SIGNATURE-----\n`;

function blockLength(results: object): number {
  return Buffer.byteLength(
    encodeEmbeddedBlock({ resultsBytes: Buffer.from(JSON.stringify(results, null, 2)), signature: SIGNATURE }),
  );
}

describe('buildResults', () => {
  const summary = (passed: number, failed: number, skipped = 0) => ({ ...emptySummary(), passed, failed, skipped });

  test('success, or failure when a test failed, the exit code is non-zero or no test was found', () => {
    expect(buildResults({ ...CONTEXT, tests: summary(3, 0), coverage: null }).conclusion).toBe('success');
    expect(buildResults({ ...CONTEXT, tests: summary(3, 1), coverage: null }).conclusion).toBe('failure');
    const crashed = buildResults({ ...CONTEXT, exitCode: 134, tests: summary(3, 0), coverage: null });
    expect(crashed.conclusion).toBe('failure');
    expect(crashed.failures).toEqual([{ name: 'test command', message: 'The test command exited with code 134.' }]);
    const none = buildResults({ ...CONTEXT, tests: summary(0, 0), coverage: { covered: 1, total: 2 } });
    expect(none.conclusion).toBe('failure');
    expect(none.failures?.[0].message).toBe('No test cases were found in the reports.');
    expect(none.tests).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });

  test('check, coverage and dates; the object passes the ci-results schema', () => {
    const results = buildResults({
      ...CONTEXT,
      check: 'unit',
      tests: summary(1, 0, 1),
      coverage: { covered: 7, total: 8 },
      startedAt: new Date('2026-01-01T00:00:00Z'),
      completedAt: '2026-01-01T00:01:00Z',
    });
    expect(results).toMatchObject({ check: 'unit', coverage: { lines: 87.5 }, startedAt: '2026-01-01T00:00:00.000Z' });
    expect(parseResults(Buffer.from(JSON.stringify(results)), 'test')).toEqual(results);
  });

  test('noReportsResults: failure, zero tests and an entry saying no report was found', () => {
    const results = noReportsResults({ ...CONTEXT, patterns: ['reports/*.xml'] });
    expect(results.conclusion).toBe('failure');
    expect(results.tests).toEqual({ passed: 0, failed: 0, skipped: 0 });
    expect(results.failures).toEqual([
      { name: 'collect', message: 'No test report was found (patterns: reports/*.xml).' },
    ]);
    parseResults(Buffer.from(JSON.stringify(results)), 'test');
  });

  test('summary line, with and without coverage', () => {
    const results = buildResults({ ...CONTEXT, tests: summary(5, 2, 1), coverage: { covered: 2, total: 3 } });
    expect(formatSummaryLine(results, 3, 'results.json')).toBe(
      'collected 3 report files: 5 passed, 2 failed, 1 skipped, coverage 66.66% -> results.json',
    );
    const bare = buildResults({ ...CONTEXT, tests: summary(1, 0), coverage: null });
    expect(formatSummaryLine(bare, 1, 'out.json')).toBe(
      'collected 1 report files: 1 passed, 0 failed, 0 skipped, coverage none -> out.json',
    );
  });

  test('10,000 incompressible failures: exact counts, the first kept, the signed block fits', () => {
    const failures = Array.from({ length: 10_000 }, (_, index) => ({
      name: `suite ${index} › ${randomBytes(48).toString('base64')}`,
      message: randomBytes(700).toString('base64'), // 1 KB of random text, the most a message may hold
      file: `src/${randomBytes(20).toString('hex')}.ts`,
      line: index + 1,
    }));
    const flaky = Array.from({ length: 2000 }, () => ({ name: randomBytes(100).toString('base64') }));
    const results = buildResults({
      ...CONTEXT,
      check: 'c'.repeat(200),
      tests: { passed: 5, failed: 10_000, skipped: 0, failures, flaky },
      coverage: null,
    });
    expect(results.tests.failed).toBe(10_000);
    expect(results.failures!.length + (results.failuresOmitted as number)).toBe(10_000);
    expect(results.failures!.length).toBeGreaterThan(10);
    expect(results.failures![0]).toEqual(failures[0]);
    expect(Buffer.byteLength(JSON.stringify(results.failures, null, 2))).toBeLessThanOrEqual(FAILURES_MAX_BYTES);
    expect(results.flakyOmitted).toBeGreaterThan(0);
    expect(blockLength(results)).toBeLessThanOrEqual(OUTPUT_MAX_BYTES);
  });

  test('a JUnit suite with 10,000 failures, collected end to end, fits', async () => {
    const cases = Array.from(
      { length: 10_000 },
      (_, index) =>
        `<testcase classname="pkg.Class${index}" name="test_${randomBytes(12).toString('hex')}">` +
        `<failure message="${randomBytes(900).toString('base64')}"/></testcase>`,
    );
    const cwd = folder({});
    writeFileSync(join(cwd, 'big.xml'), `<testsuite name="big">${cases.join('\n')}</testsuite>`);
    const { results } = await collectReports({ ...CONTEXT, patterns: ['big.xml'], cwd });
    expect(results.tests).toEqual({ passed: 0, failed: 10_000, skipped: 0 });
    expect(results.failures!.length + (results.failuresOmitted as number)).toBe(10_000);
    expect(Buffer.byteLength(results.failures![0].message)).toBeLessThanOrEqual(1024);
    expect(blockLength(results)).toBeLessThanOrEqual(OUTPUT_MAX_BYTES);
  });
});
