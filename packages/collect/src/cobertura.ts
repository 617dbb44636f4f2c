// Cobertura XML (coverage.py `coverage xml`, Istanbul cobertura, many others): line hits only; branch
// rates are never mixed in. Only a class's own <lines> count, as lines-valid does: Istanbul lists each
// function's declaration line under <methods>, which is not a statement line.
import { isAbsolute, join } from 'node:path';
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';
import { parseXmlFile } from './xml.js';

export async function parseCobertura(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  const sources: string[] = [];
  let source: string | null = null;
  let file: string | null = null;
  let lines = 0;
  let inMethods = false;
  let rootTotals: { covered: number; total: number } | null = null;
  await parseXmlFile(path, display, {
    open(name, attributes) {
      if (name === 'coverage') {
        const total = Number(attributes['lines-valid']);
        const covered = Number(attributes['lines-covered']);
        if (Number.isSafeInteger(total) && Number.isSafeInteger(covered) && total >= 0) rootTotals = { covered, total };
      } else if (name === 'source') {
        source = '';
      } else if (name === 'class') {
        const filename = attributes.filename ?? attributes.name ?? '';
        file = isAbsolute(filename) || sources.length === 0 ? filename : join(sources[0], filename);
      } else if (name === 'methods') {
        inMethods = true;
      } else if (name === 'line' && file !== null && !inMethods) {
        const hits = Number(attributes.hits);
        coverage.addLine(file, Number(attributes.number), hits > 0);
        lines++;
      }
    },
    close(name) {
      if (name === 'source' && source !== null) {
        if (source.trim()) sources.push(source.trim());
        source = null;
      } else if (name === 'class') {
        file = null;
      } else if (name === 'methods') {
        inMethods = false;
      }
    },
    text(text) {
      if (source !== null) source += text;
    },
  });
  if (lines > 0) return;
  if (!rootTotals) {
    throw refuse(
      'REPORT_NO_COVERAGE',
      `${display} is a Cobertura report with no lines and no lines-valid total.`,
      'Check that coverage was collected, or leave this file out of the patterns.',
    );
  }
  coverage.addTotals(`(total of ${display})`, rootTotals);
}
