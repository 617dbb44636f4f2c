// GitHub measures check-run limits in UTF-8 bytes; these helpers cut text without breaking characters.

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

/**
 * Splits markdown into blocks at blank lines that are outside fenced code, so a fence, a table or a
 * paragraph is always one block.
 */
export function markdownBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let openFence: string | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (openFence === null && fence) openFence = fence;
    else if (
      openFence !== null &&
      fence &&
      fence[0] === openFence[0] &&
      fence.length >= openFence.length &&
      line.trim() === fence
    )
      openFence = null;
    if (openFence === null && line.trim() === '' && !fence) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/**
 * Keeps whole markdown blocks while the text fits in `maxBytes`; when blocks are dropped, `omitted(n)`
 * ends the text. A table or a fenced message is never cut in half.
 */
export function fitMarkdown(markdown: string, maxBytes: number, omitted: (count: number) => string): string {
  if (utf8Length(markdown) <= maxBytes) return markdown;
  const blocks = markdownBlocks(markdown);
  const kept: string[] = [];
  let used = 0;
  for (const [index, block] of blocks.entries()) {
    const next = used + (kept.length > 0 ? 2 : 0) + utf8Length(block);
    const note = 2 + utf8Length(omitted(blocks.length - index - 1));
    if (next + note > maxBytes) break;
    kept.push(block);
    used = next;
  }
  const result = [...kept, omitted(blocks.length - kept.length)].join('\n\n');
  return utf8Length(result) <= maxBytes ? result : truncateUtf8(result, maxBytes);
}
