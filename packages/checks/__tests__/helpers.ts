// Test helpers: real results files (bytes + parsed through the real schema).
import { parseResults, type CiResults } from '../../results/src/index.js';

export const REPOSITORY = 'octo-org/octo-repo';
export const COMMIT = 'a'.repeat(40);

export interface ResultsFixture {
  bytes: Uint8Array;
  results: CiResults;
  text: string;
}

export function makeResults(overrides: Record<string, unknown> = {}, options: { prefix?: string; newline?: string } = {}): ResultsFixture {
  const value = {
    version: 1,
    repository: REPOSITORY,
    commit: COMMIT,
    conclusion: 'success',
    tests: { passed: 10, failed: 0, skipped: 1 },
    coverage: { lines: 91.5 },
    ...overrides,
  };
  const text = (options.prefix ?? '') + JSON.stringify(value, null, 2).replace(/\n/g, options.newline ?? '\n') + (options.newline ?? '\n');
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  return { bytes, results: parseResults(bytes, 'ci-results.json'), text };
}

export function makeFailures(count: number, message: (index: number) => string = (index) => `expected ${index} to equal ${index + 1}`) {
  return Array.from({ length: count }, (_, index) => ({
    name: `suite › test ${index + 1}`,
    message: message(index),
    file: `src/file-${index % 7}.ts`,
    line: index + 1,
  }));
}
