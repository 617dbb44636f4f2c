import { readFileSync, writeFileSync } from 'node:fs';

/** Replaces (or appends) the section under `heading` in the benchmarks document, leaving the others as they are. */
export function writeBenchmarkSection(path: string, heading: string, section: string): void {
  let document: string;
  try {
    document = readFileSync(path, 'utf8');
  } catch {
    document = '# Benchmarks\n\nFigures come from scripts; each section names the command that reproduces it.\n\n';
  }
  const start = document.indexOf(heading);
  if (start >= 0) {
    const end = document.indexOf('\n## ', start + heading.length);
    document = document.slice(0, start) + section + (end >= 0 ? document.slice(end + 1) : '');
  } else {
    document = `${document.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, document);
}
