// coverage.py's JSON report (`coverage json`): per file, executed_lines are covered statements and missing_lines
// uncovered ones. excluded_lines are no statements, even when they ran (coverage.py lists those as executed too),
// and branch data (`--branch`) is never read: line coverage only, as `coverage report` counts it without branches.
// The file names are relative to the directory coverage.py reported from; the report names no root (Cobertura's
// <source>), so they are used as Cobertura's are without one: as written, relative to the working directory.
import { readFile } from 'node:fs/promises';
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';

interface FileEntry {
  executed_lines?: unknown;
  missing_lines?: unknown;
  excluded_lines?: unknown;
}

interface Report {
  files?: unknown;
  totals?: { covered_lines?: unknown; num_statements?: unknown };
}

const REGENERATE = 'Regenerate it with coverage json; it may have been cut short or edited.';

export async function parseCoveragePyJson(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  let report: Report;
  try {
    report = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw refuse(
      'REPORT_MALFORMED',
      `${display} looks like a coverage.py JSON report but is not valid JSON; it may be truncated.`,
      REGENERATE,
    );
  }
  const files = report.files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) {
    throw refuse('REPORT_MALFORMED', `${display} is a coverage.py JSON report without a files object.`, REGENERATE);
  }
  const entries = Object.entries(files as Record<string, FileEntry>);
  for (const [file, entry] of entries) {
    const executed = lineNumbers(entry?.executed_lines);
    const missing = lineNumbers(entry?.missing_lines);
    const excluded = entry?.excluded_lines === undefined ? [] : lineNumbers(entry.excluded_lines);
    if (!executed || !missing || !excluded) {
      throw refuse(
        'REPORT_MALFORMED',
        `${display} is a coverage.py JSON report with a file entry without valid executed_lines and missing_lines.`,
        REGENERATE,
      );
    }
    const notStatements = new Set(excluded);
    for (const line of missing) coverage.addLine(file, line, false);
    for (const line of executed) if (!notStatements.has(line)) coverage.addLine(file, line, true);
  }
  if (entries.length > 0) return;
  const total = Number(report.totals?.num_statements);
  const covered = Number(report.totals?.covered_lines);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(covered) || covered < 0 || covered > total) {
    throw refuse(
      'REPORT_NO_COVERAGE',
      `${display} is a coverage.py JSON report with no files and no valid totals.`,
      'Check that coverage was measured (coverage run --source=...), or leave this file out of the patterns.',
    );
  }
  coverage.addTotals(`(total of ${display})`, { covered, total });
}

/** Positive integer line numbers, or null when the value is not a list of them. */
function lineNumbers(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  for (const line of value) if (!Number.isSafeInteger(line) || (line as number) < 1) return null;
  return value as number[];
}
