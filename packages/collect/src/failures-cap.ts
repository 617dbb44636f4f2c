// Keeps failures[] and flaky[] small enough that the signed block fits GitHub's 65535-byte output.text.
// The block is base64(gzip(results)) plus digest, signature and envelope. Budget, assuming nothing compresses
// (hostile or random messages): 65535 - 4096 (an RSA-4096 armored signature is ~0.9 KB, envelope ~0.2 KB)
// = 61439 base64 characters = 46079 bytes of JSON. Failures get 36000, flaky 6000, the rest ~4000.
import type { FailureEntry, FlakyEntry } from './types.js';

export const FAILURES_MAX_BYTES = 36_000;
export const FLAKY_MAX_BYTES = 6_000;

/** Bytes an entry takes in a results file pretty-printed with 2 spaces (the deepest layout the CLI writes). */
export function entryBytes(entry: object): number {
  const lines = Object.keys(entry).length + 2;
  return Buffer.byteLength(JSON.stringify(entry, null, 2)) + 4 * lines + 2;
}

/** The first entries, in order, that fit in maxBytes, and how many were left out. */
export function capEntries<T extends FailureEntry | FlakyEntry>(
  entries: T[],
  maxBytes: number,
): { kept: T[]; omitted: number } {
  let bytes = 0;
  let count = 0;
  for (const entry of entries) {
    const size = entryBytes(entry);
    if (bytes + size > maxBytes) break;
    bytes += size;
    count++;
  }
  return { kept: entries.slice(0, count), omitted: entries.length - count };
}
