// Merges coverage per source file and line: a line is covered when any report covers it. Percentages are
// never averaged. Go blocks are kept apart, weighted by statements as `go tool cover` does. Totals-only data
// (coverage-summary.json) counts for a file only when no report gave that file's lines.
import { isAbsolute, relative, sep } from 'node:path';
import type { CoverageTotals } from './types.js';

const NOT_INSTRUMENTED = 0;
const UNCOVERED = 1;
const COVERED = 2;

interface GoBlock {
  statements: number;
  covered: boolean;
}

export class CoverageMerge {
  // One byte per line number: 0 not instrumented, 1 instrumented, 2 covered (50 MB of lcov stays small).
  private readonly lines = new Map<string, Uint8Array>();
  private readonly go = new Map<string, Map<string, GoBlock>>();
  private readonly totalsOnly = new Map<string, CoverageTotals>();

  constructor(private readonly cwd: string = process.cwd()) {}

  private readonly keys = new Map<string, string>();

  /** A path as a key: relative to cwd when inside it, with forward slashes. */
  key(path: string): string {
    const known = this.keys.get(path);
    if (known !== undefined) return known;
    let key = path;
    if (isAbsolute(key)) {
      const inside = relative(this.cwd, key);
      if (inside && !inside.startsWith('..') && !isAbsolute(inside)) key = inside;
    }
    key = key
      .split(sep)
      .join('/')
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '');
    this.keys.set(path, key);
    return key;
  }

  addLine(file: string, line: number, covered: boolean): void {
    if (!Number.isSafeInteger(line) || line < 1) return;
    const key = this.key(file);
    let map = this.lines.get(key);
    if (!map || map.length <= line) {
      const grown = new Uint8Array(Math.max(line + 1, (map?.length ?? 0) * 2, 64));
      if (map) grown.set(map);
      map = grown;
      this.lines.set(key, map);
    }
    const value = covered ? COVERED : UNCOVERED;
    if (map[line] < value) map[line] = value;
  }

  addGoBlock(file: string, block: string, statements: number, covered: boolean): void {
    let blocks = this.go.get(file);
    if (!blocks) this.go.set(file, (blocks = new Map()));
    const known = blocks.get(block);
    if (known) known.covered ||= covered;
    else blocks.set(block, { statements, covered });
  }

  /** Totals for one file (or a whole report, under a key of its own); the best single report wins. */
  addTotals(file: string, totals: CoverageTotals): void {
    const key = this.key(file);
    const known = this.totalsOnly.get(key);
    if (!known || totals.covered > known.covered || (totals.covered === known.covered && totals.total > known.total)) {
      this.totalsOnly.set(key, totals);
    }
  }

  /** Null when no report held any coverage data. */
  totals(): CoverageTotals | null {
    if (this.lines.size === 0 && this.go.size === 0 && this.totalsOnly.size === 0) return null;
    let covered = 0;
    let total = 0;
    for (const map of this.lines.values()) {
      for (let line = 1; line < map.length; line++) {
        if (map[line] === NOT_INSTRUMENTED) continue;
        total++;
        if (map[line] === COVERED) covered++;
      }
    }
    for (const blocks of this.go.values()) {
      for (const block of blocks.values()) {
        total += block.statements;
        if (block.covered) covered += block.statements;
      }
    }
    for (const [key, entry] of this.totalsOnly) {
      if (this.lines.has(key)) continue;
      covered += entry.covered;
      total += entry.total;
    }
    return { covered, total };
  }
}

/** Percent, rounded down to 2 decimals so that a threshold is never met by rounding up. */
export function coveragePercent(totals: CoverageTotals): number | null {
  if (totals.total <= 0) return null;
  return Math.floor((totals.covered / totals.total) * 10000 + 1e-9) / 100;
}
