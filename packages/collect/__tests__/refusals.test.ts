// Hostile and broken inputs: each is one refusal (kind input, one line naming the file, a fix), nothing written,
// and no report content quoted.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CiSigningError } from '../../errors/src/index.js';
import { collectReports, parseJUnit, TestTally } from '../src/index.js';
import { CONTEXT, folder, junit } from './helpers.js';

const SECRET = 'SECRET-CONTENT';

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "${SECRET}"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<testsuites><testsuite name="s"><testcase name="&lol3;"/></testsuite></testsuites>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE testsuites [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<testsuites><testsuite name="${SECRET}"><testcase name="&xxe;"/></testsuite></testsuites>`;

const CASES: [string, string | Buffer, string, RegExp][] = [
  [
    'truncated.xml',
    junit(`<testcase name="${SECRET}"/>`).slice(0, 70),
    'REPORT_MALFORMED',
    /truncated\.xml is not well-formed XML \([a-z ]+ at line \d+\)/,
  ],
  ['bomb.xml', BOMB, 'REPORT_DTD', /bomb\.xml declares a DOCTYPE with an internal subset/],
  ['xxe.xml', XXE, 'REPORT_DTD', /xxe\.xml declares a DOCTYPE/],
  ['entity.xml', junit(`<testcase name="${SECRET}&xxe;"/>`), 'REPORT_MALFORMED', /entity\.xml is not well-formed XML/],
  [
    'binary.xml',
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff, 0xfe]),
    'REPORT_UNKNOWN_FORMAT',
    /it looks like binary/,
  ],
  ['report.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), 'REPORT_UNKNOWN_FORMAT', /looks like gzip-compressed/],
  ['empty.xml', '', 'REPORT_EMPTY', /empty\.xml is empty/],
  ['blank.xml', '  \n\n', 'REPORT_EMPTY', /blank\.xml is empty/],
  ['index.html', `<!DOCTYPE html><html><body>${SECRET}</body></html>`, 'REPORT_UNKNOWN_FORMAT', /looks like HTML/],
  ['other.xml', `<?xml version="1.0"?><project>${SECRET}</project>`, 'REPORT_UNKNOWN_FORMAT', /XML, but not JUnit/],
  [
    'data.json',
    `{"${SECRET}": 1}`,
    'REPORT_UNKNOWN_FORMAT',
    /JSON, but not an Istanbul coverage-summary or coverage\.py's coverage json\)/,
  ],
  [
    'meta-only.json',
    `{"meta": {"version": "7.6.1", "${SECRET}": 1}, "totals": {"covered_lines": 1, "num_statements": 2}}`,
    'REPORT_UNKNOWN_FORMAT',
    /meta-only\.json is in no known report format \(it looks like JSON, but not an Istanbul coverage-summary or coverage\.py/,
  ],
  [
    'cut-coverage.json',
    '{"meta": {"format": 3, "version": "7.6.1"}, "files": {"a.py": {"executed_lines": [1',
    'REPORT_MALFORMED',
    /cut-coverage\.json looks like a coverage\.py JSON report but is not valid JSON/,
  ],
  [
    'bad-coverage.json',
    `{"meta": {"version": "6.5.0"}, "files": {"a.py": {"executed_lines": ["${SECRET}"], "missing_lines": []}}}`,
    'REPORT_MALFORMED',
    /bad-coverage\.json is a coverage\.py JSON report with a file entry without valid executed_lines/,
  ],
  [
    'no-files-coverage.json',
    '{"meta": {"version": "6.5.0"}, "files": {}, "totals": {}}',
    'REPORT_NO_COVERAGE',
    /no-files-coverage\.json is a coverage\.py JSON report with no files and no valid totals/,
  ],
  [
    'coverage-final.json',
    `{"/a.js": {"path": "/a.js", "statementMap": {}, "${SECRET}": 1}}`,
    'REPORT_UNKNOWN_FORMAT',
    /coverage-final\.json, not coverage-summary/,
  ],
  [
    'notes.txt',
    `${SECRET}\nplain text\n`,
    'REPORT_UNKNOWN_FORMAT',
    /notes\.txt is in no known report format \(it looks like text/,
  ],
  ['utf16.xml', Buffer.from('\ufeff<testsuites/>', 'utf16le'), 'REPORT_UNKNOWN_FORMAT', /UTF-16/],
  ['none.xml', junit(''), 'REPORT_NO_TESTS', /none\.xml is a JUnit report with no test cases/],
  ['bad.info', `SF:a.c\nDA:${SECRET}\n`, 'REPORT_MALFORMED', /bad\.info is not a well-formed lcov file \(line 2\)/],
  ['records.info', 'TN:\n', 'REPORT_NO_COVERAGE', /records\.info is an lcov file with no source file records/],
  ['bad.out', `mode: set\n${SECRET}\n`, 'REPORT_MALFORMED', /bad\.out is not a well-formed Go coverprofile \(line 2\)/],
  ['empty.out', 'mode: set\n', 'REPORT_NO_COVERAGE', /empty\.out is a Go coverprofile with no blocks/],
  ['empty-jacoco.xml', '<report name="x"><package name="p"/></report>', 'REPORT_NO_COVERAGE', /no line data/],
  ['empty-cobertura.xml', '<coverage><packages/></coverage>', 'REPORT_NO_COVERAGE', /no lines and no lines-valid/],
  ['bad-summary.json', '{"total": {"lines": {"total": 3, "covered": 9}}}', 'REPORT_MALFORMED', /without valid lines/],
  [
    'cut-summary.json',
    '{"total": {"lines": {"total": 3',
    'REPORT_MALFORMED',
    /cut-summary\.json looks like a coverage-summary\.json but is not valid JSON/,
  ],
];

async function refusal(run: () => Promise<unknown>): Promise<CiSigningError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return error as CiSigningError;
  }
  throw new Error('expected a refusal');
}

describe('refusals', () => {
  test.each(CASES)('%s', async (name, content, code, message) => {
    const cwd = folder({ 'ok.xml': junit('<testcase name="t"/>'), [name]: content });
    const error = await refusal(() => collectReports({ ...CONTEXT, patterns: ['ok.xml', name], cwd }));
    expect(error.code).toBe(code);
    expect(error.kind).toBe('input');
    expect(error.message).toMatch(message);
    expect(error.fix.length).toBeGreaterThan(10);
    expect(error.toLine()).not.toMatch(/[\r\n]/);
    expect(error.toLine()).not.toContain(SECRET);
    expect(error.toLine()).not.toContain('passwd');
    expect(readdirSync(cwd).sort()).toEqual(['ok.xml', name].sort());
  });

  test('the parser refuses an internal DTD subset too, wherever it is', async () => {
    const cwd = folder({ 'bomb.xml': BOMB });
    const error = await refusal(() => parseJUnit(join(cwd, 'bomb.xml'), 'bomb.xml', new TestTally()));
    expect(error.code).toBe('REPORT_DTD');
  });

  test('a pattern matching nothing is refused, naming the pattern', async () => {
    const cwd = folder({ 'ok.xml': junit('<testcase name="t"/>') });
    const error = await refusal(() => collectReports({ ...CONTEXT, patterns: ['ok.xml', 'reports/**/*.xml'], cwd }));
    expect(error.code).toBe('COLLECT_NO_MATCH');
    expect(error.message).toContain('"reports/**/*.xml" matches no file');
  });

  test('no pattern at all', async () => {
    expect((await refusal(() => collectReports({ ...CONTEXT, patterns: [' ', '!x'] }))).code).toBe(
      'COLLECT_NO_PATTERNS',
    );
  });

  test('a folder matched by a pattern is not a report', async () => {
    const cwd = folder({ 'dir/ok.xml': junit('<testcase name="t"/>') });
    const files = await collectReports({ ...CONTEXT, patterns: ['**'], cwd });
    expect(files.files).toEqual(['dir/ok.xml']);
  });

  test('a bad repository or commit is refused before anything is written', async () => {
    const cwd = folder({ 'ok.xml': junit('<testcase name="t"/>') });
    const error = await refusal(() => collectReports({ ...CONTEXT, commit: 'HEAD', patterns: ['ok.xml'], cwd }));
    expect(error.code).toBe('RESULTS_INVALID');
  });
});
