import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPercentage, checkSha } from './args.js';
import { keygenNextSteps, passphraseFileMissing, protectKeyFolder } from './keygen-help.js';
import { CiSigningError, safeLine, UsageError } from '../../errors/src/index.js';
import { generateKeyPair } from '../../signing/src/index.js';
import { readResultsFile } from '../../results/src/index.js';
import {
  apiUrl,
  defaultSha,
  eventContext,
  secretFile,
  signResultsFile,
  verifySignedResults,
  type CollectRequest,
} from '../../operations/src/index.js';
import { parseDuration, parseNonNegativeInteger, readBoundedText } from '../../common/src/index.js';
import { DEFAULTS, withDefault } from '../../defaults/src/index.js';
import type { CliIo } from './main.js';
import type { CommandName } from './flags.js';
import { renderVerificationText } from './text.js';

export { COMMANDS, type CommandName } from './flags.js';
type Values = Record<string, string | boolean | string[] | undefined>;

export async function runCommand(
  name: CommandName,
  values: Values,
  io: CliIo,
  positionals: string[] = [],
): Promise<number> {
  switch (name) {
    case 'collect':
      return collect(values, io);
    case 'run':
      return run(values, io, positionals);
    case 'keygen':
      return keygen(values, io);
    case 'sign':
      return sign(values, io);
    case 'verify':
      return verify(values, io);
    case 'post':
      return post(values, io);
  }
}

function text(values: Values, flag: string): string {
  const value = values[flag];
  return typeof value === 'string' ? value : '';
}

function required(values: Values, flag: string, command: string): string {
  const value = text(values, flag);
  if (!value) throw new UsageError(`--${flag} is required`, `Run ci-signing ${command} --${flag} ... (see --help).`);
  return value;
}

/** A secret from --X-file or an environment variable; never from a flag value. */
async function secret(values: Values, flag: string, envName: string, io: CliIo): Promise<string | undefined> {
  const file = text(values, flag);
  if (file) {
    // A passphrase file's trailing newline is not part of the passphrase.
    return (await readBoundedText(file, secretFile(`--${flag}`, `--${flag}`))).replace(/\r?\n$/, '');
  }
  return io.env[envName];
}

