import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const CONTEXT = { repository: 'octo-org/hello-world', commit: '0123456789abcdef0123456789abcdef01234567' };

/** A temporary folder holding the given files (contents as given, bytes or text). */
export function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'collect-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

export interface ToolSummary {
  tests?: { passed: number; failed: number; skipped: number };
  coverage?: { lines: number; decimals: number; [extra: string]: unknown };
  flaky?: string[];
  [extra: string]: unknown;
}

export function toolSummary(tool: string): ToolSummary {
  return JSON.parse(readFileSync(join(FIXTURES, tool, 'summary.json'), 'utf8'));
}

/** Our percent (rounded down to 2 decimals) against a tool's printed one (rounded to `decimals`). */
export function expectPercent(ours: number | undefined, printed: number, decimals: number): void {
  expect(ours).toBeDefined();
  expect(Math.abs((ours as number) - printed)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 0.01);
}

export function junit(cases: string, suite = 'suite'): string {
  const xml = '<?xml version="1.0" encoding="UTF-8"?>';
  return `${xml}\n<testsuites><testsuite name="${suite}">${cases}</testsuite></testsuites>\n`;
}
