// The main job, end to end: keygen -> sign -> post -> verify, with the bundled CLI run as separate processes
// against the in-repo GitHub API test server (or a real GitHub when GITHUB_TOKEN and GITHUB_API_URL are set).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGitHubApiServer } from '../packages/github-api-server/src/index.js';

const root = resolve(process.cwd());
const cli = join(root, 'dist', 'cli', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'ci-signing-demo-'));

function step(title: string): void {
  process.stdout.write(`\n\u001b[1m== ${title}\u001b[0m\n`);
}

/** Runs the bundled CLI as its own process; asynchronously, since the embedded server shares this event loop. */
async function ciSigning(args: string[], env: NodeJS.ProcessEnv = {}, allowFailure = false): Promise<{ status: number; stdout: string }> {
  process.stdout.write(`$ ci-signing ${args.map((arg) => (/\s/.test(arg) ? `'${arg}'` : arg)).join(' ')}\n`);
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  if (status !== 0 && !allowFailure) throw new Error(`ci-signing ${args[0]} exited ${status}`);
  return { status, stdout };
}

async function main(): Promise<number> {
  const embedded = !(process.env.GITHUB_TOKEN && process.env.GITHUB_API_URL);
  const token = embedded ? 'demo-token' : process.env.GITHUB_TOKEN!;
  const server = embedded ? await startGitHubApiServer({ tokens: { [token]: 'write' } }) : null;
  const apiUrl = server ? server.url : process.env.GITHUB_API_URL!;
  const repository = process.env.DEMO_REPOSITORY ?? 'octo-org/widgets';
  const commit = process.env.DEMO_COMMIT ?? randomBytes(20).toString('hex');
  try {
    process.stdout.write(`GitHub API: ${embedded ? `embedded test server at ${apiUrl}` : apiUrl}\nRepository ${repository}, commit ${commit}\nWork folder ${work}\n`);

    step('1. keygen on the trusted runner');
    const passphraseFile = join(work, 'passphrase');
    writeFileSync(passphraseFile, `${randomBytes(18).toString('base64')}\n`, { mode: 0o600 });
    const fingerprint = (await ciSigning(['keygen', '--name', 'Demo build box', '--email', 'ci@widgets.example', '--out-dir', join(work, 'keys'), '--passphrase-file', passphraseFile])).stdout.trim();

    step('2. the CI writes its results (ci-results v1)');
    const resultsFile = join(work, 'results.json');
    const now = Date.now();
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          version: 1,
          repository,
          commit,
          conclusion: 'success',
          tests: { passed: 412, failed: 0, skipped: 3 },
          coverage: { lines: 91.4 },
          startedAt: new Date(now - 95_000).toISOString(),
          completedAt: new Date(now).toISOString(),
          run: { runner: 'build-box-1', job: 'test' },
        },
        null,
        2,
      )}\n`,
    );
    process.stdout.write(`wrote ${resultsFile}\n`);

    step('3. sign');
    await ciSigning(['sign', '--results-file', resultsFile, '--private-key-file', join(work, 'keys', 'private-key.asc'), '--passphrase-file', passphraseFile]);
    gpgCheck(join(work, 'keys', 'public-key.asc'), resultsFile);

    step('4. post as a check run');
    const posted = (await ciSigning(['post', '--results-file', resultsFile, '--api-url', apiUrl, '--retry-delay', '1'], { GITHUB_TOKEN: token })).stdout;
    const checkRunId = /check-run-id=(\d+)/.exec(posted)?.[1];
    if (server) {
      const run = server.checkRuns(...(repository.split('/') as [string, string])).find((candidate) => String(candidate.id) === checkRunId);
      if (run) {
        step('what GitHub shows on the commit: the check run');
        process.stdout.write(`${run.name}: ${run.conclusion} - ${run.output.title}\n\n${run.output.summary}\n`);
      }
    }

    step('5. verify from GitHub (what the ci-local-verifier workflow does)');
    const verifyArgs = ['verify', '--repository', repository, '--sha', commit, '--trusted-keys-file', join(work, 'keys', 'public-key.asc'), '--api-url', apiUrl, '--max-age', '24h'];
    const verified = await ciSigning([...verifyArgs, '--format', 'markdown'], { GITHUB_TOKEN: token }, true);
    await ciSigning(verifyArgs, { GITHUB_TOKEN: token }, true);
    process.stdout.write(`\nsigner fingerprint ${fingerprint}\n`);
    process.stdout.write(verified.status === 0 ? '\nmain job: VERIFIED\n' : '\nmain job: REJECTED\n');
    return verified.status;
  } finally {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Shows that GnuPG accepts the signature too, when gpg is installed. */
function gpgCheck(publicKey: string, resultsFile: string): void {
  const home = mkdtempSync(join(tmpdir(), 'ci-signing-demo-gpg-'));
  try {
    execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import', publicKey], { stdio: 'pipe' });
    const status = spawnSync('gpg', ['--homedir', home, '--batch', '--status-fd', '1', '--verify', `${resultsFile}.asc`, resultsFile], { encoding: 'utf8' });
    const valid = /\[GNUPG:\] VALIDSIG (\w+)/.exec(status.stdout);
    process.stdout.write(`$ gpg --verify results.json.asc results.json\n${valid ? `gpg: VALIDSIG ${valid[1]}` : `gpg did not accept the signature:\n${status.stderr}`}\n`);
  } catch {
    process.stdout.write('(gpg not available: skipped the GnuPG cross-check)\n');
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
    rmSync(home, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`main job failed: ${error.message}\n`);
    process.exit(1);
  },
);
