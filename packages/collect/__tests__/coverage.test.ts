// Coverage merging: per file and line, union of covered lines, never averaged; totals-only data sums by file.
import { collectReports, CoverageMerge, coveragePercent } from '../src/index.js';
import { CONTEXT, folder, junit } from './helpers.js';

const TESTS = { 'tests.xml': junit('<testcase name="t"/>') };
const collect = (files: Record<string, string>) =>
  collectReports({ ...CONTEXT, patterns: ['*'], cwd: folder({ ...TESTS, ...files }) });

describe('merging coverage', () => {
  test('two lcov reports of the same file: a line is covered when either covers it', async () => {
    const { results } = await collect({
      'a.info': 'TN:\nSF:src/a.js\nDA:1,1\nDA:2,0\nDA:3,0\nDA:4,0\nLF:4\nLH:1\nend_of_record\n',
      'b.info': 'TN:\nSF:src/a.js\nDA:1,0\nDA:2,5\nDA:3,0\nDA:4,0\nLF:4\nLH:1\nend_of_record\n',
    });
    expect(results.coverage).toEqual({ lines: 50 }); // 2 of 4, not the average of 25% and 25%
  });

  test('lcov without DA lines uses LF/LH; with DA lines, LF/LH are not added again', async () => {
    const { results } = await collect({
      'a.info': 'SF:x.c\nLF:10\nLH:3\nend_of_record\nSF:y.c\nDA:1,1\nDA:2,1\nLF:2\nLH:2\nend_of_record\n',
    });
    expect(results.coverage).toEqual({ lines: 41.66 }); // (3 + 2) / (10 + 2), rounded down
  });

  test('an absolute path inside cwd and the same relative path are one file', () => {
    const merge = new CoverageMerge('/project');
    merge.addLine('/project/src/a.js', 1, true);
    merge.addLine('src/a.js', 1, false);
    merge.addLine('./src/a.js', 2, false);
    expect(merge.totals()).toEqual({ covered: 1, total: 2 });
  });

  test('coverage-summary totals count only for files no per-line report gave; different files sum', () => {
    const merge = new CoverageMerge('/p');
    merge.addLine('/p/a.js', 1, true);
    merge.addLine('/p/a.js', 2, false);
    merge.addTotals('/p/a.js', { covered: 2, total: 2 });
    merge.addTotals('/p/b.js', { covered: 1, total: 4 });
    merge.addTotals('b.js', { covered: 3, total: 4 }); // the same file from another report: the best one
    expect(merge.totals()).toEqual({ covered: 4, total: 6 });
  });

  test('coverage-summary with only a total', async () => {
    const summary = { total: { lines: { total: 8, covered: 6, skipped: 0, pct: 75 } } };
    const { results } = await collect({ 'coverage-summary.json': JSON.stringify(summary) });
    expect(results.coverage).toEqual({ lines: 75 });
  });

  test('Go: statement-weighted, a block repeated by -coverpkg is covered when any count is > 0', async () => {
    const { results } = await collect({
      'cover.out': 'mode: set\nm/a.go:1.1,2.2 3 0\nm/a.go:3.1,4.2 1 1\nmode: set\nm/a.go:1.1,2.2 3 1\n',
    });
    expect(results.coverage).toEqual({ lines: 100 });
    const { results: weighted } = await collect({
      'cover.out': 'mode: count\nm/a.go:1.1,2.2 3 0\nm/a.go:3.1,4.2 1 7\n',
    });
    expect(weighted.coverage).toEqual({ lines: 25 });
  });

  test('Cobertura without lines uses lines-valid/lines-covered, JaCoCo its LINE counter', async () => {
    const { results } = await collect({
      'cobertura.xml':
        '<coverage lines-valid="4" lines-covered="1" line-rate="0.25" branch-rate="1"><packages/></coverage>',
      'jacoco.xml': '<report name="x"><counter type="LINE" missed="3" covered="4"/></report>',
    });
    expect(results.coverage).toEqual({ lines: 45.45 }); // (1 + 4) / (4 + 7)
  });

  test('coverage.py JSON: executed and missing lines merge per line with lcov; excluded lines never count', async () => {
    const report = {
      meta: { format: 3, version: '7.6.1', timestamp: '2026-01-01T00:00:00', branch_coverage: true },
      files: {
        'src/a.py': {
          executed_lines: [1, 2, 9], // 9 is excluded (pragma: no cover) but ran: coverage.py lists it as executed
          missing_lines: [3, 4],
          excluded_lines: [9],
          executed_branches: [[2, 3]],
          missing_branches: [[2, 4]],
          summary: { covered_lines: 2, num_statements: 4, covered_branches: 1, num_branches: 2 },
        },
      },
      totals: { covered_lines: 2, num_statements: 4, percent_covered: 50 },
    };
    const { results, formats } = await collect({ 'coverage.json': JSON.stringify(report, null, 4) });
    expect(formats.find((file) => file.path === 'coverage.json')?.format).toBe('coverage-py-json');
    expect(results.coverage).toEqual({ lines: 50 }); // 2 of 4 statements; branches are never mixed in
    const { results: merged } = await collect({
      'coverage.json': JSON.stringify(report),
      'other.info': 'SF:src/a.py\nDA:3,1\nDA:4,0\nend_of_record\n',
    });
    expect(merged.coverage).toEqual({ lines: 75 }); // line 3 covered by the lcov run: 3 of the same 4 lines
  });

  test('coverage.py JSON with no measured file uses its totals', async () => {
    const report = { meta: { version: '6.5.0' }, files: {}, totals: { covered_lines: 0, num_statements: 0 } };
    const { results } = await collect({ 'coverage.json': JSON.stringify(report) });
    expect(results.coverage).toBeUndefined();
  });

  test('percent is rounded down, never up, and absent when nothing was instrumented', () => {
    expect(coveragePercent({ covered: 2, total: 3 })).toBe(66.66);
    expect(coveragePercent({ covered: 29, total: 100 })).toBe(29);
    expect(coveragePercent({ covered: 0, total: 0 })).toBeNull();
  });
});
