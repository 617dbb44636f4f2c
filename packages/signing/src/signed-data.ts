// What signDetached and verifyDetached sign and verify: bytes in memory, or a file streamed to openpgp in chunks,
// so a large file is never held whole (openpgp hashes each chunk as it passes).
import { assertRegularFile, openFileStream } from '../../common/src/index.js';

/** A file to sign or verify, streamed in chunks instead of read whole. Make one with fileSource(). */
export interface FileSource {
  readonly kind: 'file';
  readonly path: string;
  /** What the file is, for messages: "results file". */
  readonly what: string;
  /** The input or flag that named it, for the fix: "results-file". */
  readonly flag: string;
}

/** The data a detached signature is over: its exact bytes, or a file holding them. */
export type SignedData = Uint8Array | FileSource;

/**
 * A file to stream to signDetached / verifyDetached. Nothing is opened yet; a file that cannot be read is refused
 * (FILE_NOT_FOUND, FILE_NOT_REGULAR, FILE_UNREADABLE) when it is used, before any signing or checking.
 */
export function fileSource(path: string, options: { what?: string; flag?: string } = {}): FileSource {
  return Object.freeze({ kind: 'file', path, what: options.what ?? 'data file', flag: options.flag ?? 'file' });
}

/** The data as openpgp.createMessage takes it, and what to do once openpgp is done with it. */
export interface OpenedData {
  binary: Uint8Array | ReadableStream<Uint8Array>;
  /** openpgp reads a stream only as its output is read: the caller must drain that output. */
  streamed: boolean;
  close(): Promise<void>;
}

const nothingToClose = async () => undefined;

/** Refuses, before any work, a file source that does not name a readable regular file. */
export async function assertReadable(data: SignedData): Promise<void> {
  if (!(data instanceof Uint8Array)) await assertRegularFile(data.path, data);
}

/** Opens the data for one openpgp operation; a file is opened afresh each time (a stream is read once). */
export async function openSignedData(data: SignedData): Promise<OpenedData> {
  if (data instanceof Uint8Array) return { binary: data, streamed: false, close: nothingToClose };
  const file = await openFileStream(data.path, data);
  return { binary: file.stream, streamed: true, close: file.close };
}

/**
 * Reads a stream to its end, keeping nothing: openpgp's hash sees every chunk on the way (it holds a passive
 * clone of the data), so draining is what drives the hash, without the copy of the whole data that reading it
 * into one buffer would make.
 */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done } = await reader.read();
    if (done) return;
  }
}

/** openpgp's armor: a string for data in memory, a stream of strings when the data was streamed. */
export async function readArmor(armored: string | ReadableStream<string>): Promise<string> {
  if (typeof armored === 'string') return armored;
  const reader = armored.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}
