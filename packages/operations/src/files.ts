import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { CiSigningError } from '../../errors/src/index.js';

/** Writes through a temporary file and a rename, so a reader never sees a half-written file. */
export async function writeFileAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CiSigningError('FILE_UNWRITABLE', `cannot write ${path} (${errorCode(error)})`, 'Check that the folder exists and is writable.');
  }
}

/** Reads a file the user named; a missing file is an input error with a fix, not a stack trace. */
export async function readInputFile(path: string, what: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new CiSigningError('FILE_NOT_FOUND', `${what} ${path} does not exist`, `Check the ${flag} path.`);
    }
    throw new CiSigningError('FILE_UNREADABLE', `cannot read ${what} ${path} (${errorCode(error)})`, `Check the ${flag} path and its permissions.`);
  }
}

export async function readTextFile(path: string, what: string, flag: string): Promise<string> {
  return (await readInputFile(path, what, flag)).toString('utf8');
}

/** Like readTextFile, but a file that does not exist is null (an optional, conventional path). */
export async function readOptionalTextFile(path: string, what: string, flag: string): Promise<string | null> {
  try {
    return await readTextFile(path, what, flag);
  } catch (error) {
    if (error instanceof CiSigningError && error.code === 'FILE_NOT_FOUND') return null;
    throw error;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
