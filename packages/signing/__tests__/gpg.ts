// Real GnuPG for interop tests: a throw-away GNUPGHOME per test file, gpg in batch mode with loopback
// pinentry, and its machine-readable status lines (gpg can exit 0 while skipping or failing, so tests
// assert on status lines, never on the exit code alone).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GpgResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Status lines without the "[GNUPG:] " prefix, e.g. "VALIDSIG <fpr> ...". */
  status: string[];
}

export interface GpgRunOptions {
  input?: string | Uint8Array;
  /** Passphrase for loopback pinentry ('' = no passphrase). */
  passphrase?: string;
  /** Runs gpg as if the clock showed this (frozen) time. */
  fakedSystemTime?: Date;
}

export type GpgKeyAlgo = 'ed25519' | 'rsa2048' | 'rsa3072' | 'rsa1024' | 'dsa2048';

export interface GpgKeyOptions {
  algo: GpgKeyAlgo;
  passphrase?: string;
  /** gpg expiry: '0' (never), '1d', '2y', 'seconds=N'. Default '0'. */
  expire?: string;
  fakedSystemTime?: Date;
  uid?: string;
  /** 'sign' (default): the primary key signs and certifies; 'cert': it only certifies. */
  usage?: 'sign' | 'cert';
}

/** gpg's ISO form of a date, frozen ("!"): 20240101T120000!. */
export function gpgTime(date: Date): string {
  return `${date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '')}!`;
}

export async function createGnupgHome(): Promise<string> {
  // Short path: gpg-agent's socket path must stay under the UNIX socket length limit.
  const home = await mkdtemp(join(tmpdir(), 'gpg-'));
  // The agent otherwise calibrates passphrase hashing to ~100 ms per use and each protected key
  // operation takes seconds; a small fixed count keeps tests fast (test keys only).
  await writeFile(join(home, 'gpg-agent.conf'), 's2k-count 65536\n');
  return home;
}

export async function removeGnupgHome(home: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const child = spawn('gpgconf', ['--homedir', home, '--kill', 'all'], { stdio: 'ignore' });
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
  await rm(home, { recursive: true, force: true });
}

/** Runs `fn` with a fresh GNUPGHOME, always killing its agent and deleting it afterwards. */
export async function withGnupgHome<T>(fn: (home: string) => Promise<T>): Promise<T> {
  const home = await createGnupgHome();
  try {
    return await fn(home);
  } finally {
    await removeGnupgHome(home);
  }
}

/** Runs gpg with status lines on fd 3, so they never mix with output or human messages. */
export function gpg(home: string, args: string[], options: GpgRunOptions = {}): Promise<GpgResult> {
  const fullArgs = ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--status-fd', '3'];
  if (options.passphrase !== undefined) fullArgs.push('--passphrase', options.passphrase);
  if (options.fakedSystemTime) fullArgs.push('--faked-system-time', gpgTime(options.fakedSystemTime));
  fullArgs.push(...args);
  return new Promise((resolve, reject) => {
    const child = spawn('gpg', fullArgs, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const status: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => status.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        exitCode: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        status: Buffer.concat(status)
          .toString('utf8')
          .split('\n')
          .filter((line) => line.startsWith('[GNUPG:] '))
          .map((line) => line.slice('[GNUPG:] '.length)),
      });
    });
    // gpg may exit without reading stdin; its status lines and exit code decide, not the pipe.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(options.input ?? '');
  });
}

/** The status lines starting with `keyword`, split into words. */
export function statusOf(result: GpgResult, keyword: string): string[][] {
  return result.status.map((line) => line.split(' ')).filter((words) => words[0] === keyword);
}

function failed(what: string, result: GpgResult): Error {
  return new Error(`${what} failed (exit ${result.exitCode}): ${result.stderr.trim()}\n${result.status.join('\n')}`);
}

/** Generates a key with `gpg --quick-gen-key` (sign + certify); returns its fingerprint. */
export async function gpgGenerateKey(home: string, options: GpgKeyOptions): Promise<string> {
  const uid =
    options.uid ?? `Test ${options.algo} <${options.algo}-${Math.random().toString(36).slice(2, 8)}@example.com>`;
  const result = await gpg(
    home,
    ['--quick-gen-key', uid, options.algo, options.usage ?? 'sign', options.expire ?? '0'],
    {
      passphrase: options.passphrase ?? '',
      fakedSystemTime: options.fakedSystemTime,
    },
  );
  const created = statusOf(result, 'KEY_CREATED')[0];
  if (!created) throw failed('gpg --quick-gen-key', result);
  return created[2];
}

/** Adds a signing subkey with `gpg --quick-add-key`; returns the subkey's fingerprint. */
export async function gpgAddSigningSubkey(
  home: string,
  fingerprint: string,
  options: Omit<GpgKeyOptions, 'uid' | 'usage'>,
): Promise<string> {
  const result = await gpg(home, ['--quick-add-key', fingerprint, options.algo, 'sign', options.expire ?? '0'], {
    passphrase: options.passphrase ?? '',
    fakedSystemTime: options.fakedSystemTime,
  });
  const created = statusOf(result, 'KEY_CREATED')[0];
  if (!created) throw failed('gpg --quick-add-key', result);
  return created[2];
}

export async function gpgExportPublic(home: string, fingerprint: string): Promise<string> {
  const result = await gpg(home, ['--armor', '--export', fingerprint]);
  if (!result.stdout.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) throw failed('gpg --export', result);
  return result.stdout;
}

export async function gpgExportSecret(home: string, fingerprint: string, passphrase = ''): Promise<string> {
  const result = await gpg(home, ['--armor', '--export-secret-keys', fingerprint], { passphrase });
  if (!result.stdout.includes('-----BEGIN PGP PRIVATE KEY BLOCK-----'))
    throw failed('gpg --export-secret-keys', result);
  return result.stdout;
}

