// Cutting text to a byte or code-unit limit without breaking a character: GitHub's check-run limits, and the
// names and messages collect takes from reports.

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` that fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** Truncates to `maxBytes`, ending with `marker` when something was cut. */
export function truncateUtf8WithMarker(text: string, maxBytes: number, marker = '…'): string {
  if (utf8Length(text) <= maxBytes) return text;
  return truncateUtf8(text, maxBytes - utf8Length(marker)) + marker;
}

/** Truncates to at most `maxUnits` UTF-16 code units without splitting a surrogate pair. */
export function truncateChars(text: string, maxUnits: number, marker = '…'): string {
  if (text.length <= maxUnits) return text;
  let end = maxUnits - marker.length;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, Math.max(0, end)) + marker;
}
