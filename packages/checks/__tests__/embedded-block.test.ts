import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { decodeEmbeddedBlock, encodeEmbeddedBlock } from '../src/index.js';
import { CiSigningError } from '../../errors/src/index.js';

const SIGNATURE = '-----BEGIN PGP SIGNATURE-----\n\nwnUEABYKACcFgmZ\n=abcd\n-----END PGP SIGNATURE-----\n';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return (error as CiSigningError).code;
  }
  throw new Error('expected a CiSigningError');
}

/** A block whose JSON payload is replaced by `edit(payload)`. */
function withPayload(
  edit: (payload: Record<string, unknown>) => Record<string, unknown>,
  bytes = Buffer.from('{"a":1}'),
): string {
  const block = encodeEmbeddedBlock({ resultsBytes: bytes, signature: SIGNATURE });
  const lines = block.split('\n');
  lines[2] = JSON.stringify(edit(JSON.parse(lines[2])));
  return lines.join('\n');
}

function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

describe('embedded block round trip', () => {
  const samples: [string, Buffer][] = [
    ['CRLF line endings', Buffer.from('{\r\n  "name": "crlf"\r\n}\r\n')],
    ['a UTF-8 byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":true}\n')])],
    ['non-ASCII text and emoji', Buffer.from('{"message":"Größe ≠ 𝔘 — 日本語 🚀👩‍👩‍👧"}')],
    ['no trailing newline and trailing spaces', Buffer.from('{"x":1}   ')],
    ['arbitrary bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256))],
    ['empty input', Buffer.alloc(0)],
  ];
  it.each(samples)('keeps the exact bytes with %s', (_label, bytes) => {
    const text = encodeEmbeddedBlock({ resultsBytes: bytes, signature: SIGNATURE });
    const decoded = decodeEmbeddedBlock(text);
    expect(Buffer.from(decoded.resultsBytes).equals(bytes)).toBe(true);
    expect(decoded.signature).toBe(SIGNATURE);
    expect(decoded.digest).toBe(digestOf(bytes));
    expect(decoded.version).toBe(1);
  });

  it('keeps a null signature (unsigned results) as null', () => {
    const decoded = decodeEmbeddedBlock(encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null }));
    expect(decoded.signature).toBeNull();
  });

  it('has the documented shape: marker, fence, one JSON line with the declared fields', () => {
    const bytes = Buffer.from('{"a":"b"}\n');
    const lines = encodeEmbeddedBlock({ resultsBytes: bytes, signature: SIGNATURE }).split('\n');
    expect(lines[0]).toBe('<!-- ci-signing:v1 -->');
    expect(lines[1]).toBe('```ci-signing-v1');
    expect(lines[3]).toBe('```');
    expect(lines).toHaveLength(4);
    const payload = JSON.parse(lines[2]);
    expect(Object.keys(payload).sort()).toEqual(['digest', 'encoding', 'format', 'results', 'signature', 'size']);
    expect(payload).toMatchObject({
      format: 'ci-signing/v1',
      encoding: 'gzip+base64',
      size: bytes.length,
      digest: digestOf(bytes),
      signature: SIGNATURE,
    });
    expect(Buffer.from(payload.results, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('is found among other markdown, also when GitHub hands the text back with CRLF', () => {
    const bytes = Buffer.from('{"k":"v"}');
    const block = encodeEmbeddedBlock({ resultsBytes: bytes, signature: null });
    const text = `# Heading\n\nSome words.\n\n${block}\n\n### About\n\nmore`.replace(/\n/g, '\r\n');
    expect(Buffer.from(decodeEmbeddedBlock(text).resultsBytes).equals(bytes)).toBe(true);
  });

  it('compresses repetitive results well below their size', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        failures: Array.from({ length: 500 }, (_, i) => ({ name: `test ${i}`, message: 'expected true to be false' })),
      }),
    );
    const text = encodeEmbeddedBlock({ resultsBytes: bytes, signature: null });
    expect(Buffer.byteLength(text)).toBeLessThan(bytes.length / 4);
  });
});

