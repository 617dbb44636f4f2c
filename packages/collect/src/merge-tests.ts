// Counts test cases across reports. Identity = suite + classname + name. A repeat of an identity whose latest
// occurrence failed is a rerun (last outcome wins; failed then passed = flaky); any other repeat is another test.
import type { FailureEntry, FlakyEntry, TestCase, TestSummary } from './types.js';

interface FailedSlot {
  index: number;
  entry: FailureEntry | null;
}

export class TestTally {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  // Report order; a slot is emptied when a rerun passes or is skipped.
  private readonly failures: (FailureEntry | null)[] = [];
  private readonly flaky: FlakyEntry[] = [];
  // Only identities whose latest occurrence failed are remembered: passing tests cost no memory.
  private readonly open = new Map<string, FailedSlot>();
  private cases = 0;

  add(test: TestCase): void {
    this.cases++;
    const identity = `${test.suite}\u0000${test.classname}\u0000${test.name}`;
    const previous = this.open.get(identity);
    if (previous) {
      this.failed--;
      this.open.delete(identity);
      if (test.outcome !== 'failed') this.failures[previous.index] = null;
    }
    if (test.outcome === 'failed') {
      this.failed++;
      const entry = failureEntry(test);
      if (previous) {
        this.failures[previous.index] = entry;
        this.open.set(identity, { index: previous.index, entry });
      } else {
        this.open.set(identity, { index: this.failures.push(entry) - 1, entry });
      }
      return;
    }
    if (test.outcome === 'skipped') {
      this.skipped++;
      return;
    }
    this.passed++;
    if (previous || test.flaky) this.flaky.push(flakyEntry(test));
  }

  /** Test cases seen (reruns included). */
  get caseCount(): number {
    return this.cases;
  }

  summary(): TestSummary {
    return {
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      failures: this.failures.filter((entry): entry is FailureEntry => entry !== null),
      flaky: [...this.flaky],
    };
  }
}

export function displayName(test: Pick<TestCase, 'classname' | 'name'>): string {
  const { classname, name } = test;
  if (!classname || name.includes(classname)) return name || classname || '(unnamed test)';
  if (!name) return classname;
  return `${classname} › ${name}`;
}

function failureEntry(test: TestCase): FailureEntry {
  const entry: FailureEntry = { name: displayName(test), message: test.message ?? '' };
  if (test.file) entry.file = test.file;
  if (test.line) entry.line = test.line;
  return entry;
}

function flakyEntry(test: TestCase): FlakyEntry {
  return test.file ? { name: displayName(test), file: test.file } : { name: displayName(test) };
}
