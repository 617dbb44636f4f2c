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

/** Reads a text file the user named; a missing file is an input error with a fix, not a stack trace. */
export async function readTextFile(path: string, what: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new CiSigningError('FILE_NOT_FOUND', `${what} ${path} does not exist`, `Check the ${flag} path.`);
    }
    throw new CiSigningError('FILE_UNREADABLE', `cannot read ${what} ${path} (${errorCode(error)})`, `Check the ${flag} path and its permissions.`);
  }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
