import { createHash } from 'node:crypto';
import { isoSeconds, sha256Digest } from '../src/index.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('sha256Digest', () => {
  test('is sha256:<hex> of the exact bytes', () => {
    const bytes = encode('{"version":1}');
    expect(sha256Digest(bytes)).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    // The FIPS 180-2 test vector, so the prefix and encoding are pinned independently of node:crypto.
    expect(sha256Digest(encode('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('changes when one byte changes (no normalization)', () => {
    expect(sha256Digest(encode('{"a":1}\n'))).not.toBe(sha256Digest(encode('{"a":1}\r\n')));
  });
});

describe('isoSeconds', () => {
  test('drops the milliseconds and keeps UTC', () => {
    expect(isoSeconds(new Date('2024-05-01T12:00:00.999Z'))).toBe('2024-05-01T12:00:00Z');
    expect(isoSeconds('2024-05-01T14:00:00+02:00')).toBe('2024-05-01T12:00:00Z');
    expect(isoSeconds(0)).toBe('1970-01-01T00:00:00Z');
  });
});
