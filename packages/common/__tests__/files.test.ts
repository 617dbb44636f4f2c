// The one file reader: regular files only, capped, and never a word of the content in a message.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openFileStream,
  readBoundedFile,
  readBoundedFileSync,
  readOptionalFile,
  writeFileAtomic,
  type ReadFileOptions,
} from '../src/index.js';

const OPTIONS: ReadFileOptions = {
  what: 'results file',
  flag: 'results-file',
  maxBytes: 1024,
  limitName: 'the results file cap',
};
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ci-files-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function refusal(path: string, options = OPTIONS): Promise<{ code: string; message: string; fix: string }> {
  try {
    await readBoundedFile(path, options);
  } catch (error) {
    return error as { code: string; message: string; fix: string };
  }
  throw new Error(`${path} was read`);
}

test('reads a regular file, and one behind a symlink', async () => {
  const path = join(folder, 'ok.json');
  await writeFile(path, '{"a":1}');
  await symlink(path, join(folder, 'link.json'));
  expect((await readBoundedFile(path, OPTIONS)).toString()).toBe('{"a":1}');
  expect((await readBoundedFile(join(folder, 'link.json'), OPTIONS)).toString()).toBe('{"a":1}');
});

test('a missing file names the input', async () => {
  const path = join(folder, 'missing.json');
  expect(await refusal(path)).toMatchObject({
    code: 'FILE_NOT_FOUND',
    message: `Results file ${path} does not exist.`,
    fix: expect.stringContaining('results-file'),
  });
  expect(await readOptionalFile(path, OPTIONS)).toBeNull();
});

test('a directory, and a symlink to one, are refused', async () => {
  await symlink(folder, join(folder, 'dir-link'));
  for (const path of [folder, join(folder, 'dir-link')]) {
    expect(await refusal(path)).toMatchObject({
      code: 'FILE_NOT_REGULAR',
      message: `Results file ${path} is a directory, not a regular file.`,
    });
  }
});

