// The main job, end to end: keygen -> sign -> post -> verify, with the bundled CLI run as separate processes
// against the in-repo GitHub API test server (or a real GitHub when GITHUB_TOKEN and GITHUB_API_URL are set);
// then the same flow refusing four forgeries. Exits 1 when any expectation did not hold.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGitHubApiServer } from '../packages/github-api-server/src/index.js';

const root = resolve(process.cwd());
const cli = join(root, 'dist', 'cli', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'ci-signing-demo-'));

function step(title: string): void {
  process.stdout.write(`\n\u001b[1m== ${title}\u001b[0m\n`);
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as its own process; asynchronously, since the embedded server shares this event loop. */
async function ciSigning(args: string[], env: NodeJS.ProcessEnv = {}, options: { hide?: RegExp } = {}): Promise<Run> {
  const shown = args.map((arg) => arg.split(work).join('.'));
  process.stdout.write(`$ ci-signing ${shown.map((arg) => (/\s/.test(arg) ? `'${arg}'` : arg)).join(' ')}\n`);
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env },
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  // Lines the caller hides (attempts= when nothing was retried, the next steps of a throwaway key) stay out.
  const show = (text: string) => {
    const kept = options.hide
      ? text
          .split('\n')
          .filter((line) => line && !options.hide?.test(line))
          .map((line) => `${line}\n`)
      : [text];
    return kept.join('').split(work).join('.');
  };
  process.stdout.write(show(stderr) + show(stdout));
  return { status, stdout, stderr };
}

