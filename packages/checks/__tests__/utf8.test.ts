import {
  fitMarkdown,
  markdownBlocks,
  truncateChars,
  truncateUtf8,
  truncateUtf8WithMarker,
  utf8Length,
} from '../src/utf8.js';

const MIXED = 'aé€😀b👩‍👩‍👧ü日本語🚀';

describe('truncateUtf8', () => {
  it('never splits a character at any cut point and keeps the longest prefix that fits', () => {
    const total = utf8Length(MIXED);
    for (let max = 0; max <= total + 2; max++) {
      const cut = truncateUtf8(MIXED, max);
      expect(utf8Length(cut)).toBeLessThanOrEqual(max);
      expect(MIXED.startsWith(cut)).toBe(true);
      expect(cut).not.toMatch(/\uFFFD/);
      // One more code point would not have fitted.
      const nextCodePoint = [...MIXED.slice(cut.length)][0];
      if (nextCodePoint) expect(utf8Length(cut + nextCodePoint)).toBeGreaterThan(max);
    }
  });

  it('adds a marker only when it cut', () => {
    expect(truncateUtf8WithMarker('short', 10)).toBe('short');
    const cut = truncateUtf8WithMarker('😀😀😀😀', 10);
    expect(cut).toBe('😀…');
    expect(utf8Length(cut)).toBeLessThanOrEqual(10);
  });
});

describe('truncateChars', () => {
  it('limits UTF-16 length without leaving half a surrogate pair', () => {
    expect(truncateChars('abc', 5)).toBe('abc');
    expect(truncateChars('a😀😀😀', 4)).toBe('a😀…');
    // Cutting after the high surrogate would leave half an emoji: step back over it.
    expect(truncateChars('a😀😀😀', 3)).toBe('a…');
    expect(truncateChars('x'.repeat(300), 255)).toHaveLength(255);
  });
});

describe('markdownBlocks and fitMarkdown', () => {
  const table = ['| a | b |', '| --- | --- |', '| 1 | 2 |', '| 3 | 4 |'].join('\n');
  const fence = ['```text', 'line one', '', 'line three after a blank line', '```'].join('\n');

  it('keeps a fenced block with blank lines and a table as single blocks', () => {
    const blocks = markdownBlocks(`# Title\n\n${table}\n\n${fence}\n\nlast paragraph`);
    expect(blocks).toEqual(['# Title', table, fence, 'last paragraph']);
  });

  it('returns the text unchanged when it fits', () => {
    const text = `# Title\n\n${table}`;
    expect(fitMarkdown(text, 1000, () => 'cut')).toBe(text);
  });

  it('drops whole blocks from the end, says how many, and stays within the byte limit', () => {
    const emojiParagraph = '😀'.repeat(100); // 400 bytes
    const text = [`# Title`, table, fence, emojiParagraph, emojiParagraph].join('\n\n');
    const limit = utf8Length([`# Title`, table, fence].join('\n\n')) + 40;
    const fitted = fitMarkdown(text, limit, (count) => `_${count} parts cut_`);
    expect(utf8Length(fitted)).toBeLessThanOrEqual(limit);
    expect(fitted).toContain(table);
    expect(fitted).toContain(fence);
    expect(fitted).not.toContain('😀');
    expect(fitted.endsWith('_2 parts cut_')).toBe(true);
  });

  it('never leaves half a table or an unclosed fence', () => {
    const text = ['# Title', table, fence].join('\n\n');
    for (let limit = 20; limit < utf8Length(text); limit += 3) {
      const fitted = fitMarkdown(text, limit, (count) => `${count} cut`);
      expect(utf8Length(fitted)).toBeLessThanOrEqual(limit);
      const tableRows = fitted.split('\n').filter((line) => line.startsWith('|'));
      expect([0, 4]).toContain(tableRows.length);
      expect((fitted.match(/```/g) ?? []).length % 2).toBe(0);
    }
  });
});
