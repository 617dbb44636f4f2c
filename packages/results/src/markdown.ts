// Markdown building blocks for anything shown to people (check-run output, job summaries). Text from outside
// is untrusted for formatting purposes and always escaped or fenced.
import { safeLine } from '../../errors/src/index.js';

/** `2024-05-01 12:00:00 UTC` from an ISO timestamp. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return escapeText(iso);
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text on one line with every character markdown (or a table cell) could act on escaped. */
export function escapeText(text: string): string {
  return safeLine(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** An inline code span that survives backticks inside it and pipes inside a table cell. */
export function code(text: string): string {
  const value = safeLine(text);
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${value.replace(/\|/g, '\\|')}${padding}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fenced(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text}\n${fence}`;
}
