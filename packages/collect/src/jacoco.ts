// JaCoCo XML (jacoco:report): per-line from <sourcefile><line mi ci>; a line is covered when ci > 0.
// Reports without line data (no debug info) fall back to the report's LINE counter.
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';
import { parseXmlFile } from './xml.js';

export async function parseJaCoCo(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  let depth = 0;
  let packageName = '';
  let file: string | null = null;
  let lines = 0;
  let reportTotals: { covered: number; total: number } | null = null;
  await parseXmlFile(path, display, {
    open(name, attributes) {
      depth++;
      if (name === 'package') packageName = attributes.name ?? '';
      else if (name === 'sourcefile')
        file = packageName ? `${packageName}/${attributes.name ?? ''}` : (attributes.name ?? '');
      else if (name === 'line' && file !== null) {
        const missed = Number(attributes.mi) || 0;
        const covered = Number(attributes.ci) || 0;
        if (missed + covered > 0) coverage.addLine(file, Number(attributes.nr), covered > 0);
        lines++;
      } else if (name === 'counter' && depth === 2 && attributes.type === 'LINE') {
        const missed = Number(attributes.missed);
        const covered = Number(attributes.covered);
        if (Number.isSafeInteger(missed) && Number.isSafeInteger(covered))
          reportTotals = { covered, total: missed + covered };
      }
    },
    close(name) {
      depth--;
      if (name === 'sourcefile') file = null;
      else if (name === 'package') packageName = '';
    },
  });
  if (lines > 0) return;
  if (!reportTotals) {
    throw refuse(
      'REPORT_NO_COVERAGE',
      `${display} is a JaCoCo report with no line data and no LINE counter.`,
      'Check that coverage was collected, or leave this file out of the patterns.',
    );
  }
  coverage.addTotals(`(total of ${display})`, reportTotals);
}
