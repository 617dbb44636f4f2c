// In-process sign and verify of 1 KB, 1 MB and 100 MB (median ms, MB/s, peak RSS) beside node:crypto's SHA-512 over
// the same bytes; sign + post through the GitHub API test server as processes, as a share of a 2-minute CI run;
// requests per post and per verified check. Not part of the test run.
//   npm run bench:throughput [-- --write docs/benchmarks.md]      (part of npm run bench)
// Internally: `--child time|rss-<op> FILE ROUNDS KEYDIR` runs one measurement in a fresh process (own peak RSS).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  verifyDetached,
} from '../packages/signing/src/index.js';
import { startGitHubApiServer } from '../packages/github-api-server/src/index.js';
import {
  actionNode,
  DIST,
  formatSize,
  inputs,
  median,
  minimalEnv,
  ms,
  outputDocument,
  ratio,
  ROOT,
  rounds,
  runBenchmark,
  saveFigures,
  writeResultsFile,
  writeSection,
} from './bench-util.js';

const args = process.argv.slice(2);
const OUTPUT = outputDocument(args);
const OPS = ['sha512', 'sha256', 'sign', 'verify'] as const;
type Op = (typeof OPS)[number];
const LABELS: Record<Op, string> = {
  sha512: 'SHA-512 floor (node:crypto)',
  sha256: 'SHA-256 (node:crypto; the hash our signatures use)',
  sign: '`signDetached`',
  verify: '`verifyDetached`',
};

