import { normalizeArmor, splitArmorBlocks } from '../src/index.js';

const ARMOR = [
  '-----BEGIN PGP PUBLIC KEY BLOCK-----',
  'Comment: test',
  '',
  'xjMEZ0Q6VBYJKwYBBAHaRw8BAQdAabc',
  '=abcd',
  '-----END PGP PUBLIC KEY BLOCK-----',
].join('\n');

describe('normalizeArmor', () => {
  test('keeps plain armor and trims surrounding whitespace', () => {
    expect(normalizeArmor(`\n\n  ${ARMOR}  \n\n`)).toBe(ARMOR);
  });

  test('decodes armor that was base64-encoded as a whole (single line or wrapped)', () => {
    const encoded = Buffer.from(`${ARMOR}\n`).toString('base64');
    expect(normalizeArmor(encoded)).toBe(ARMOR);
    const wrapped = encoded.replace(/(.{60})/g, '$1\n');
    expect(normalizeArmor(`  ${wrapped}\n`)).toBe(ARMOR);
  });

  test('expands one-line armor with literal \\n escapes', () => {
    expect(normalizeArmor(ARMOR.split('\n').join('\\n'))).toBe(ARMOR);
  });

  test('expands one-line armor with literal \\r\\n escapes', () => {
    expect(normalizeArmor(ARMOR.split('\n').join('\\r\\n'))).toBe(ARMOR);
  });

  test('expands escapes inside base64-wrapped one-line armor', () => {
    const encoded = Buffer.from(ARMOR.split('\n').join('\\n')).toString('base64');
    expect(normalizeArmor(encoded)).toBe(ARMOR);
  });

  test('turns CRLF into LF and strips indentation (armor pasted into YAML)', () => {
    const indented = ARMOR.split('\n')
      .map((line) => `    ${line}`)
      .join('\r\n');
    expect(normalizeArmor(indented)).toBe(ARMOR);
  });

  test('returns text that is not armor trimmed and otherwise unchanged', () => {
    expect(normalizeArmor('  not a key \n')).toBe('not a key');
    expect(normalizeArmor('aGVsbG8gd29ybGQ=')).toBe('aGVsbG8gd29ybGQ=');
    expect(normalizeArmor('   ')).toBe('');
  });
});

describe('splitArmorBlocks', () => {
  test('splits concatenated blocks of different types and ignores text between them', () => {
    const signature = ARMOR.replace(/PUBLIC KEY BLOCK/g, 'SIGNATURE');
    const { blocks, unterminated } = splitArmorBlocks(`intro text\n${ARMOR}\nbetween\n${signature}\ntrailer`);
    expect(unterminated).toBe(0);
    expect(blocks.map((block) => block.type)).toEqual(['PUBLIC KEY BLOCK', 'SIGNATURE']);
    expect(blocks[0].text).toBe(ARMOR);
    expect(blocks[1].text).toBe(signature);
  });

  test('counts a BEGIN line without its END line', () => {
    const truncated = ARMOR.split('\n').slice(0, 4).join('\n');
    expect(splitArmorBlocks(`${ARMOR}\n${truncated}`)).toEqual({
      blocks: [{ type: 'PUBLIC KEY BLOCK', text: ARMOR }],
      unterminated: 1,
    });
  });

  test('does not pair a BEGIN with the END of another type', () => {
    const mismatched = ARMOR.replace('-----END PGP PUBLIC KEY BLOCK-----', '-----END PGP SIGNATURE-----');
    expect(splitArmorBlocks(mismatched)).toEqual({ blocks: [], unterminated: 1 });
  });
});