describe('embedded block refusals', () => {
  it('refuses text without a block', () => {
    expect(codeOf(() => decodeEmbeddedBlock('just a summary'))).toBe('EMBEDDED_BLOCK_MISSING');
    expect(codeOf(() => decodeEmbeddedBlock(''))).toBe('EMBEDDED_BLOCK_MISSING');
  });

  it('refuses two blocks (which one would be meant?)', () => {
    const block = encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null });
    expect(codeOf(() => decodeEmbeddedBlock(`${block}\n\n${block}`))).toBe('EMBEDDED_BLOCK_AMBIGUOUS');
  });

  it('refuses an unknown version, in the marker or in the format field', () => {
    const block = encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null });
    expect(codeOf(() => decodeEmbeddedBlock(block.replace('ci-signing:v1', 'ci-signing:v2')))).toBe(
      'EMBEDDED_BLOCK_UNSUPPORTED_VERSION',
    );
    expect(codeOf(() => decodeEmbeddedBlock(withPayload((p) => ({ ...p, format: 'ci-signing/v2' }))))).toBe(
      'EMBEDDED_BLOCK_UNSUPPORTED_VERSION',
    );
  });

  it('refuses an unknown encoding', () => {
    expect(codeOf(() => decodeEmbeddedBlock(withPayload((p) => ({ ...p, encoding: 'brotli+base64' }))))).toBe(
      'EMBEDDED_BLOCK_UNSUPPORTED_ENCODING',
    );
  });

  it.each([
    ['a missing fence', (block: string) => block.replace('```ci-signing-v1\n', '')],
    ['a wrong fence info string', (block: string) => block.replace('```ci-signing-v1', '```json')],
    ['an unclosed fence', (block: string) => block.replace(/\n```$/, '')],
    ['a payload that is not JSON', (block: string) => block.replace(/\n\{.*\}\n/, '\n{not json\n')],
    ['a payload that is an array', (block: string) => block.replace(/\n\{.*\}\n/, '\n[1,2]\n')],
  ])('refuses %s as malformed', (_label, edit) => {
    const block = encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null });
    expect(codeOf(() => decodeEmbeddedBlock(edit(block)))).toBe('EMBEDDED_BLOCK_MALFORMED');
  });

  it.each([
    ['digest', { digest: 'md5:abc' }],
    ['size', { size: -1 }],
    ['size', { size: 1.5 }],
    ['results', { results: 'not base64!' }],
    ['results', { results: 42 }],
    ['signature', { signature: 7 }],
  ])('names the bad field %s', (field, change) => {
    let error: CiSigningError | undefined;
    try {
      decodeEmbeddedBlock(withPayload((p) => ({ ...p, ...change })));
    } catch (caught) {
      error = caught as CiSigningError;
    }
    expect(error?.code).toBe('EMBEDDED_BLOCK_MALFORMED');
    expect(error?.message).toContain(`"${field}"`);
  });

  it('refuses results that do not match the digest (altered bytes, same declared digest)', () => {
    const original = Buffer.from('{"passed":1}');
    const altered = Buffer.from('{"passed":9}');
    const text = withPayload((p) => ({ ...p, results: gzipSync(altered).toString('base64') }), original);
    expect(codeOf(() => decodeEmbeddedBlock(text))).toBe('EMBEDDED_BLOCK_DIGEST_MISMATCH');
  });

  it('refuses a size that does not match the decompressed bytes', () => {
    expect(codeOf(() => decodeEmbeddedBlock(withPayload((p) => ({ ...p, size: (p.size as number) + 1 }))))).toBe(
      'EMBEDDED_BLOCK_DIGEST_MISMATCH',
    );
  });

  it('refuses base64 that is not gzip', () => {
    expect(
      codeOf(() =>
        decodeEmbeddedBlock(
          withPayload((p) => ({ ...p, results: Buffer.from('plain text, no gzip').toString('base64') })),
        ),
      ),
    ).toBe('EMBEDDED_BLOCK_CORRUPT');
  });

  it('stops a zip bomb at the output limit instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const text = withPayload((p) => ({ ...p, results: bomb.toString('base64'), size: 100 }));
    const started = Date.now();
    expect(codeOf(() => decodeEmbeddedBlock(text))).toBe('EMBEDDED_BLOCK_TOO_LARGE');
    expect(codeOf(() => decodeEmbeddedBlock(text, { maxResultsBytes: 1024 }))).toBe('EMBEDDED_BLOCK_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a declared size over the limit before decompressing', () => {
    const text = withPayload((p) => ({ ...p, size: 2048 }), Buffer.alloc(2048, 0x20));
    expect(decodeEmbeddedBlock(text).resultsBytes).toHaveLength(2048);
    expect(codeOf(() => decodeEmbeddedBlock(text, { maxResultsBytes: 1000 }))).toBe('EMBEDDED_BLOCK_TOO_LARGE');
  });

  it('never puts the block text into the message beyond a short excerpt', () => {
    const block = encodeEmbeddedBlock({ resultsBytes: Buffer.from('{}'), signature: null }).replace(
      'ci-signing:v1',
      `ci-signing:v${'9'.repeat(500)}`,
    );
    try {
      decodeEmbeddedBlock(block);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as CiSigningError).kind).toBe('verification');
    }
    expect.assertions(2);
  });
});
