// Counting rules: test cases only, failed = failures + errors, skipped = skipped + disabled + ignored,
// reruns by identity (suite + classname + name), distinct same-named tests.
import { collectReports } from '../src/index.js';
import { CONTEXT, folder, junit } from './helpers.js';

const collect = (files: Record<string, string>, patterns = ['*.xml']) =>
  collectReports({ ...CONTEXT, patterns, cwd: folder(files) });

describe('counting test cases', () => {
  test('failure and error fail; skipped, disabled and ignored skip; failure beside skipped fails', async () => {
    const { results } = await collect({
      'a.xml': junit(`
        <testcase classname="c" name="pass"/>
        <testcase classname="c" name="fail"><failure message="boom"/></testcase>
        <testcase classname="c" name="error"><error message="crash">trace</error></testcase>
        <testcase classname="c" name="skip"><skipped/></testcase>
        <testcase classname="c" name="disabled" status="disabled"/>
        <testcase classname="c" name="ignored"><ignored/></testcase>
        <testcase classname="c" name="both"><failure message="failed then skipped"/><skipped/></testcase>`),
    });
    expect(results.tests).toEqual({ passed: 1, failed: 3, skipped: 3 });
    expect(results.conclusion).toBe('failure');
  });

  test('suite attributes are never read; nested suites and suites without a tests attribute', async () => {
    const { results } = await collect({
      'a.xml': `<testsuites tests="100" failures="50">
        <testsuite name="outer" tests="99"><testsuite name="inner"><testcase name="a"/><testcase name="b"/></testsuite>
          <testcase name="c"/></testsuite></testsuites>`,
      'b.xml': '<testsuite name="root-level"><testcase name="d"/></testsuite>',
    });
    expect(results.tests).toEqual({ passed: 4, failed: 0, skipped: 0 });
    expect(results.conclusion).toBe('success');
  });

  test('same-named passing tests are distinct tests (jest, mocha)', async () => {
    const { results } = await collect({
      'a.xml': junit('<testcase name="same"/><testcase name="same"/><testcase name="same"><skipped/></testcase>'),
    });
    expect(results.tests).toEqual({ passed: 2, failed: 0, skipped: 1 });
  });

  test('a repeat after a failure is a rerun: failed then passed is flaky, same file or later', async () => {
    const first = junit(
      '<testcase classname="c" name="t1" file="t.go"><failure message="x"/></testcase>' +
        '<testcase classname="c" name="t2"><failure message="y"/></testcase>' +
        '<testcase classname="c" name="t3"><failure message="z"/></testcase>' +
        '<testcase classname="c" name="t1" file="t.go"/>',
      'pkg',
    );
    const second = junit(
      '<testcase classname="c" name="t2"/><testcase classname="c" name="t3"><failure message="again"/></testcase>',
      'pkg',
    );
    const { results } = await collect({ '1.xml': first, '2.xml': second });
    expect(results.tests).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(results.flaky).toEqual([{ name: 'c › t1', file: 't.go' }, { name: 'c › t2' }]);
    expect(results.failures).toEqual([{ name: 'c › t3', message: 'again' }]);
  });

  test('a different suite is a different identity, so no rerun', async () => {
    const { results } = await collect({
      '1.xml': junit('<testcase classname="c" name="t"><failure/></testcase>', 'one'),
      '2.xml': junit('<testcase classname="c" name="t"/>', 'two'),
    });
    expect(results.tests).toEqual({ passed: 1, failed: 1, skipped: 0 });
    expect(results.flaky).toBeUndefined();
  });

  test('failures: first line only, at most 1 KB, escapes and control characters removed', async () => {
    const long = 'x'.repeat(3000);
    const { results } = await collect({
      'a.xml': junit(
        `<testcase name="\u001b[31mred&#7;\u001b]8;;http://e\u0007link&#x1b;]8;;\u0007">` +
          `<failure message="${long}"/></testcase>` +
          '<testcase name="text"><failure><![CDATA[\n\n  \u001b[1mfirst line\u001b[0m\nsecond line]]>' +
          '</failure></testcase>' +
          '<testcase name="typed"><error type="java.lang.OutOfMemoryError"/></testcase>',
      ),
    });
    const [first, second, third] = results.failures!;
    expect(first.name).toBe('redlink');
    expect(Buffer.byteLength(first.message)).toBeLessThanOrEqual(1024);
    expect(first.message.endsWith('…')).toBe(true);
    expect(second.message).toBe('first line');
    expect(third.message).toBe('java.lang.OutOfMemoryError');
  });

  test('a byte order mark, CRLF line ends and a namespace prefix are fine', async () => {
    const xml =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n<j:testsuite xmlns:j="urn:x" name="s">\r\n' +
      '<j:testcase name="a"/>\r\n<j:testcase name="b"><j:failure message="m"/></j:testcase>\r\n</j:testsuite>\r\n';
    const { results } = await collectReports({
      ...CONTEXT,
      patterns: ['*'],
      cwd: folder({ 'a.xml': xml, 'b.info': 'TN:\r\nSF:a.c\r\nDA:1,1\r\nDA:2,0\r\nend_of_record\r\n' }),
    });
    expect(results.tests).toEqual({ passed: 1, failed: 1, skipped: 0 });
    expect(results.coverage).toEqual({ lines: 50 });
  });
});