/** Imports armored keys (public, secret or revocation); assert on IMPORT_OK / IMPORT_RES yourself. */
export function gpgImport(home: string, armored: string, passphrase?: string): Promise<GpgResult> {
  return gpg(home, ['--import'], { input: armored, passphrase });
}

/** Fingerprints of the public keys in the keyring (`--list-keys --with-colons`). */
export async function gpgListFingerprints(home: string, secret = false): Promise<string[]> {
  const result = await gpg(home, [secret ? '--list-secret-keys' : '--list-keys', '--with-colons']);
  const lines = result.stdout.split('\n');
  const fingerprints: string[] = [];
  lines.forEach((line, index) => {
    // A "fpr" line right after "pub"/"sec" is the primary key's.
    if (/^(pub|sec):/.test(line) && lines[index + 1]?.startsWith('fpr:')) {
      fingerprints.push(lines[index + 1].split(':')[9]);
    }
  });
  return fingerprints;
}

export interface GpgSignOptions {
  /** Key id / fingerprint; append "!" to force exactly that (sub)key. */
  localUser: string;
  dataPath: string;
  signaturePath: string;
  passphrase?: string;
  digestAlgo?: string;
  fakedSystemTime?: Date;
  extraArgs?: string[];
}

/** `gpg --detach-sign --armor`; returns the armored signature. */
export async function gpgSign(home: string, options: GpgSignOptions): Promise<string> {
  const args = [
    '--yes',
    '--detach-sign',
    '--armor',
    '--local-user',
    options.localUser,
    '--output',
    options.signaturePath,
  ];
  if (options.digestAlgo) args.push('--digest-algo', options.digestAlgo);
  args.push(...(options.extraArgs ?? []), options.dataPath);
  const result = await gpg(home, args, {
    passphrase: options.passphrase ?? '',
    fakedSystemTime: options.fakedSystemTime,
  });
  if (statusOf(result, 'SIG_CREATED').length === 0) throw failed('gpg --detach-sign', result);
  return readFile(options.signaturePath, 'utf8');
}

/** `gpg --verify SIG DATA`; judge by the status lines (GOODSIG, VALIDSIG, BADSIG, EXPKEYSIG, ...). */
export function gpgVerify(home: string, signaturePath: string, dataPath: string): Promise<GpgResult> {
  return gpg(home, ['--verify', signaturePath, dataPath]);
}

/** The revocation certificate gpg wrote at key generation, with its anti-import colon removed. */
export async function gpgRevocationCertificate(home: string, fingerprint: string): Promise<string> {
  const text = await readFile(join(home, 'openpgp-revocs.d', `${fingerprint}.rev`), 'utf8');
  return text.replace(/^:-----BEGIN/m, '-----BEGIN');
}

/** Revokes a key in the keyring by importing its revocation certificate. */
export async function gpgRevokeKey(home: string, fingerprint: string): Promise<string> {
  const certificate = await gpgRevocationCertificate(home, fingerprint);
  const result = await gpgImport(home, certificate);
  // IMPORT_RES field 9 counts imported revocations (a revocation yields no IMPORT_OK line).
  if (statusOf(result, 'IMPORT_RES')[0]?.[9] !== '1') throw failed('gpg --import (revocation)', result);
  return certificate;
}

let outputCount = 0;

/** Runs gpg with `--output` to a file and returns that file's bytes, so binary output survives. */
export async function gpgToFile(home: string, args: string[], options: GpgRunOptions = {}): Promise<Buffer> {
  const path = join(home, `output-${process.pid}-${++outputCount}.bin`);
  const result = await gpg(home, ['--yes', '--output', path, ...args], options);
  try {
    return await readFile(path);
  } catch {
    throw failed(`gpg ${args[0]}`, result);
  }
}

/** `gpg --export` (binary, no armor). */
export function gpgExportBinary(home: string, fingerprint: string): Promise<Buffer> {
  return gpgToFile(home, ['--export', fingerprint]);
}

/** `gpg --dearmor`: the binary packets of armored text. */
export function gpgDearmor(home: string, armored: string): Promise<Buffer> {
  return gpgToFile(home, ['--dearmor'], { input: armored });
}

/** `gpg --detach-sign` without --armor: gpg's default, binary detached signature. */
export async function gpgSignBinary(home: string, options: Omit<GpgSignOptions, 'signaturePath'>): Promise<Buffer> {
  const args = ['--detach-sign', '--local-user', options.localUser, ...(options.extraArgs ?? []), options.dataPath];
  return gpgToFile(home, args, { passphrase: options.passphrase ?? '', fakedSystemTime: options.fakedSystemTime });
}

/** `gpg --quick-set-expire FPR EXPIRE [SUBKEY-FPRS]`: replaces the self-signatures (or subkey bindings). */
export async function gpgSetExpire(
  home: string,
  fingerprint: string,
  expire: string,
  options: { passphrase?: string; subkeys?: string[]; fakedSystemTime?: Date } = {},
): Promise<void> {
  const result = await gpg(home, ['--quick-set-expire', fingerprint, expire, ...(options.subkeys ?? [])], {
    passphrase: options.passphrase ?? '',
    fakedSystemTime: options.fakedSystemTime,
  });
  if (result.exitCode !== 0 || statusOf(result, 'ERROR').length > 0) throw failed('gpg --quick-set-expire', result);
}

/** The raw openpgp-revocs.d/<FPR>.rev file gpg writes at key generation, colon and preamble included. */
export function gpgRevocationFile(home: string, fingerprint: string): Promise<string> {
  return readFile(join(home, 'openpgp-revocs.d', `${fingerprint}.rev`), 'utf8');
}
