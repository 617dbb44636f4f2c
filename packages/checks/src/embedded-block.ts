// The machine-readable block in a check run's output.text: the exact results bytes (gzip, base64),
// their digest and the detached signature. Format: docs/embedded-block.md.

import { gunzipSync, gzipSync } from 'node:zlib';
import { CiSigningError, type ChecksErrorCode } from '../../errors/src/index.js';
import { describeEnumValue, describeShape, sha256Digest } from '../../common/src/index.js';
import { LIMITS } from '../../defaults/src/index.js';

export const EMBEDDED_BLOCK_VERSION = 1;
export const EMBEDDED_BLOCK_FORMAT = 'ci-signing/v1';
export const EMBEDDED_BLOCK_ENCODING = 'gzip+base64';
/** Decompression stops here (results files are small; this bounds a zip bomb). */
export const DEFAULT_MAX_RESULTS_BYTES = LIMITS.embeddedBlockDecompressedBytes;

const MARKER = `<!-- ci-signing:v${EMBEDDED_BLOCK_VERSION} -->`;
const FENCE_INFO = `ci-signing-v${EMBEDDED_BLOCK_VERSION}`;

export interface EmbeddedBlock {
  /** The exact bytes of the results file. */
  resultsBytes: Uint8Array;
  /** ASCII-armored detached signature over resultsBytes, or null when posted unsigned. */
  signature: string | null;
  /** sha256:<hex> of resultsBytes (also the check run's external_id). */
  digest: string;
  version: number;
}

interface BlockJson {
  format: string;
  encoding: string;
  digest: string;
  size: number;
  results: string;
  signature: string | null;
}

export function encodeEmbeddedBlock(input: { resultsBytes: Uint8Array; signature: string | null }): string {
  const json: BlockJson = {
    format: EMBEDDED_BLOCK_FORMAT,
    encoding: EMBEDDED_BLOCK_ENCODING,
    digest: sha256Digest(input.resultsBytes),
    size: input.resultsBytes.byteLength,
    results: gzipSync(input.resultsBytes, { level: 9 }).toString('base64'),
    signature: input.signature,
  };
  // JSON.stringify escapes the signature's newlines, so the payload is one line inside the fence.
  return `${MARKER}\n\`\`\`${FENCE_INFO}\n${JSON.stringify(json)}\n\`\`\``;
}

function blockError(code: ChecksErrorCode, message: string, fix: string): CiSigningError {
  return new CiSigningError(code, message, fix, 'verification');
}

const REPOST_FIX = 'Post the results again with ci-signing post (a newer run replaces this one).';