async function keygen(values: Values, io: CliIo): Promise<number> {
  const name = required(values, 'name', 'keygen');
  const email = required(values, 'email', 'keygen');
  const outDir = required(values, 'out-dir', 'keygen');
  const algorithm = withDefault('algorithm', text(values, 'algorithm'));
  if (algorithm !== 'ed25519' && algorithm !== 'rsa4096')
    throw new UsageError(
      `--algorithm must be ed25519 or rsa4096, got '${algorithm}'`,
      'Use --algorithm ed25519 (default) or rsa4096.',
    );
  const expiresInSeconds = parseDuration(withDefault('expires', text(values, 'expires')), {
    name: '--expires',
    zeroAllowed: true,
    example: '1y or 90d',
  });
  const missing = passphraseFileMissing(text(values, 'passphrase-file'));
  const passphrase = values['no-passphrase']
    ? ''
    : await secret(values, 'passphrase-file', 'CI_SIGNING_PASSPHRASE', io).catch(missing);
  if (values['no-passphrase'] && text(values, 'passphrase-file'))
    throw new UsageError('--no-passphrase and --passphrase-file contradict each other', 'Give one of them.');
  if (passphrase === undefined)
    throw new UsageError(
      'no passphrase chosen for the private key',
      'Give --passphrase-file FILE (or env CI_SIGNING_PASSPHRASE), or --no-passphrase to leave the key unencrypted.',
    );
  if (!values['no-passphrase'] && passphrase === '')
    throw new UsageError('the passphrase is empty', 'Put a passphrase in the file, or use --no-passphrase.');

  const paths = {
    privateKey: join(outDir, 'private-key.asc'),
    publicKey: join(outDir, 'public-key.asc'),
    revocation: join(outDir, 'revocation.asc'),
  };
  for (const path of Object.values(paths)) {
    if (await exists(path))
      throw new CiSigningError(
        'KEY_FILE_EXISTS',
        `${path} already exists; keygen never overwrites keys`,
        'Choose another --out-dir, or move the old keys away first.',
      );
  }
  const pair = await generateKeyPair({ name, email, expiresInSeconds, algorithm, passphrase: passphrase || undefined });
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  try {
    // 'wx' refuses to replace a file that appeared meanwhile; nothing half-written stays behind on failure.
    for (const [path, content, mode] of [
      [paths.privateKey, pair.privateKey, 0o600],
      [paths.publicKey, pair.publicKey, 0o644],
      [paths.revocation, pair.revocationCertificate, 0o600],
    ] as const) {
      await writeFile(path, content, { flag: 'wx', mode });
      written.push(path);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw new CiSigningError(
      'FILE_UNWRITABLE',
      `cannot write the key files in ${outDir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'Check that --out-dir is writable and holds no key files.',
    );
  }
  await protectKeyFolder(outDir);
  io.stdout(`${pair.fingerprint}\n`);
  const passphraseSource = values['no-passphrase'] ? 'none' : text(values, 'passphrase-file') || 'env';
  io.stderr(keygenNextSteps({ ...paths, outDir, fingerprint: pair.fingerprint, passphraseSource }));
  return 0;
}

function collectRequest(values: Values, io: CliIo): CollectRequest {
  return {
    reports: (values.reports as string[] | undefined) ?? [],
    outFile: withDefault('results-file', text(values, 'out')),
    overwrite: values.overwrite === true,
    repository: text(values, 'repository'),
    commit: text(values, 'commit'),
    checkName: text(values, 'check-name'),
    env: io.env,
  };
}

/** The report parsers (saxes and the rest) load only for collect and run. */
function loadCollect() {
  return import(/* webpackExports: ["collectResultsFile", "runAndCollect"] */ '../../operations/src/index.js');
}

async function collect(values: Values, io: CliIo): Promise<number> {
  const exitCodeText = text(values, 'exit-code');
  const exitCode = exitCodeText ? parseNonNegativeInteger('--exit-code', exitCodeText, 255) : undefined;
  const { collectResultsFile } = await loadCollect();
  const outcome = await collectResultsFile({ ...collectRequest(values, io), exitCode });
  io.stdout(`${outcome.summaryLine}\n`);
  return 0;
}

async function run(values: Values, io: CliIo, command: string[]): Promise<number> {
  const { runAndCollect } = await loadCollect();
  const outcome = await runAndCollect({ ...collectRequest(values, io), command });
  io.stderr(`${outcome.summaryLine}\n`);
  return outcome.exitCode;
}

async function sign(values: Values, io: CliIo): Promise<number> {
  const resultsFile = required(values, 'results-file', 'sign');
  checkSha(text(values, 'sha'));
  const privateKey = await secret(values, 'private-key-file', 'CI_SIGNING_PRIVATE_KEY', io);
  if (!privateKey)
    throw new UsageError('no private key given', 'Give --private-key-file FILE or set env CI_SIGNING_PRIVATE_KEY.');
  const passphrase = (await secret(values, 'passphrase-file', 'CI_SIGNING_PASSPHRASE', io)) ?? '';
  const outcome = await signResultsFile({
    resultsFile,
    privateKey,
    passphrase,
    signatureFile: text(values, 'signature-file'),
    allowGithubHosted: values['allow-github-hosted'] === true,
    runnerEnvironment: io.env.RUNNER_ENVIRONMENT,
    githubRepository: io.env.GITHUB_REPOSITORY,
    // In Actions the tested commit, as the sign action; outside Actions only --sha binds.
    expectedSha: text(values, 'sha') || (io.env.GITHUB_ACTIONS === 'true' ? defaultSha(io.env) : ''),
  });
  for (const warning of outcome.warnings) io.stderr(`warning: ${safeLine(warning)}\n`);
  io.stdout(`signature-file=${outcome.signatureFile}\nfingerprint=${outcome.fingerprint}\ndigest=${outcome.digest}\n`);
  return 0;
}

async function verify(values: Values, io: CliIo): Promise<number> {
  const event = eventContext(io.env);
  const format = text(values, 'format') || 'text';
  if (!['text', 'markdown', 'json'].includes(format))
    throw new UsageError(
      `--format must be text, markdown or json, got '${format}'`,
      'Use --format text, markdown or json.',
    );
  checkSha(text(values, 'sha'));
  checkPercentage(text(values, 'min-coverage'));
  const trustedKeysFiles = (values['trusted-keys-file'] as string[] | undefined) ?? [];
  const checkNames = (values['check-name'] as string[] | undefined) ?? [DEFAULTS['check-name']];
  const outcome = await verifySignedResults({
    resultsFile: text(values, 'results-file'),
    signatureFile: text(values, 'signature-file'),
    trustedKeys: text(values, 'trusted-keys'),
    trustedKeysFile: trustedKeysFiles.join('\n'),
    trustedFingerprints: text(values, 'trusted-fingerprints'),
    sha: text(values, 'sha') || event.sha,
    // In Actions (a fork's pull request fails at once instead of waiting); outside, no event.
    event,
    repository: text(values, 'repository') || io.env.GITHUB_REPOSITORY || '',
    allowUnsigned: text(values, 'allow-unsigned'),
    maxFailedTests: text(values, 'max-failed-tests'),
    minCoverage: text(values, 'min-coverage'),
    minTests: text(values, 'min-tests'),
    maxAge: text(values, 'max-age'),
    checkNames,
    waitTimeout: text(values, 'wait-timeout'),
    waitInterval: text(values, 'wait-interval'),
    github: {
      token: io.env.GITHUB_TOKEN ?? '',
      baseUrl: apiUrlOf(values, io),
      rateLimitWait: text(values, 'rate-limit-wait'),
      log: (line) => io.stderr(`${line}\n`),
    },
  });
  for (const warning of outcome.warnings) io.stderr(`warning: ${safeLine(warning)}\n`);
  if (format === 'json')
    io.stdout(
      `${JSON.stringify({ ...outcome.outputs, revokedKeys: outcome.revokedKeys, warnings: outcome.warnings, entries: outcome.entries.map(({ name, report, checkRunId }) => ({ name, checkRunId, ...report, error: report.error ? { code: report.error.code, message: report.error.message, fix: report.error.fix } : undefined })) }, null, 2)}\n`,
    );
  else if (format === 'markdown') io.stdout(outcome.summary);
  else io.stdout(renderVerificationText(outcome.entries, outcome.revokedKeys));
  return outcome.verified ? 0 : 1;
}

async function post(values: Values, io: CliIo): Promise<number> {
  // The GitHub client (Octokit, undici) loads only here, so the other commands never compile it.
  const [{ createAppInstallationToken }, { postResultsFile }] = await Promise.all([
    import(/* webpackExports: ["createAppInstallationToken"] */ '../../checks/src/index.js'),
    import(/* webpackExports: ["postResultsFile"] */ '../../operations/src/index.js'),
  ]);
  const resultsFile = required(values, 'results-file', 'post');
  const baseUrl = apiUrlOf(values, io);
  const appId = text(values, 'app-id');
  const log = (line: string) => io.stderr(`${line}\n`);
  let token = io.env.GITHUB_TOKEN ?? '';
  if (appId) {
    const keyFile = required(values, 'app-private-key-file', 'post');
    const privateKeyPem = await readBoundedText(
      keyFile,
      secretFile('--app-private-key-file', 'GitHub App private key'),
    );
    const { results } = await readResultsFile(resultsFile);
    token = await createAppInstallationToken({ appId, privateKeyPem, repository: results.repository, baseUrl });
  }
  if (!token)
    throw new UsageError(
      'no GitHub credentials',
      'Set env GITHUB_TOKEN to a token with checks: write, or give --app-id and --app-private-key-file (classic ' +
        'personal access tokens cannot create check runs).',
    );
  const outcome = await postResultsFile({
    resultsFile,
    signatureFile: text(values, 'signature-file'),
    token,
    checkName: text(values, 'check-name'),
    retries: text(values, 'retries'),
    retryDelay: text(values, 'retry-delay'),
    requestTimeout: text(values, 'request-timeout'),
    rateLimitWait: text(values, 'rate-limit-wait'),
    apiUrl: baseUrl,
    log,
    warn: (line) => io.stderr(`warning: ${line}\n`),
  });
  io.stdout(
    `check-run-id=${outcome.checkRunId}\ncheck-run-url=${outcome.checkRunUrl}\nattempts=${outcome.attempts}\nsigned=${outcome.signed}\n`,
  );
  return 0;
}

function apiUrlOf(values: Values, io: CliIo): string {
  return text(values, 'api-url') || apiUrl(io.env);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
