// GitHub measures check-run limits in UTF-8 bytes; these helpers cut text without breaking characters.

// The byte and character cutting lives in common (collect uses it too); re-exported for this package's files.
export { truncateChars, truncateUtf8, truncateUtf8WithMarker, utf8Length } from '../../common/src/index.js';
import { truncateUtf8, utf8Length } from '../../common/src/index.js';

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