async function child(mode: string, file: string, count: number, keyDir: string): Promise<void> {
  const buffer = readFileSync(file);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const key = await loadPrivateKey(readFileSync(join(keyDir, 'private.asc'), 'utf8'), '');
  const ring = await loadTrustedKeys([readFileSync(join(keyDir, 'public.asc'), 'utf8')]);
  const signature = ['rss-sign', 'rss-read', 'rss-sha512', 'rss-sha256'].includes(mode)
    ? ''
    : await signDetached(bytes, key);
  const run: Record<Op, () => Promise<unknown>> = {
    sha512: async () => createHash('sha512').update(bytes).digest(),
    sha256: async () => createHash('sha256').update(bytes).digest(),
    sign: () => signDetached(bytes, key),
    verify: () => verifyDetached(bytes, signature, ring, new Date()),
  };
  if (mode === 'time') {
    const times: Record<Op, number[]> = { sha512: [], sha256: [], sign: [], verify: [] };
    for (let round = -1; round < count; round++) {
      for (const op of OPS) {
        const started = performance.now();
        await run[op]();
        if (round >= 0) times[op].push(performance.now() - started);
      }
    }
    process.stdout.write(JSON.stringify(Object.fromEntries(OPS.map((op) => [op, median(times[op])]))));
    return;
  }
  const op = mode.slice('rss-'.length);
  for (let round = 0; round < count; round++) if (op !== 'read') await run[op as Op]();
  process.stdout.write(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runChild(node: string, mode: string, file: string, count: number, keyDir: string): Record<string, number> {
  const run = spawnSync(node, [process.argv[1], '--child', mode, file, String(count), keyDir], {
    encoding: 'utf8',
    cwd: ROOT,
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`child ${mode} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

/** Milliseconds the process ran; rejects on a non-zero exit unless that exit is `expectedCode`. */
function runAsync(
  command: string,
  commandArgs: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  expectedCode = 0,
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const process_ = spawn(command, commandArgs, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    process_.stdout.on('data', (chunk) => (log += chunk));
    process_.stderr.on('data', (chunk) => (log += chunk));
    process_.on('error', reject);
    process_.on('close', (code) =>
      code === expectedCode
        ? resolvePromise(performance.now() - started)
        : reject(new Error(`${commandArgs[0]} exited ${code}: ${log.slice(0, 500)}`)),
    );
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const node = actionNode();
  const work = mkdtempSync(join(tmpdir(), 'ci-signing-bench-throughput-'));
  try {
    const pair = await generateKeyPair({
      name: 'bench',
      email: 'bench@example.com',
      expiresInSeconds: 0,
      algorithm: 'ed25519',
    });
    writeFileSync(join(work, 'private.asc'), pair.privateKey);
    writeFileSync(join(work, 'public.asc'), pair.publicKey);

    // --- in-process throughput and peak RSS
    const rows: string[] = [];
    const figures: Record<string, number | string> = { node: node.version };
    for (const [size, count] of [
      [1000, rounds(21)],
      [1_000_000, rounds(11)],
      [100_000_000, rounds(3)],
    ] as const) {
      const file = join(work, `results-${size}.json`);
      const bytes = writeResultsFile(file, size);
      const times = runChild(node.path, 'time', file, count, work);
      const rss: Record<string, number> = {};
      for (const op of ['read', ...OPS])
        rss[op] = runChild(node.path, `rss-${op}`, file, Math.min(count, 2), work).maxRssMb;
      const mbps = (op: Op) => (bytes / 1e6 / (times[op] / 1000)).toFixed(0);
      for (const op of OPS) {
        rows.push(
          `| ${formatSize(bytes)} | ${LABELS[op]} | ${ms(times[op])} | ${mbps(op)} | ${op === 'sha512' ? '1.00x' : ratio(times[op], times.sha512)} | ${rss[op].toFixed(0)} | ${(rss[op] - rss.read).toFixed(0)} |`,
        );
      }
      if (size === 100_000_000) {
        Object.assign(figures, {
          bigBytes: bytes,
          sign100: times.sign,
          verify100: times.verify,
          sha100: times.sha512,
          rssSign100: rss.sign,
          rssVerify100: rss.verify,
          rssRead100: rss.read,
          rssSha100: rss.sha512,
        });
      }
      process.stdout.write(`${formatSize(bytes)}: ${JSON.stringify(times)} rss ${JSON.stringify(rss)}\n`);
      rmSync(file, { force: true });
    }

    // --- sign + post (processes) through the test server, requests per post and per verified check
    const server = await startGitHubApiServer({});
    const sha = 'f'.repeat(40);
    const repository = 'bench/bench';
    const results = join(work, 'results.json');
    const resultsSize = writeResultsFile(results, 2000, sha, repository, true);
    const env = (extra: NodeJS.ProcessEnv) =>
      minimalEnv({
        ...extra,
        GITHUB_OUTPUT: join(work, 'output'),
        GITHUB_API_URL: server.url,
        GITHUB_REPOSITORY: repository,
        GITHUB_SHA: sha,
        RUNNER_ENVIRONMENT: 'self-hosted',
        TMPDIR: work,
      });
    const signEnv = env(inputs({ 'results-file': results, 'private-key': pair.privateKey }));
    const postEnv = env(inputs({ 'results-file': results, token: 'test-token' }));
    const verifyEnv = env(inputs({ token: 'test-token', 'trusted-keys-file': join(work, 'public.asc') }));
    const signTimes: number[] = [];
    const postTimes: number[] = [];
    const verifyTimes: number[] = [];
    const postRequests: number[] = [];
    const verifyRequests: number[] = [];
    const action = (name: string) => join(DIST, name, 'index.js');
    for (let round = -1; round < rounds(11); round++) {
      writeFileSync(join(work, 'output'), '');
      const signMs = await runAsync(node.path, [action('sign')], signEnv, work);
      let before = server.requests.length;
      const postMs = await runAsync(node.path, [action('post')], postEnv, work);
      const posted = server.requests.length - before;
      before = server.requests.length;
      const verifyMs = await runAsync(node.path, [action('verify')], verifyEnv, work);
      const read = server.requests.length - before;
      if (!readFileSync(join(work, 'output'), 'utf8').includes('verified<<'))
        throw new Error('verify wrote no outputs');
      if (round < 0) continue;
      signTimes.push(signMs);
      postTimes.push(postMs);
      verifyTimes.push(verifyMs);
      postRequests.push(posted);
      verifyRequests.push(read);
    }
    // --- waiting: verify polls a commit that has no run yet, with conditional requests (304s cost no rate limit)
    const waitSeconds = 10;
    const waitSha = 'e'.repeat(40);
    const consumedBefore = server.rateLimitConsumed('test-token');
    const requestsBefore = server.requests.length;
    const waitEnv = env(
      inputs({
        token: 'test-token',
        'trusted-keys-file': join(work, 'public.asc'),
        'wait-timeout': `${waitSeconds}s`,
        'wait-interval': '500ms',
      }),
    );
    waitEnv.GITHUB_SHA = waitSha;
    // No run ever comes: verify fails at the timeout (exit 1), which is what this measures.
    await runAsync(node.path, [action('verify')], waitEnv, work, 1);
    const waitRequests = server.requests.length - requestsBefore;
    const waitConsumed = server.rateLimitConsumed('test-token') - consumedBefore;
    await server.close();
    const signPost = median(signTimes.map((value, index) => value + postTimes[index]));
    const share = (signPost / 120_000) * 100;
    const waits =
      existsSync(join(ROOT, 'verify', 'action.yml')) &&
      /^\s{2}wait[a-z-]*:/m.test(readFileSync(join(ROOT, 'verify', 'action.yml'), 'utf8'));
    Object.assign(figures, {
      signPost,
      share,
      postRequests: median(postRequests),
      verifyRequests: median(verifyRequests),
      waitRequests,
      waitConsumed,
    });
    saveFigures('throughput', figures);

    const section = [
      '## Throughput, sign + post, API cost',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (this section alone: \`npm run bench:throughput\`, ${Math.round((Date.now() - started) / 1000)} s), Node ${node.version}${node.note}.`,
      '',
      '### In-process sign and verify (public API of packages/signing, ed25519)',
      '',
      `Each size runs in a fresh process: SHA-512, sign and verify alternate, median of ${rounds(21)} / ${rounds(11)} / ${rounds(3)} rounds after a warm-up`,
      'round (1 KB / 1 MB / 100 MB). Peak RSS comes from one more process per operation (`process.resourceUsage().maxRSS`);',
      '"over holding the bytes" subtracts a process that only reads the file (the API takes the whole file as a `Uint8Array`).',
      '',
      '| results | operation | median ms | MB/s | vs SHA-512 | peak RSS MB | over holding the bytes, MB |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `### Sign + post as a CI job runs them (${formatSize(resultsSize)} results, processes, local test server)`,
      '',
      `The sign action then the post action (bundles as the runner starts them) against packages/github-api-server on 127.0.0.1, then the`,
      `verify action reading the check run back; median of ${rounds(11)} rounds.`,
      '',
      '| step | median ms | requests |',
      '| --- | ---: | ---: |',
      `| sign action | ${ms(median(signTimes))} | 0 |`,
      `| post action | ${ms(median(postTimes))} | ${median(postRequests)} per post |`,
      `| sign + post | ${ms(signPost)} (${share.toFixed(3)}% of a 2-minute CI run) | ${median(postRequests)} |`,
      `| verify action, GitHub mode (one check name) | ${ms(median(verifyTimes))} | ${median(verifyRequests)} per verified check |`,
      '',
      waits
        ? `Waiting: the verify action polled a commit with no run for ${waitSeconds} s (wait-interval 500ms): ` +
          `${waitRequests} requests, of which ${waitConsumed} counted against the rate limit (every poll after the ` +
          `first listing is a conditional request, answered 304 while nothing changed). That is ` +
          `${((waitConsumed / waitSeconds) * 60).toFixed(1)} rate-limit-consuming requests per minute over this short wait, ` +
          `and the same ${waitConsumed} for a wait of any length: at the default wait-interval 15s, a 15-minute wait ` +
          `sends about 60 requests and counts ${waitConsumed}.`
        : 'Rate-limit-consuming requests per minute of waiting: not measured, verify does not wait for check runs yet.',
      '',
      '',
    ].join('\n');
    writeSection(OUTPUT, '## Throughput, sign + post, API cost', section);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (args[0] === '--child') {
  child(args[1], args[2], Number(args[3]), args[4]).catch((error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
} else {
  runBenchmark(main);
}
