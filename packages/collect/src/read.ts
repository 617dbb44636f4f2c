// Streams a report as text so that a 100 MB file is never held whole in memory.
import { createReadStream } from 'node:fs';

export const CHUNK_BYTES = 1024 * 1024;

export async function* readChunks(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream) yield chunk as string;
}

/** Calls onLine for each line (without its line ending) with its 1-based number; synchronous per chunk. */
export async function forEachLine(path: string, onLine: (line: string, number: number) => void): Promise<void> {
  let carry = '';
  let number = 0;
  for await (const chunk of readChunks(path)) {
    const text = carry + chunk;
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      onLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), ++number);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  if (carry) onLine(carry.endsWith('\r') ? carry.slice(0, -1) : carry, number + 1);
}
