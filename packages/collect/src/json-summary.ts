// Istanbul coverage-summary.json (--coverageReporters=json-summary, nyc/c8 --reporter=json-summary):
// totals only, per file. The per-file entries are used; "total" only when there are none.
import { readFile } from 'node:fs/promises';
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';

interface LinesEntry {
  lines?: { total?: unknown; covered?: unknown };
}

export async function parseJsonSummary(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  let summary: Record<string, LinesEntry>;
  try {
    summary = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw refuse(
      'REPORT_MALFORMED',
      `${display} looks like a coverage-summary.json but is not valid JSON; it may be truncated.`,
      'Regenerate it with the json-summary coverage reporter.',
    );
  }
  const entries = Object.entries(summary).filter(([key]) => key !== 'total');
  const totals = (entry: LinesEntry | undefined) => {
    const total = Number(entry?.lines?.total);
    const covered = Number(entry?.lines?.covered);
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(covered) || total < 0 || covered < 0 || covered > total) {
      return null;
    }
    return { total, covered };
  };
  const invalid = () =>
    refuse(
      'REPORT_MALFORMED',
      `${display} is a coverage-summary.json without valid lines totals.`,
      'Regenerate it with the json-summary coverage reporter.',
    );
  if (entries.length === 0) {
    const total = totals(summary.total);
    if (!total) throw invalid();
    coverage.addTotals(`(total of ${display})`, total);
    return;
  }
  for (const [file, entry] of entries) {
    const total = totals(entry);
    if (!total) throw invalid();
    coverage.addTotals(file, total);
  }
}
