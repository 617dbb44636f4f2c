// lcov tracefiles (geninfo, Istanbul/nyc/c8, llvm-cov export): per-line DA records; LF/LH when a record has no DA.
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';
import { forEachLine } from './read.js';

export async function parseLcov(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  let file: string | null = null;
  let sawLines = false;
  let found: number | null = null;
  let hit: number | null = null;
  let records = 0;
  const endRecord = () => {
    if (file !== null && !sawLines && found !== null) coverage.addTotals(file, { covered: hit ?? 0, total: found });
    if (file !== null) records++;
    file = null;
    sawLines = false;
    found = hit = null;
  };
  await forEachLine(path, (line, number) => {
    if (line.startsWith('DA:')) {
      if (file === null) throw malformed(display, number);
      const comma = line.indexOf(',', 3);
      const next = line.indexOf(',', comma + 1);
      const lineNumber = Number(line.slice(3, comma));
      const hits = Number(next < 0 ? line.slice(comma + 1) : line.slice(comma + 1, next));
      if (comma < 0 || !Number.isFinite(lineNumber) || Number.isNaN(hits)) throw malformed(display, number);
      coverage.addLine(file, lineNumber, hits > 0);
      sawLines = true;
    } else if (line.startsWith('SF:')) {
      endRecord();
      file = line.slice(3).trim();
    } else if (line.startsWith('LF:')) {
      found = Number(line.slice(3)) || 0;
    } else if (line.startsWith('LH:')) {
      hit = Number(line.slice(3)) || 0;
    } else if (line === 'end_of_record') {
      endRecord();
    }
    // TN, FN, FNDA, FNF, FNH, BRDA, BRF, BRH and others do not concern line coverage.
  });
  endRecord();
  if (records === 0) {
    throw refuse(
      'REPORT_NO_COVERAGE',
      `${display} is an lcov file with no source file records (SF:).`,
      'Check that coverage was collected, or leave this file out of the patterns.',
    );
  }
}

function malformed(display: string, line: number) {
  return refuse(
    'REPORT_MALFORMED',
    `${display} is not a well-formed lcov file (line ${line}).`,
    'Regenerate the lcov file with the coverage tool; it may have been cut short or edited.',
  );
}
