// The one file reader and writer. Every file a user names is read here: regular files only, with a size cap
// (or streamed in chunks, never held whole), so a FIFO, a device or a huge file can neither stall nor flood a run,
// and no message quotes the content.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { CiSigningError } from '../../errors/src/index.js';
import { formatBytes } from './bytes.js';

export interface ReadFileOptions {
  /** What the file is, for messages: "results file", "trusted key file". */
  what: string;
  /** The input and flag that named it: "results-file". */
  flag: string;
  /** The cap; a larger file is refused with FILE_TOO_LARGE. */
  maxBytes: number;
  /** Names the cap in the message, e.g. "the results file cap". */
  limitName?: string;
}

/**
 * Opens a regular file (a symlink is followed only to one) and gives its size. O_NONBLOCK keeps the open of a
 * FIFO from waiting for a writer; fstat then refuses it, like a device, socket or directory.
 */
async function openRegular(path: string, options: ReadFileOptions): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openFailure(path, options, errnoCode(error));
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, options, describeKind(stats));
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads a regular file of at most `maxBytes` (see openRegular). */
export async function readBoundedFile(path: string, options: ReadFileOptions): Promise<Buffer> {
  const { handle, size } = await openRegular(path, options);
  try {
    if (size > options.maxBytes) throw tooLarge(path, options);
    // The file may grow while it is read: read at most one byte past the cap and refuse then.
    const buffer = Buffer.alloc(Math.min(size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw tooLarge(path, options);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof CiSigningError) throw error;
    throw openFailure(path, options, errnoCode(error));
  } finally {
    await handle.close();
  }
}

/**
 * Checks, without reading, that a path names a regular file, for files that are streamed rather than read
 * whole (reports). A FIFO or device is refused at once, as by the reader.
 */
export async function assertRegularFile(path: string, options: Omit<ReadFileOptions, 'maxBytes'>): Promise<void> {
  const { handle } = await openRegular(path, { ...options, maxBytes: Number.MAX_SAFE_INTEGER });
  await handle.close();
}

/** How much a file stream reads at a time: per-chunk costs vanish at this size, and memory stays small. */
export const FILE_STREAM_CHUNK_BYTES = 1024 * 1024;

export interface FileStream {
  /** The file's bytes in chunks of `chunkBytes` (the last one shorter), each a fresh buffer a reader may keep. */
  readonly stream: ReadableStream<Uint8Array>;
  /** The size when the file was opened. */
  readonly size: number;
  /** Closes the file; safe to call again, and after the stream ended or failed. */
  close(): Promise<void>;
}

/**
 * Opens a regular file (see openRegular) to be read as a stream rather than whole, for files too large to hold
 * in memory. No cap: the reader decides what it keeps. A read that fails errors the stream with FILE_UNREADABLE;
 * the file is closed when the stream ends, fails or is cancelled, and by close().
 */
export async function openFileStream(
  path: string,
  options: Omit<ReadFileOptions, 'maxBytes'>,
  chunkBytes = FILE_STREAM_CHUNK_BYTES,
): Promise<FileStream> {
  const full = { ...options, maxBytes: Number.MAX_SAFE_INTEGER };
  const { handle, size } = await openRegular(path, full);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= handle.close().catch(() => undefined));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A fresh buffer per chunk: openpgp keeps chunks while it hashes them and tees its streams.
        const chunk = new Uint8Array(chunkBytes);
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(chunk, 0, chunkBytes, null));
        } catch (error) {
          await close();
          controller.error(openFailure(path, full, errnoCode(error)));
          return;
        }
        if (bytesRead === 0) {
          await close();
          controller.close();
          return;
        }
        controller.enqueue(bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead));
      },
      cancel: close,
    },
    // Read only when the consumer asks: nothing queues ahead of the hash.
    { highWaterMark: 0 },
  );
  return { stream, size, close };
}

/**
 * readBoundedFile for the few places that must stay synchronous (the event payload, read when a default sha is
 * worked out): the same checks, one byte past the cap refused.
 */
export function readBoundedFileSync(path: string, options: ReadFileOptions): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openFailure(path, options, errnoCode(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(path, options, describeKind(stats));
    if (stats.size > options.maxBytes) throw tooLarge(path, options);
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw tooLarge(path, options);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Like readBoundedFile as UTF-8 text. */
export async function readBoundedText(path: string, options: ReadFileOptions): Promise<string> {
  return (await readBoundedFile(path, options)).toString('utf8');
}

/** Like readBoundedFile, but a file that does not exist is null (an optional, conventional path). */
export async function readOptionalFile(path: string, options: ReadFileOptions): Promise<Buffer | null> {
  try {
    return await readBoundedFile(path, options);
  } catch (error) {
    if (error instanceof CiSigningError && error.code === 'FILE_NOT_FOUND') return null;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees a half-written file. */
export async function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CiSigningError(
      'FILE_UNWRITABLE',
      `Cannot write ${path} (${errnoCode(error)}).`,
      'Check that the folder exists and is writable.',
    );
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function openFailure(path: string, options: ReadFileOptions, code: string): CiSigningError {
  if (code === 'ENOENT') {
    return new CiSigningError(
      'FILE_NOT_FOUND',
      `${capitalized(options.what)} ${path} does not exist.`,
      `Check the ${options.flag} path: relative paths are resolved from ${process.cwd()}.`,
    );
  }
  // A socket cannot be opened as a file (ENXIO); it is not a regular file either.
  if (code === 'ENXIO') return notRegular(path, options, 'a socket');
  return new CiSigningError(
    'FILE_UNREADABLE',
    `${capitalized(options.what)} ${path} cannot be read (${describeErrno(code)}).`,
    `Point ${options.flag} at a readable regular file.`,
  );
}

function notRegular(path: string, options: ReadFileOptions, kind: string): CiSigningError {
  return new CiSigningError(
    'FILE_NOT_REGULAR',
    `${capitalized(options.what)} ${path} is ${kind}, not a regular file.`,
    `Point ${options.flag} at a regular file (a symlink is followed only to a regular file).`,
  );
}

function tooLarge(path: string, options: ReadFileOptions): CiSigningError {
  const limit = options.limitName ?? `the ${options.what} cap`;
  return new CiSigningError(
    'FILE_TOO_LARGE',
    `${capitalized(options.what)} ${path} is larger than ${formatBytes(options.maxBytes)} (${limit}).`,
    `Point ${options.flag} at the intended ${options.what}: ` +
      'a larger one is refused so that no input can stall or flood a run.',
  );
}

function describeKind(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function describeErrno(code: string): string {
  switch (code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return code;
  }
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