function must(run: Run, what: string): Run {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}`);
  return run;
}

function resultsFor(commit: string, repository: string, overrides: Record<string, unknown> = {}): string {
  const now = Date.now();
  const results = {
    version: 1,
    repository,
    commit,
    conclusion: 'success',
    tests: { passed: 412, failed: 0, skipped: 3 },
    coverage: { lines: 91.4 },
    startedAt: new Date(now - 95_000).toISOString(),
    completedAt: new Date(now).toISOString(),
    run: { runner: 'build-box-1', job: 'test' },
    ...overrides,
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}

interface Context {
  token: string;
  apiUrl: string;
  repository: string;
  verifyArgs: (commit: string) => string[];
}

/** The verifier's verdict on one commit, read from GitHub: verified, and its one-line reason when not. */
async function verdict(commit: string, context: Context): Promise<{ verified: boolean; reason: string }> {
  const run = await ciSigning(
    [...context.verifyArgs(commit), '--format', 'json'],
    { GITHUB_TOKEN: context.token },
    { hide: /./ },
  );
  const parsed = JSON.parse(run.stdout || '{}') as {
    verified?: string;
    entries?: { error?: { code: string; message: string } }[];
  };
  const error = parsed.entries?.[0]?.error;
  return {
    verified: run.status === 0 && parsed.verified === 'true',
    reason: error ? `${error.code}: ${error.message}` : '',
  };
}

async function main(): Promise<number> {
  const embedded = !(process.env.GITHUB_TOKEN && process.env.GITHUB_API_URL);
  const token = embedded ? 'demo-token' : process.env.GITHUB_TOKEN!;
  const server = embedded ? await startGitHubApiServer({ tokens: { [token]: 'write' } }) : null;
  const apiUrl = server ? server.url : process.env.GITHUB_API_URL!;
  const repository = process.env.DEMO_REPOSITORY ?? 'octo-org/widgets';
  const commit = process.env.DEMO_COMMIT ?? randomBytes(20).toString('hex');
  const keys = join(work, 'ci-key');
  const context: Context = {
    token,
    apiUrl,
    repository,
    verifyArgs: (sha) => [
      'verify',
      '--repository',
      repository,
      '--sha',
      sha,
      '--trusted-keys-file',
      join(keys, 'public-key.asc'),
      // Posted already: verify at once rather than wait for a run that can decide.
      '--api-url',
      apiUrl,
      '--max-age',
      '24h',
      '--wait-timeout',
      '0',
    ],
  };
  const auth = { GITHUB_TOKEN: token };
  try {
    process.stdout.write(`GitHub API: ${embedded ? `embedded test server at ${apiUrl}` : apiUrl}\n`);
    process.stdout.write(`Repository ${repository}, commit ${commit}\nWork folder ${work} (shown as .)\n`);

    step('1. keygen on the trusted runner');
    const passphraseFile = join(work, 'passphrase.txt');
    writeFileSync(passphraseFile, `${randomBytes(18).toString('base64')}\n`, { mode: 0o600 });
    const keygen = [
      'keygen',
      '--name',
      'Demo build box',
      '--email',
      'ci@widgets.example',
      '--out-dir',
      keys,
      '--passphrase-file',
      passphraseFile,
    ];
    const fingerprint = must(await ciSigning(keygen), 'keygen').stdout.trim();

    step('2. the CI writes its results (ci-results v1): what gets signed');
    const resultsFile = join(work, 'ci-results.json');
    writeFileSync(resultsFile, resultsFor(commit, repository));
    process.stdout.write(`./ci-results.json:\n${readFileSync(resultsFile, 'utf8')}`);

    step('3. sign');
    const signArgs = ['--private-key-file', join(keys, 'private-key.asc'), '--passphrase-file', passphraseFile];
    must(await ciSigning(['sign', '--results-file', resultsFile, ...signArgs]), 'sign');
    gpgCheck(join(keys, 'public-key.asc'), resultsFile);

    step('4. post as a check run');
    const postArgs = ['--api-url', apiUrl, '--retry-delay', '1'];
    const posting = must(
      await ciSigning(['post', '--results-file', resultsFile, ...postArgs], auth, { hide: /^attempts=/ }),
      'post',
    );
    // The attempts count is news only when something was retried.
    if (/retrying in/.test(posting.stderr))
      process.stdout.write(`${/attempts=\d+/.exec(posting.stdout)?.[0] ?? ''} (retried)\n`);
    const checkRunId = /check-run-id=(\d+)/.exec(posting.stdout)?.[1];
    if (server) {
      const run = server
        .checkRuns(...(repository.split('/') as [string, string]))
        .find((candidate) => String(candidate.id) === checkRunId);
      if (run) {
        step('what GitHub shows on the commit: the check run');
        process.stdout.write(`${run.name}: ${run.conclusion} - ${run.output.title}\n\n${run.output.summary}\n`);
      }
    }

    step('5. verify from GitHub (what the ci-local-verifier workflow does)');
    const verified = await ciSigning([...context.verifyArgs(commit), '--format', 'markdown'], auth);
    await ciSigning(context.verifyArgs(commit), auth);
    process.stdout.write(`\nsigner fingerprint ${fingerprint}\n`);

    step('6. the same flow refuses forgeries');
    const forgeries = await refuseForgeries(context, { signArgs, postArgs, commit });

    const failed = [
      ...(verified.status === 0 ? [] : ['the genuine result was not VERIFIED']),
      ...forgeries.filter(Boolean),
    ];
    if (failed.length === 0) {
      process.stdout.write('\nmain job: VERIFIED, and 4 forgeries refused\n');
      return 0;
    }
    process.stdout.write(`\nmain job: FAILED: ${failed.join('; ')}\n`);
    return 1;
  } finally {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Four forgeries, each on a commit of its own; '' for each refused with the expected code, else what held. */
async function refuseForgeries(
  context: Context,
  genuine: { signArgs: string[]; postArgs: string[]; commit: string },
): Promise<string[]> {
  const auth = { GITHUB_TOKEN: context.token };
  const quiet = { hide: /./ };
  const newCommit = () => randomBytes(20).toString('hex');
  const post = async (file: string) =>
    must(await ciSigning(['post', '--results-file', file, ...genuine.postArgs], auth, quiet), 'post');
  const cases: { title: string; code: string; forge: (commit: string) => Promise<void> }[] = [
    {
      title: 'a result signed by a key that is not trusted',
      code: 'SIGNATURE_UNTRUSTED_KEY',
      forge: async (commit) => {
        const file = join(work, 'untrusted.json');
        writeFileSync(file, resultsFor(commit, context.repository));
        const other = join(work, 'laptop-key');
        must(
          await ciSigning(
            ['keygen', '--name', 'Laptop', '--email', 'me@example.com', '--out-dir', other, '--no-passphrase'],
            {},
            quiet,
          ),
          'keygen',
        );
        must(
          await ciSigning(
            ['sign', '--results-file', file, '--private-key-file', join(other, 'private-key.asc')],
            {},
            quiet,
          ),
          'sign',
        );
        await post(file);
      },
    },
    {
      title: 'the genuine signed result replayed onto another commit',
      code: 'BINDING_MISMATCH',
      forge: (commit) => replay(context, genuine.commit, commit),
    },
    {
      title: 'a failing result altered to passing after it was signed',
      code: 'SIGNATURE_INVALID',
      forge: async (commit) => {
        const file = join(work, 'altered.json');
        const failing = resultsFor(commit, context.repository, {
          conclusion: 'failure',
          tests: { passed: 409, failed: 3, skipped: 3 },
        });
        writeFileSync(file, failing);
        must(await ciSigning(['sign', '--results-file', file, ...genuine.signArgs], {}, quiet), 'sign');
        writeFileSync(file, failing.replace('"failure"', '"success"').replace('"failed": 3', '"failed": 0'));
        process.stdout.write('(altered.json edited after signing: conclusion failure -> success, failed 3 -> 0)\n');
        await post(file);
      },
    },
    {
      title: 'an unsigned result',
      code: 'SIGNATURE_MISSING',
      forge: async (commit) => {
        const file = join(work, 'unsigned.json');
        writeFileSync(file, resultsFor(commit, context.repository));
        await post(file);
      },
    },
  ];
  const outcomes: string[] = [];
  for (const [index, forgery] of cases.entries()) {
    process.stdout.write(`\n\u001b[1m-- 6.${index + 1} ${forgery.title}\u001b[0m\n`);
    const commit = newCommit();
    await forgery.forge(commit);
    const { verified, reason } = await verdict(commit, context);
    const held = !verified && reason.startsWith(`${forgery.code}:`);
    process.stdout.write(`${held ? 'refused' : 'NOT REFUSED AS EXPECTED'}: ${reason || 'verified'}\n`);
    outcomes.push(
      held
        ? ''
        : `${forgery.title} was ${verified ? 'accepted' : `refused with ${reason || 'no reason'}, not ${forgery.code}`}`,
    );
  }
  return outcomes;
}

/** What anyone with checks: write can do: copy a genuine check run's output onto another commit. */
async function replay(context: Context, from: string, to: string): Promise<void> {
  const headers = {
    authorization: `Bearer ${context.token}`,
    accept: 'application/vnd.github+json',
    'content-type': 'application/json',
  };
  const base = `${context.apiUrl}/repos/${context.repository}`;
  const listed = await fetch(`${base}/commits/${from}/check-runs?check_name=local-ci`, { headers });
  const { check_runs: runs } = (await listed.json()) as {
    check_runs: { output: { title: string; summary: string; text: string } }[];
  };
  const { title, summary, text } = runs[0].output;
  const body = {
    name: 'local-ci',
    head_sha: to,
    status: 'completed',
    conclusion: 'success',
    output: { title, summary, text },
  };
  const created = await fetch(`${base}/check-runs`, { method: 'POST', headers, body: JSON.stringify(body) });
  process.stdout.write(
    `POST /repos/${context.repository}/check-runs (head_sha ${to}, output copied from ${from}): ${created.status}\n`,
  );
  if (!created.ok) throw new Error(`replaying the check run failed: ${created.status}`);
}

/** Shows that GnuPG accepts the signature too, when gpg is installed. */
function gpgCheck(publicKey: string, resultsFile: string): void {
  const home = mkdtempSync(join(tmpdir(), 'ci-signing-demo-gpg-'));
  try {
    execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import', publicKey], { stdio: 'pipe' });
    const status = spawnSync(
      'gpg',
      ['--homedir', home, '--batch', '--status-fd', '1', '--verify', `${resultsFile}.asc`, resultsFile],
      { encoding: 'utf8' },
    );
    const valid = /\[GNUPG:\] VALIDSIG (\w+)/.exec(status.stdout);
    process.stdout.write(
      `$ gpg --verify ci-results.json.asc ci-results.json\n${valid ? `gpg: VALIDSIG ${valid[1]}` : `gpg did not accept the signature:\n${status.stderr}`}\n`,
    );
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
