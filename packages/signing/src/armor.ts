// ASCII armor as people actually paste it into secrets and inputs.

const BEGIN_MARKER = '-----BEGIN PGP ';
const BASE64_ONLY = /^[A-Za-z0-9+/=\s]+$/;
const ESCAPED_NEWLINE = /\\r\\n|\\n|\\r/g;
const ARMOR_BLOCK = /-----BEGIN PGP ([A-Z0-9 ,/]+)-----[\s\S]*?-----END PGP \1-----/g;

/**
 * Returns plain armor for: plain armor; the whole armored text base64-encoded (as stored in secrets);
 * one-line armor with literal `\n` or `\r\n` escapes. Lines are trimmed (indented YAML blocks) and CRLF
 * becomes LF. Text that is none of these is returned trimmed, for the reader to refuse.
 */
export function normalizeArmor(text: string): string {
  let value = text.trim();
  if (!value.includes(BEGIN_MARKER) && value.length > 0 && BASE64_ONLY.test(value)) {
    const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (decoded.includes(BEGIN_MARKER)) value = decoded.trim();
  }
  if (!value.includes(BEGIN_MARKER)) return value;
  // Armor never contains a backslash, so any literal "\n" is an escaped line break.
  return value
    .replace(ESCAPED_NEWLINE, '\n')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

export interface ArmorBlock {
  /** The word(s) after "BEGIN PGP", e.g. "PUBLIC KEY BLOCK" or "SIGNATURE". */
  type: string;
  text: string;
}

/**
 * Splits text into its armor blocks by their BEGIN/END lines (openpgp reads one armor at a time).
 * Text between blocks (comments, gpg's revocation preamble) is ignored. `unterminated` counts BEGIN
 * lines that have no matching END line.
 */
export function splitArmorBlocks(text: string): { blocks: ArmorBlock[]; unterminated: number } {
  const blocks: ArmorBlock[] = [];
  for (const match of text.matchAll(ARMOR_BLOCK)) {
    blocks.push({ type: match[1], text: match[0] });
  }
  const beginLines = text.split(BEGIN_MARKER).length - 1;
  return { blocks, unterminated: beginLines - blocks.length };
}