test('/dev/zero is refused at once, never read', async () => {
  const started = Date.now();
  expect(await refusal('/dev/zero')).toMatchObject({
    code: 'FILE_NOT_REGULAR',
    message: 'Results file /dev/zero is a device, not a regular file.',
  });
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a FIFO with no writer is refused at once instead of blocking the open', async () => {
  const fifo = join(folder, 'results.fifo');
  execFileSync('mkfifo', [fifo]);
  const started = Date.now();
  expect(await refusal(fifo)).toMatchObject({
    code: 'FILE_NOT_REGULAR',
    message: expect.stringContaining('is a FIFO (named pipe)'),
  });
  // And a symlink to it.
  await symlink(fifo, join(folder, 'fifo-link'));
  expect(await refusal(join(folder, 'fifo-link'))).toMatchObject({ code: 'FILE_NOT_REGULAR' });
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a unix socket is refused', async () => {
  const path = join(folder, 'results.sock');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    expect(await refusal(path)).toMatchObject({
      code: 'FILE_NOT_REGULAR',
      message: expect.stringContaining('is a socket'),
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a file over the cap is refused naming the cap, and nothing of it is quoted', async () => {
  const path = join(folder, 'big.json');
  await writeFile(path, `ghp_${'S'.repeat(2000)}`);
  const error = await refusal(path);
  expect(error).toMatchObject({
    code: 'FILE_TOO_LARGE',
    message: `Results file ${path} is larger than 1 KiB (the results file cap).`,
  });
  expect(JSON.stringify(error)).not.toContain('ghp_');
});

test('a file that grows past the cap while it is read is refused', async () => {
  const path = join(folder, 'growing.log');
  await writeFile(path, 'x'.repeat(1000));
  // A writer appends as fast as it can; whatever size the open sees, more than the cap is never returned.
  const writer = spawn('sh', ['-c', `while true; do printf '%01000d' 0 >> '${path}'; done`]);
  try {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outcome = await readBoundedFile(path, OPTIONS).then(
      (buffer) => buffer.length,
      (error: { code: string }) => error.code,
    );
    expect(outcome === 'FILE_TOO_LARGE' || (typeof outcome === 'number' && outcome <= 1024)).toBe(true);
  } finally {
    writer.kill('SIGKILL');
  }
});

test('writeFileAtomic leaves no temporary file behind, and fails with FILE_UNWRITABLE', async () => {
  const target = join(folder, 'atomic', 'x.asc');
  await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
  await writeFileAtomic(join(folder, 'x.asc'), 'signature');
  expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});

test('readBoundedFileSync makes the same refusals, synchronously', async () => {
  const fifo = join(folder, 'payload.fifo');
  execFileSync('mkfifo', [fifo]);
  const big = join(folder, 'payload.json');
  await writeFile(big, 'x'.repeat(2000));
  const refusalSync = (path: string) => {
    try {
      readBoundedFileSync(path, OPTIONS);
    } catch (error) {
      return (error as { code: string }).code;
    }
    return 'read';
  };
  expect(refusalSync(fifo)).toBe('FILE_NOT_REGULAR');
  expect(refusalSync('/dev/zero')).toBe('FILE_NOT_REGULAR');
  expect(refusalSync(big)).toBe('FILE_TOO_LARGE');
  expect(refusalSync(join(folder, 'absent.json'))).toBe('FILE_NOT_FOUND');
  await writeFile(big, '{"a":1}');
  expect(readBoundedFileSync(big, OPTIONS).toString()).toBe('{"a":1}');
});

describe('openFileStream', () => {
  const STREAM_OPTIONS = { what: 'results file', flag: 'results-file' };
  const openFds = () => readdir('/proc/self/fd').then((fds) => fds.length);

  async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
    const chunks: Uint8Array[] = [];
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return chunks;
      chunks.push(value);
    }
  }

  test('streams the exact bytes in chunks of the given size, each a fresh buffer, and closes the file', async () => {
    const path = join(folder, 'streamed.bin');
    const content = Buffer.alloc(2500, 0);
    for (let index = 0; index < content.length; index++) content[index] = (index * 7) % 251;
    await writeFile(path, content);
    const before = await openFds();
    const file = await openFileStream(path, STREAM_OPTIONS, 1000);
    expect(file.size).toBe(2500);
    const chunks = await chunksOf(file.stream);
    expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
    expect(new Set(chunks.map((chunk) => chunk.buffer)).size).toBe(3);
    expect(Buffer.concat(chunks).equals(await readFile(path))).toBe(true);
    expect(await openFds()).toBe(before);
    await file.close(); // again: harmless
  });

  test('an empty file is an empty stream', async () => {
    const path = join(folder, 'empty.bin');
    await writeFile(path, '');
    expect(await chunksOf((await openFileStream(path, STREAM_OPTIONS)).stream)).toEqual([]);
  });

  test('close() without reading releases the file', async () => {
    const path = join(folder, 'unread.bin');
    await writeFile(path, 'x'.repeat(10));
    const before = await openFds();
    const file = await openFileStream(path, STREAM_OPTIONS);
    expect(await openFds()).toBe(before + 1);
    await file.close();
    expect(await openFds()).toBe(before);
  });

  test("makes the reader's refusals before any read: missing, directory, FIFO, device", async () => {
    const fifo = join(folder, 'stream.fifo');
    execFileSync('mkfifo', [fifo]);
    const codes = [];
    for (const path of [join(folder, 'absent.bin'), folder, fifo, '/dev/zero']) {
      codes.push(
        await openFileStream(path, STREAM_OPTIONS).then(
          () => 'opened',
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(codes).toEqual(['FILE_NOT_FOUND', 'FILE_NOT_REGULAR', 'FILE_NOT_REGULAR', 'FILE_NOT_REGULAR']);
  });

  test('a read that fails errors the stream with FILE_UNREADABLE, one line, and closes the file', async () => {
    // /proc/self/mem is a regular file whose read at offset 0 fails with EIO.
    const before = await openFds();
    const file = await openFileStream('/proc/self/mem', STREAM_OPTIONS);
    await expect(chunksOf(file.stream)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: 'Results file /proc/self/mem cannot be read (EIO).',
      fix: expect.stringContaining('results-file'),
    });
    expect(await openFds()).toBe(before);
  });
});
