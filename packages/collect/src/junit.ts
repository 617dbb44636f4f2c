// JUnit XML (jest-junit, pytest, Surefire/Failsafe, gotestsum, JUnit 5, mocha-junit-reporter, PHPUnit), streamed.
// Counts <testcase> elements only; suite attributes such as tests="" are never read.
import { refuse } from './errors.js';
import type { TestTally } from './merge-tests.js';
import { truncateUtf8WithMarker } from '../../common/src/index.js';
import { cleanLine, firstLine } from './sanitize.js';
import type { Outcome } from './types.js';
import { parseXmlFile } from './xml.js';

export const MESSAGE_MAX_BYTES = 1024;
export const NAME_MAX_BYTES = 1024;
export const FILE_MAX_BYTES = 512;
// Enough text to find a first line in; the rest of a stack trace is not kept.
const TEXT_CAPTURE_CHARS = 4096;

const SKIP_ELEMENTS = new Set(['skipped', 'disabled', 'ignored']);
const SKIP_STATUSES = new Set(['skipped', 'disabled', 'ignored', 'notrun', 'not_run']);

interface OpenCase {
  suite: string;
  classname: string;
  name: string;
  file?: string;
  line?: number;
  status: string;
  failed: boolean;
  skipped: boolean;
  flaky: boolean;
  message: string;
  type: string;
  capturing: boolean;
  text: string;
}

interface OpenSuite {
  name: string;
  file?: string;
}

export async function parseJUnit(path: string, display: string, tally: TestTally): Promise<void> {
  const suites: OpenSuite[] = [];
  let current: OpenCase | null = null;
  let depthInCase = 0;
  let cases = 0;

  await parseXmlFile(path, display, {
    open(name, attributes) {
      if (current) {
        depthInCase++;
        if (depthInCase === 1) child(current, name, attributes);
        return;
      }
      if (name === 'testsuite') {
        suites.push({ name: cleanLine(attributes.name ?? ''), file: cleanFile(attributes.file) });
      } else if (name === 'testcase') {
        current = openCase(suites, attributes);
        depthInCase = 0;
      }
    },
    close(name) {
      if (current) {
        if (depthInCase > 0) {
          depthInCase--;
          if (depthInCase === 0) current.capturing = false;
          return;
        }
        if (name === 'testcase') {
          cases++;
          tally.add(finish(current));
          current = null;
        }
        return;
      }
      if (name === 'testsuite') suites.pop();
    },
    text(text) {
      if (current?.capturing && current.text.length < TEXT_CAPTURE_CHARS)
        current.text += text.slice(0, TEXT_CAPTURE_CHARS);
    },
  });
  if (cases === 0) {
    throw refuse(
      'REPORT_NO_TESTS',
      `${display} is a JUnit report with no test cases.`,
      'Check that the test step ran tests, or leave this file out of the patterns.',
    );
  }
}

function openCase(suites: OpenSuite[], attributes: Record<string, string>): OpenCase {
  let file = cleanFile(attributes.file);
  for (let index = suites.length - 1; !file && index >= 0; index--) file = suites[index].file;
  // pytest (suite "pytest" unless junit_suite_name is set) writes 0-based line numbers.
  const line = Number(attributes.line) + (suites[0]?.name === 'pytest' ? 1 : 0);
  return {
    suite: suites.map((suite) => suite.name).join(' › '),
    classname: truncateUtf8WithMarker(cleanLine(attributes.classname ?? attributes.class ?? ''), NAME_MAX_BYTES),
    name: truncateUtf8WithMarker(cleanLine(attributes.name ?? ''), NAME_MAX_BYTES),
    file,
    line: Number.isSafeInteger(line) && line >= 1 ? line : undefined,
    status: (attributes.status ?? '').toLowerCase(),
    failed: false,
    skipped: false,
    flaky: false,
    message: '',
    type: '',
    capturing: false,
    text: '',
  };
}

function child(test: OpenCase, name: string, attributes: Record<string, string>): void {
  if (name === 'failure' || name === 'error') {
    if (test.failed) return; // the first failure explains the case; rerunFailure etc. follow it
    test.failed = true;
    test.message = firstLine(attributes.message ?? '');
    test.capturing = !test.message;
    test.type = firstLine(attributes.type ?? '');
  } else if (SKIP_ELEMENTS.has(name)) {
    test.skipped = true;
  } else if (name === 'flakyFailure' || name === 'flakyError') {
    test.flaky = true;
  }
}

function finish(test: OpenCase) {
  let outcome: Outcome = 'passed';
  if (test.failed) outcome = 'failed';
  else if (test.skipped || SKIP_STATUSES.has(test.status)) outcome = 'skipped';
  const message = test.failed
    ? truncateUtf8WithMarker(test.message || firstLine(test.text) || test.type, MESSAGE_MAX_BYTES)
    : undefined;
  return {
    suite: test.suite,
    classname: test.classname,
    name: test.name,
    outcome,
    flaky: test.flaky && outcome === 'passed',
    message,
    file: test.file,
    line: test.line,
  };
}

function cleanFile(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return truncateUtf8WithMarker(cleanLine(value), FILE_MAX_BYTES) || undefined;
}
