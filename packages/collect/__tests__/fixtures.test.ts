// Counts and coverage of reports written by the real tools, against what each tool itself printed.
import { join } from 'node:path';
import { collectReports, CoverageMerge, coveragePercent, parseCobertura, parseCoveragePyJson } from '../src/index.js';
import { CONTEXT, expectPercent, FIXTURES, toolSummary, type ToolSummary } from './helpers.js';

// Where scripts/make-collect-fixtures.sh ran coverage.py (Cobertura names it as <source>).
const BUILD_FOLDER = '/tmp/collect-fixtures/pytest';

const collect = (tool: string, patterns: string[]) =>
  collectReports({ ...CONTEXT, patterns, cwd: join(FIXTURES, tool) });

describe('reports made by the real tools', () => {
  test('jest + jest-junit, lcov, coverage-summary.json and Istanbul Cobertura', async () => {
    const summary = toolSummary('jest');
    for (const coverage of ['lcov.info', 'coverage-summary.json', 'cobertura-coverage.xml']) {
      const { results, files } = await collect('jest', ['junit.xml', coverage]);
      expect(files).toEqual(['junit.xml', coverage]);
      expect(results.tests).toEqual(summary.tests);
      expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
    }
    const { results } = await collect('jest', ['junit.xml']);
    expect(results.failures?.map((failure) => failure.message)).toEqual([
      'Error: expect(received).toBe(expected) // Object.is equality',
      'Error: division by zero',
    ]);
    expect(results.failures?.[0]).toMatchObject({ name: 'math fails on purpose', file: 'math.test.js' });
  });

  test("all of jest's reports at once (glob with an exclusion) give the tool's numbers", async () => {
    const summary = toolSummary('jest');
    const { results } = await collect('jest', ['*.xml', '*.info', '*.json', '!summary.json']);
    expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
  });

  test('mocha + mocha-junit-reporter, c8 and nyc lcov', async () => {
    const summary = toolSummary('mocha') as {
      tests: object;
      coverage: Record<string, { lines: number; decimals: number }>;
    };
    for (const tool of ['c8', 'nyc']) {
      const { results } = await collect('mocha', ['junit.xml', `${tool}-lcov.info`]);
      expect(results.tests).toEqual(summary.tests);
      expectPercent(results.coverage?.lines, summary.coverage[tool].lines, summary.coverage[tool].decimals);
    }
    const { results } = await collect('mocha', ['junit.xml', 'nyc-coverage-summary.json']);
    expectPercent(results.coverage?.lines, summary.coverage.nyc.lines, summary.coverage.nyc.decimals);
    expect(results.failures?.map((failure) => failure.message)).toEqual([
      'Expected values to be strictly equal: 2 !== 3',
      'division by zero',
    ]);
  });

  test('pytest --junitxml xunit1 (file and line) and xunit2, coverage.py Cobertura', async () => {
    const summary = toolSummary('pytest');
    for (const report of ['xunit1.xml', 'xunit2.xml']) {
      const { results } = await collect('pytest', [report, 'coverage.xml']);
      expect(results.tests).toEqual(summary.tests);
      expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
    }
    const { results } = await collect('pytest', ['xunit1.xml']);
    // pytest writes 0-based lines; test_fails_on_purpose is defined on line 15 of test_calc.py.
    expect(results.failures?.[0]).toEqual({
      name: 'test_calc › test_fails_on_purpose',
      message: 'assert 2 == 3',
      file: 'test_calc.py',
      line: 15,
    });
    expect(results.failures?.[1].message).toBe('failed on setup with "RuntimeError: fixture failed on purpose"');
  });

  test('coverage.py with --branch: line coverage only, never mixed with branches', async () => {
    const summary = toolSummary('pytest');
    for (const report of ['coverage-branch.xml', 'coverage-branch.json']) {
      const { results } = await collect('pytest', ['xunit2.xml', report]);
      expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
      expect(results.coverage?.lines).not.toBe(summary.coverage!.withBranches);
    }
  });

  test("coverage.py coverage json: the statements and misses of coverage report's TOTAL line", async () => {
    const summary = toolSummary('pytest') as ToolSummary & { coverage: { statements: number; missing: number } };
    const { statements, missing } = summary.coverage;
    const { results, formats } = await collect('pytest', ['xunit2.xml', 'coverage.json']);
    expect(formats[1]).toEqual({ path: 'coverage.json', format: 'coverage-py-json' });
    expect(results.tests).toEqual(summary.tests);
    expect(results.coverage).toEqual({ lines: coveragePercent({ covered: statements - missing, total: statements }) });
    expectPercent(results.coverage?.lines, summary.coverage.lines, summary.coverage.decimals);
  });

  test('coverage.py coverage json and coverage xml of the same run are the same lines', async () => {
    const summary = toolSummary('pytest') as ToolSummary & { coverage: { statements: number; missing: number } };
    const tool = {
      covered: summary.coverage.statements - summary.coverage.missing,
      total: summary.coverage.statements,
    };
    const { results } = await collect('pytest', ['xunit2.xml', 'coverage.xml', 'coverage.json']);
    expect(results.coverage).toEqual({ lines: coveragePercent(tool) });
    // Merged as collect does when it runs where coverage.py ran (the build folder the reports name): each line
    // once, not each report's lines side by side.
    const merge = new CoverageMerge(BUILD_FOLDER);
    await parseCobertura(join(FIXTURES, 'pytest', 'coverage.xml'), 'coverage.xml', merge);
    expect(merge.totals()).toEqual(tool);
    await parseCoveragePyJson(join(FIXTURES, 'pytest', 'coverage.json'), 'coverage.json', merge);
    expect(merge.totals()).toEqual(tool);
  });

  test('gotestsum --junitfile and go test -coverprofile (statement-weighted)', async () => {
    const summary = toolSummary('go');
    const { results } = await collect('go', ['junit.xml', 'cover.out']);
    expect(results.tests).toEqual(summary.tests);
    expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
  });

  test('Surefire reruns: flakyFailure passes and is listed, rerunFailure beside failure fails', async () => {
    const summary = toolSummary('surefire');
    const { results } = await collect('surefire', ['TEST-*.xml']);
    expect(results.tests).toEqual(summary.tests);
    expect(results.flaky).toEqual(summary.flaky!.map((name) => ({ name })));
    expect(results.failures?.map((failure) => failure.name)).toEqual([
      'com.example.CalculatorTest › alwaysFails',
      'com.example.CalculatorTest › errors',
    ]);
  });

  test('Failsafe with flakyError; failsafe-summary.xml is refused by what it is', async () => {
    const summary = toolSummary('failsafe');
    const { results } = await collect('failsafe', ['TEST-*.xml']);
    expect(results.tests).toEqual(summary.tests);
    expect(results.flaky).toEqual(summary.flaky!.map((name) => ({ name })));
    await expect(collect('failsafe', ['*.xml'])).rejects.toThrow(
      'failsafe-summary.xml is in no known report format (it looks like a Failsafe summary',
    );
  });

  test('JUnit 5 console launcher and PHPUnit (nested suites, data sets)', async () => {
    for (const [tool, pattern] of [
      ['junit5', 'TEST-*.xml'],
      ['phpunit', 'junit.xml'],
    ]) {
      const { results } = await collect(tool, [pattern]);
      expect(results.tests).toEqual(toolSummary(tool).tests);
    }
    const { results } = await collect('phpunit', ['junit.xml']);
    expect(results.failures?.[0]).toMatchObject({ file: '/app/tests/CalculatorTest.php', line: 15 });
  });

  test('JaCoCo (with its PUBLIC DOCTYPE, never fetched)', async () => {
    const summary = toolSummary('jacoco');
    const { results } = await collect('jacoco', ['jacoco.xml', '../junit5/TEST-junit-jupiter.xml']);
    expectPercent(results.coverage?.lines, summary.coverage!.lines, summary.coverage!.decimals);
  });

  test("lcov geninfo: two runs of the same file merge to lcov -a's union", async () => {
    const summary = toolSummary('lcov-geninfo') as { coverage: Record<string, number> };
    const cases: [string[], number][] = [
      [['add.info'], summary.coverage.add],
      [['divide.info'], summary.coverage.divide],
      [['add.info', 'divide.info'], summary.coverage.merged],
      [['merged.info'], summary.coverage.merged],
    ];
    for (const [patterns, printed] of cases) {
      const { results } = await collect('lcov-geninfo', [...patterns, '../go/junit.xml']);
      expectPercent(results.coverage?.lines, printed, summary.coverage.decimals);
    }
  });
});
