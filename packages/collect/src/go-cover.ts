// Go coverprofiles (go test -coverprofile): "file:l1.c1,l2.c2 statements count" per block. A block repeated
// (several packages, -coverpkg) is covered when any count is > 0; percent is statement-weighted, as Go prints.
import { refuse } from './errors.js';
import type { CoverageMerge } from './merge-coverage.js';
import { forEachLine } from './read.js';

const BLOCK = /^(.+):(\d+\.\d+,\d+\.\d+) (\d+) (\d+)$/;

export async function parseGoCover(path: string, display: string, coverage: CoverageMerge): Promise<void> {
  let blocks = 0;
  await forEachLine(path, (line, number) => {
    if (number === 1 || line === '' || line.startsWith('mode:')) return;
    const match = BLOCK.exec(line);
    if (!match) {
      throw refuse(
        'REPORT_MALFORMED',
        `${display} is not a well-formed Go coverprofile (line ${number}).`,
        'Regenerate it with go test -coverprofile; it may have been cut short or edited.',
      );
    }
    coverage.addGoBlock(match[1], match[2], Number(match[3]), Number(match[4]) > 0);
    blocks++;
  });
  if (blocks === 0) {
    throw refuse(
      'REPORT_NO_COVERAGE',
      `${display} is a Go coverprofile with no blocks.`,
      'Check that go test ran with -coverprofile on packages with code, or leave this file out of the patterns.',
    );
  }
}
