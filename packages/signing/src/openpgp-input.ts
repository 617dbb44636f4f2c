// Splits key and signature input, as people actually paste and store it, into OpenPGP packets, block by
// block: armor (also gpg's ".rev" form with a leading ':', and one-line armor with escaped \n), base64 of
// armor or of binary (each padded base64 run on its own), and binary packets. Text between blocks is
// allowed only as a comment; anything else is refused with its byte offset, never skipped.

/** One OpenPGP packet, with the bytes of its header and body. */
export interface RawPacket {
  tag: number;
  /** Header and body. */
  bytes: Uint8Array;
  body: Uint8Array;
  /** Where the packet starts, in words: "byte 120", "packet 2 of block 1 (armor at byte 0)". */
  at: string;
}

export interface InputBlock {
  /** 'binary', or the armor type after "BEGIN PGP", e.g. "PUBLIC KEY BLOCK". */
  type: string;
  /** "block 2 (armor at byte 812)". */
  at: string;
  /** Filled for binary blocks and for armor that was unarmored (see readBlockPackets). */
  data: Uint8Array;
  /** Normalized armor text, for armor blocks. */
  armor?: string;
}

/** Input that is not OpenPGP data or a comment; `at` names the byte offset. */
export class InputFormatError extends Error {
  readonly at: string;
  readonly reason: string;

  constructor(at: string, reason: string) {
    super(`${reason} at ${at}`);
    this.at = at;
    this.reason = reason;
  }
}

const BEGIN = /^:?-----BEGIN PGP ([A-Z0-9 ,/]+)-----/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Fingerprints and key ids on their own line, as in the preamble of gpg's openpgp-revocs.d/*.rev.
const HEX_ID_LINE = /^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|(?:[0-9A-Fa-f]{4} ?){10})$/;
// Base64 of base64 of ... is still accepted, but not without end.
const MAX_BASE64_DEPTH = 3;

/** True for a line that is a comment: starts with '#', has words separated by spaces, or is a key id. */
function isCommentLine(line: string): boolean {
  if (line.includes('-----BEGIN PGP ') || line.includes('-----END PGP ')) return false;
  return line.startsWith('#') || /\S\s+\S/.test(line) || HEX_ID_LINE.test(line);
}

/** Armor lines as openpgp reads them: escaped line breaks restored, CRLF to LF, lines trimmed. */
function normalizeArmorText(text: string): string {
  return text
    .replace(/^:/, '')
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

/** End of the line at `p`: a line break, or an escaped one (\n as two characters, one-line armor). */
function lineEndAt(text: string, p: number): number {
  let end = text.length;
  for (const stop of ['\n', '\\n', '\\r']) {
    const at = text.indexOf(stop, p);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}

interface Scan {
  blocks: InputBlock[];
}

/**
 * Splits `bytes` into armor and binary blocks. Throws InputFormatError for anything that is neither a
 * block nor a comment, or for a block that is cut short.
 */
export function splitInputBlocks(bytes: Uint8Array): InputBlock[] {
  const scan: Scan = { blocks: [] };
  scanBytes(bytes, (offset) => `byte ${offset}`, 0, scan);
  return scan.blocks;
}

function scanBytes(bytes: Uint8Array, where: (offset: number) => string, depth: number, scan: Scan): void {
  // latin1 maps each byte to one character, so string indexes are byte offsets.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let p = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  while (p < text.length) {
    const code = text.charCodeAt(p);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      p += 1;
      continue;
    }
    if (text.startsWith('\\n', p) || text.startsWith('\\r', p)) {
      p += 2; // an escaped line break between one-line armor blocks
      continue;
    }
    if (code >= 0x80) {
      const end = packetRunEnd(bytes, p, where);
      scan.blocks.push(block('binary', bytes.subarray(p, end), where(p), scan));
      p = end;
      continue;
    }
    const lineEnd = lineEndAt(text, p);
    const line = text.slice(p, lineEnd).trim();
    const begin = BEGIN.exec(line);
    if (begin) {
      const endLine = `-----END PGP ${begin[1]}-----`;
      const end = text.indexOf(endLine, p);
      if (end < 0) {
        throw new InputFormatError(where(p), `an armor block (${begin[1]}) without its END line (truncated?)`);
      }
      const armor = normalizeArmorText(text.slice(p, end + endLine.length));
      const found = block(begin[1], new Uint8Array(0), `${where(p)} (armor)`, scan);
      found.armor = armor;
      scan.blocks.push(found);
      p = end + endLine.length;
      continue;
    }
    if (isCommentLine(line)) {
      p = lineEnd;
      continue;
    }
    if (BASE64_LINE.test(line)) {
      p = scanBase64Run(text, p, where, depth, scan);
      continue;
    }
    throw new InputFormatError(where(p), 'text that is neither a key, a revocation certificate nor a comment');
  }
}

function block(type: string, data: Uint8Array, at: string, scan: Scan): InputBlock {
  return { type, data, at: `block ${scan.blocks.length + 1} at ${at}` };
}