export function decodeEmbeddedBlock(text: string, options: { maxResultsBytes?: number } = {}): EmbeddedBlock {
  const maxResultsBytes = options.maxResultsBytes ?? DEFAULT_MAX_RESULTS_BYTES;
  const markers = [...String(text ?? '').matchAll(/<!-- ci-signing:v([^\s>]*) -->/g)];
  if (markers.length === 0) {
    throw blockError(
      'EMBEDDED_BLOCK_MISSING',
      'The check run\'s text holds no ci-signing block (no "<!-- ci-signing:v1 -->" marker).',
      'Post the results with ci-signing post (or the post action); a check run written by anything else cannot ' +
        'be verified.',
    );
  }
  if (markers.length > 1) {
    throw blockError(
      'EMBEDDED_BLOCK_AMBIGUOUS',
      `The check run's text holds ${markers.length} ci-signing blocks; exactly one is allowed.`,
      REPOST_FIX,
    );
  }
  const marker = markers[0];
  if (marker[1] !== String(EMBEDDED_BLOCK_VERSION)) {
    throw blockError(
      'EMBEDDED_BLOCK_UNSUPPORTED_VERSION',
      `The check run's ci-signing block is version ` +
        `${/^\d{1,6}$/.test(marker[1]) ? marker[1] : describeShape(marker[1])}; this verifier reads version ` +
        `${EMBEDDED_BLOCK_VERSION}.`,
      'Use the same major version of ci-signing to post and to verify.',
    );
  }
  const after = text.slice((marker.index ?? 0) + marker[0].length);
  const fenced = /^\r?\n```([^\r\n]*)\r?\n([^\r\n]*)\r?\n```/.exec(after);
  if (!fenced || fenced[1].trim() !== FENCE_INFO) {
    throw blockError(
      'EMBEDDED_BLOCK_MALFORMED',
      `The ci-signing block is malformed: the marker must be followed by a \`\`\`${FENCE_INFO} fence holding ` +
        `one JSON line.`,
      REPOST_FIX,
    );
  }
  const json = parseBlockJson(fenced[2]);

  if (json.size > maxResultsBytes) {
    throw blockError(
      'EMBEDDED_BLOCK_TOO_LARGE',
      `The ci-signing block declares ${json.size} bytes of results, over the limit of ${maxResultsBytes}.`,
      REPOST_FIX,
    );
  }
  let resultsBytes: Buffer;
  try {
    resultsBytes = gunzipSync(Buffer.from(json.results, 'base64'), { maxOutputLength: maxResultsBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw blockError(
        'EMBEDDED_BLOCK_TOO_LARGE',
        `The ci-signing block's results decompress to more than ${maxResultsBytes} bytes.`,
        REPOST_FIX,
      );
    }
    throw blockError(
      'EMBEDDED_BLOCK_CORRUPT',
      `The ci-signing block's results are not valid gzip data (${(error as Error).message}).`,
      REPOST_FIX,
    );
  }
  const digest = sha256Digest(resultsBytes);
  if (resultsBytes.byteLength !== json.size || digest !== json.digest) {
    throw blockError(
      'EMBEDDED_BLOCK_DIGEST_MISMATCH',
      `The ci-signing block's results (${resultsBytes.byteLength} bytes, ${digest}) do not match its declared ` +
        `${json.size} bytes and ${json.digest}.`,
      REPOST_FIX,
    );
  }
  return {
    resultsBytes: new Uint8Array(resultsBytes),
    signature: json.signature,
    digest,
    version: EMBEDDED_BLOCK_VERSION,
  };
}

function parseBlockJson(line: string): BlockJson {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw blockError(
      'EMBEDDED_BLOCK_MALFORMED',
      'The ci-signing block is malformed: its payload is not JSON.',
      REPOST_FIX,
    );
  }
  const malformed = (problem: string) =>
    blockError('EMBEDDED_BLOCK_MALFORMED', `The ci-signing block is malformed: ${problem}.`, REPOST_FIX);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed('its payload is not a JSON object');
  const block = value as Record<string, unknown>;
  if (block.format !== EMBEDDED_BLOCK_FORMAT) {
    throw blockError(
      'EMBEDDED_BLOCK_UNSUPPORTED_VERSION',
      `The ci-signing block's format is ${describeEnumValue(block.format)}; this verifier reads ` +
        `"${EMBEDDED_BLOCK_FORMAT}".`,
      'Use the same major version of ci-signing to post and to verify.',
    );
  }
  if (block.encoding !== EMBEDDED_BLOCK_ENCODING) {
    throw blockError(
      'EMBEDDED_BLOCK_UNSUPPORTED_ENCODING',
      `The ci-signing block's encoding is ${describeEnumValue(block.encoding)}; only ` +
        `"${EMBEDDED_BLOCK_ENCODING}" is defined.`,
      REPOST_FIX,
    );
  }
  if (typeof block.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(block.digest))
    throw malformed('"digest" must be "sha256:" and 64 lower-case hex digits');
  if (typeof block.size !== 'number' || !Number.isSafeInteger(block.size) || block.size < 0)
    throw malformed('"size" must be a whole number of bytes');
  // Buffer.from(..., 'base64') skips junk silently, so the alphabet is checked first.
  if (
    typeof block.results !== 'string' ||
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(block.results)
  ) {
    throw malformed('"results" must be standard base64');
  }
  if (block.signature !== null && typeof block.signature !== 'string')
    throw malformed('"signature" must be a string or null');
  return block as unknown as BlockJson;
}
