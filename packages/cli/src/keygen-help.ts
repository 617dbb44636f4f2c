// What keygen adds around the key pair: a .gitignore that keeps the secrets out of git, a fix for a missing
// passphrase file, and the next steps printed ready to paste.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CiSigningError } from '../../errors/src/index.js';

const IGNORED = ['private-key.asc', 'revocation.asc'];

/** Writes (or completes) <out-dir>/.gitignore so that `git add .` never picks up the private key. */
export async function protectKeyFolder(outDir: string): Promise<void> {
  const path = join(outDir, '.gitignore');
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing === undefined) {
    const header = '# Written by ci-signing keygen: never commit the private key or the revocation certificate.';
    await writeFile(path, `${header}\n${IGNORED.join('\n')}\n`, { flag: 'wx' });
    return;
  }
  const lines = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = IGNORED.filter((name) => !lines.has(name) && !lines.has(`/${name}`));
  const separator = existing.endsWith('\n') || !existing ? '' : '\n';
  if (missing.length) await appendFile(path, `${separator}${missing.join('\n')}\n`);
}

/** A missing --passphrase-file says how to make one, or how to do without. */
export function passphraseFileMissing(file: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof CiSigningError && error.code === 'FILE_NOT_FOUND') {
      throw new CiSigningError(
        'FILE_NOT_FOUND',
        `--passphrase-file ${file} does not exist; keygen reads the passphrase from it and does not create it`,
        `Create it first: (umask 077; head -c 24 /dev/urandom | base64 > ${file}); or use --no-passphrase.`,
        'usage',
      );
    }
    throw error;
  };
}

/** The three steps after keygen, as commands to paste (GitHub CLI for the secrets). */
export function keygenNextSteps(options: {
  outDir: string;
  privateKey: string;
  publicKey: string;
  revocation: string;
  fingerprint: string;
  passphraseSource: string;
}): string {
  const trusted = `.github/ci-signing/trusted-keys/${options.fingerprint}.asc`;
  const passphrase =
    options.passphraseSource === 'none'
      ? '     (no passphrase: the key is unencrypted; set no CI_SIGNING_PASSPHRASE)'
      : options.passphraseSource === 'env'
        ? '     gh secret set CI_SIGNING_PASSPHRASE --env ci-signing   # paste the passphrase when asked'
        : `     gh secret set CI_SIGNING_PASSPHRASE --env ci-signing < ${options.passphraseSource}`;
  return [
    `Wrote ${options.privateKey} (secret), ${options.publicKey} and ${options.revocation} (secret);`,
    `${join(options.outDir, '.gitignore')} keeps the secret ones out of git.`,
    '',
    'Next steps:',
    '  1. Store the key as secrets of the environment ci-signing, which only the trusted runners use:',
    `     gh secret set CI_SIGNING_PRIVATE_KEY --env ci-signing < ${options.privateKey}`,
    passphrase,
    '  2. Commit the public key as a trusted key, named by its fingerprint:',
    `     mkdir -p .github/ci-signing/trusted-keys && cp ${options.publicKey} ${trusted}`,
    `     git add ${trusted}`,
    `  3. Keep ${options.revocation} offline (a password manager or a USB stick), then delete it here;`,
    '     it revokes the key if the private key is ever exposed.',
    '',
  ].join('\n');
}