/** Decodes consecutive base64 lines from `start`, each padded run on its own; returns the offset after them. */
function scanBase64Run(
  text: string,
  start: number,
  where: (offset: number) => string,
  depth: number,
  scan: Scan,
): number {
  let chars = '';
  const offsets: number[] = [];
  let p = start;
  while (p < text.length) {
    const lineEnd = lineEndAt(text, p);
    const raw = text.slice(p, lineEnd);
    const line = raw.trim();
    if (line !== '' && (!BASE64_LINE.test(line) || (p !== start && HEX_ID_LINE.test(line)))) break;
    const lead = raw.length - raw.trimStart().length;
    for (let i = 0; i < line.length; i += 1) offsets.push(p + lead + i);
    chars += line;
    p = text.charAt(lineEnd) === '\\' ? lineEnd + 2 : lineEnd + 1;
    if (line === '') break;
  }
  // Buffer.from(..., 'base64') stops at the first padding: split there and decode each run by itself.
  let index = 0;
  for (const chunk of chars.match(/[^=]+=*|=+/g) ?? []) {
    const at = offsets[index];
    index += chunk.length;
    if (!STRICT_BASE64.test(chunk)) {
      throw new InputFormatError(where(at), 'base64 that does not decode (cut short, or padding in the wrong place)');
    }
    if (depth >= MAX_BASE64_DEPTH) throw new InputFormatError(where(at), 'base64 nested too deeply');
    const decoded = Buffer.from(chunk, 'base64');
    scanBytes(new Uint8Array(decoded), (offset) => `byte ${offset} of the base64 at ${where(at)}`, depth + 1, scan);
  }
  return Math.min(p, text.length);
}

interface PacketHeader {
  tag: number;
  headerLength: number;
  bodyLength: number;
}

/** Reads an OpenPGP packet header at `p`, or null when the bytes there are not one that fits. */
function readHeader(bytes: Uint8Array, p: number): PacketHeader | null {
  const first = bytes[p];
  if (first === undefined || (first & 0x80) === 0) return null;
  let header: PacketHeader;
  if (first & 0x40) {
    const tag = first & 0x3f;
    const length = bytes[p + 1];
    if (length === undefined) return null;
    if (length < 192) header = { tag, headerLength: 2, bodyLength: length };
    else if (length < 224) {
      if (bytes[p + 2] === undefined) return null;
      header = { tag, headerLength: 3, bodyLength: ((length - 192) << 8) + bytes[p + 2] + 192 };
    } else if (length === 255) {
      if (p + 6 > bytes.length) return null;
      const bodyLength = new DataView(bytes.buffer, bytes.byteOffset + p + 2, 4).getUint32(0);
      header = { tag, headerLength: 6, bodyLength };
    } else {
      return null; // partial body lengths: only data packets use them, never keys or signatures
    }
  } else {
    const tag = (first >> 2) & 0x0f;
    const lengthType = first & 0x03;
    if (lengthType === 3) return null; // indeterminate length
    const size = 1 << lengthType;
    if (p + 1 + size > bytes.length) return null;
    let bodyLength = 0;
    for (let i = 0; i < size; i += 1) bodyLength = bodyLength * 256 + bytes[p + 1 + i];
    header = { tag, headerLength: 1 + size, bodyLength };
  }
  if (header.tag === 0 || p + header.headerLength + header.bodyLength > bytes.length) return null;
  return header;
}

/** End of the run of whole packets starting at `start`; refuses a packet that is cut short or unreadable. */
function packetRunEnd(bytes: Uint8Array, start: number, where: (offset: number) => string): number {
  let p = start;
  while (p < bytes.length && (bytes[p] & 0x80) !== 0) {
    const header = readHeader(bytes, p);
    if (!header) {
      throw new InputFormatError(where(p), 'binary data that is not a whole OpenPGP packet (cut short or damaged)');
    }
    p += header.headerLength + header.bodyLength;
  }
  return p;
}

/** The packets of binary data (a binary block, or the body of an armor block), all of it. */
export function readPackets(data: Uint8Array, at: (index: number, offset: number) => string): RawPacket[] {
  const packets: RawPacket[] = [];
  let p = 0;
  while (p < data.length) {
    const header = readHeader(data, p);
    if (!header) {
      const where = at(packets.length + 1, p);
      throw new InputFormatError(where, 'data that is not a whole OpenPGP packet (cut short or damaged)');
    }
    const end = p + header.headerLength + header.bodyLength;
    packets.push({
      tag: header.tag,
      bytes: data.subarray(p, end),
      body: data.subarray(p + header.headerLength, end),
      at: at(packets.length + 1, p),
    });
    p = end;
  }
  return packets;
}

/** The signature type of a signature packet body (v3, v4, v5, v6), or undefined when it is too short. */
export function signatureTypeOf(body: Uint8Array): number | undefined {
  return body[0] === 3 ? body[2] : body[1];
}

export const PACKET_NAMES: Record<number, string> = {
  1: 'encrypted session key',
  2: 'signature',
  3: 'symmetric session key',
  4: 'one-pass signature',
  5: 'secret key',
  6: 'public key',
  7: 'secret subkey',
  8: 'compressed data',
  9: 'encrypted data',
  10: 'marker',
  11: 'literal data',
  12: 'trust',
  13: 'user id',
  14: 'public subkey',
  17: 'user attribute',
  18: 'encrypted data',
  19: 'modification code',
  20: 'encrypted data',
};

export function packetName(tag: number): string {
  return PACKET_NAMES[tag] ?? `type ${tag}`;
}
