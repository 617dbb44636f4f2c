// Text taken from reports goes into signed results and check runs: terminal escapes and control characters
// would repaint a reader's terminal or hide text, so they are removed.
import { stripControl } from '../../errors/src/index.js';

// xml.ts shelters raw control characters at U+E000 + code.
const SHELTERED = /[\ue000-\ue01f]/g;
const unshelter = (char: string) => String.fromCharCode(char.charCodeAt(0) - 0xe000);

/** Removes escapes and control characters (the one stripControl), after undoing xml.ts's shelter. */
export function stripTerminal(text: string): string {
  return stripControl(text.replace(SHELTERED, unshelter));
}

/** One line: escapes removed, every run of whitespace (newlines included) as one space. */
export function cleanLine(text: string): string {
  return stripTerminal(text).replace(/\s+/g, ' ').trim();
}

/** The first non-blank line, cleaned. */
export function firstLine(text: string): string {
  for (const line of stripTerminal(text).split(/\r\n|\r|\n/)) {
    const cleaned = cleanLine(line);
    if (cleaned) return cleaned;
  }
  return '';
}
