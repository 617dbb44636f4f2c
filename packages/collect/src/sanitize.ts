// Text taken from reports goes into signed results and check runs: terminal escapes and control characters
// would repaint a reader's terminal or hide text, so they are removed.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and C1 CSI (U+009B).
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// xml.ts shelters raw control characters at U+E000 + code.
const SHELTERED = /[\ue000-\ue01f]/g;
const unshelter = (char: string) => String.fromCharCode(char.charCodeAt(0) - 0xe000);

/** Removes escapes and control characters; keeps newlines and tabs. */
export function stripTerminal(text: string): string {
  return text.replace(SHELTERED, unshelter).replace(ESCAPES, '').replace(CONTROLS, '');
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

/** Cuts text to at most maxBytes of UTF-8 (an ellipsis marks a cut), never inside a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const room = maxBytes - 3; // the ellipsis is 3 bytes
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > room) break;
    bytes += size;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}
