// In-process sign and verify of 1 KB, 1 MB and 100 MB (median ms, MB/s, peak RSS) beside node:crypto's SHA-512 over
// the same bytes; sign + post through the GitHub API test server as processes, as a share of a 2-minute CI run;
// requests per post and per verified check. Not part of the test run.
//   npm run bench:throughput [-- --write FILE]      (part of npm run bench)
//   rewrites its section of FILE, docs/benchmarks.md when --write is not given
// Internally: `--child time|rss-<op> FILE ROUNDS KEYDIR` runs one measurement in a fresh process (own peak RSS);
// FILE.asc holds a signature over FILE, made by the parent.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_STREAM_CHUNK_BYTES } from '../packages/common/src/index.js';
import {
  fileSource,
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
// Over bytes in memory (the file read whole first), then streamed from the file (never held whole).
const OPS = ['sha512', 'sha256', 'sign', 'verify', 'sha512-stream', 'sign-stream', 'verify-stream'] as const;
type Op = (typeof OPS)[number];
const LABELS: Record<Op, string> = {
  sha512: 'SHA-512 floor (node:crypto), bytes in memory',
  sha256: 'SHA-256 (node:crypto), bytes in memory',
  sign: '`signDetached(bytes)`, bytes in memory',
  verify: '`verifyDetached(bytes)`, bytes in memory',
  'sha512-stream': `SHA-512 (node:crypto), streamed from the file (\`createReadStream\`, ${FILE_STREAM_CHUNK_BYTES / 1048576} MiB chunks)`,
  'sign-stream': '`signDetached(fileSource(path))`, streamed from the file',
  'verify-stream': '`verifyDetached(fileSource(path))`, streamed from the file',
};
/**
 * Timed in two processes, each beside SHA-512 over the bytes (the floor), so the garbage of one way of passing the
 * data does not land on the other's clock.
 */
const TIMED: Record<'bytes' | 'stream', Op[]> = {
  bytes: ['sha512', 'sha256', 'sign', 'verify'],
  stream: ['sha512', 'sha512-stream', 'sign-stream', 'verify-stream'],
};
/** Streamed operations: their peak RSS comes from a process that never reads the file whole. */
const streamed = (op: string) => op.endsWith('-stream') || op === 'idle';

async function sha512Streamed(file: string): Promise<Buffer> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file, { highWaterMark: FILE_STREAM_CHUNK_BYTES })) hash.update(chunk);
  return hash.digest();
}

async function child(mode: string, file: string, count: number, keyDir: string): Promise<void> {
  const op = mode.startsWith('time-') ? 'sha512' : mode.slice('rss-'.length);
  // The bytes only where they are measured: a streamed process must not hold them.
  let bytes = new Uint8Array(0);
  if (!streamed(op)) {
    const buffer = readFileSync(file);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  const key = await loadPrivateKey(readFileSync(join(keyDir, 'private.asc'), 'utf8'), '');
  const ring = await loadTrustedKeys([readFileSync(join(keyDir, 'public.asc'), 'utf8')]);
  const signature = readFileSync(`${file}.asc`, 'utf8');
  const source = fileSource(file);
  const run: Record<Op, () => Promise<unknown>> = {
    sha512: async () => createHash('sha512').update(bytes).digest(),
    sha256: async () => createHash('sha256').update(bytes).digest(),
    sign: () => signDetached(bytes, key),
    verify: () => verifyDetached(bytes, signature, ring, new Date()),
    'sha512-stream': () => sha512Streamed(file),
    'sign-stream': () => signDetached(source, key),
    'verify-stream': () => verifyDetached(source, signature, ring, new Date()),
  };
  if (mode.startsWith('time-')) {
    const ops = TIMED[mode.slice('time-'.length) as keyof typeof TIMED];
    const times = Object.fromEntries(ops.map((name) => [name, [] as number[]])) as Record<Op, number[]>;
    for (let round = -1; round < count; round++) {
      for (const op of ops) {
        const started = performance.now();
        await run[op]();
        if (round >= 0) times[op].push(performance.now() - started);
      }
    }
    process.stdout.write(JSON.stringify(Object.fromEntries(ops.map((op) => [op, median(times[op])]))));
    return;
  }
  // 'read' holds the bytes and does nothing; 'idle' loads the keys and the signature and does nothing.
  for (let round = 0; round < count; round++) if (op !== 'read' && op !== 'idle') await run[op as Op]();
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
    const key = await loadPrivateKey(pair.privateKey, '');

    // --- in-process throughput and peak RSS
    const rows: string[] = [];
    const figures: Record<string, number | string> = { node: node.version };
    for (const [size, count] of [
      [1000, rounds(21)],
      [1_000_000, rounds(11)],
      [100_000_000, rounds(5)],
    ] as const) {
      const file = join(work, `results-${size}.json`);
      const bytes = writeResultsFile(file, size);
      writeFileSync(`${file}.asc`, await signDetached(fileSource(file), key));
      const bytesTimes = runChild(node.path, 'time-bytes', file, count, work);
      const streamTimes = runChild(node.path, 'time-stream', file, count, work);
      const times = { ...streamTimes, ...bytesTimes } as Record<Op, number>;
      const floor = (op: Op) => (streamed(op) ? streamTimes.sha512 : bytesTimes.sha512);
      const rss: Record<string, number> = {};
      for (const op of ['read', 'idle', ...OPS])
        rss[op] = runChild(node.path, `rss-${op}`, file, Math.min(count, 2), work).maxRssMb;
      const mbps = (op: Op) => (bytes / 1e6 / (times[op] / 1000)).toFixed(0);
      for (const op of OPS) {
        const base = streamed(op) ? rss.idle : rss.read;
        rows.push(
          `| ${formatSize(bytes)} | ${LABELS[op]} | ${ms(times[op])} | ${mbps(op)} | ${op === 'sha512' ? '1.00x' : ratio(times[op], floor(op))} | ${rss[op].toFixed(0)} | ${(rss[op] - base).toFixed(0)} |`,
        );
      }
      if (size === 100_000_000) {
        // The goal's figures are the streamed ones (the goal says: stream the file); bytes beside them.
        Object.assign(figures, {
          sign100: times['sign-stream'],
          verify100: times['verify-stream'],
          sha100: streamTimes.sha512,
          shaBytes100: bytesTimes.sha512,
          rssSign100: rss['sign-stream'],
          rssVerify100: rss['verify-stream'],
          rssRead100: rss.read,
          signBytes100: times.sign,
          verifyBytes100: times.verify,
          rssSignBytes100: rss.sign,
          rssVerifyBytes100: rss.verify,
        });
      }
      process.stdout.write(
        `${formatSize(bytes)}: bytes ${JSON.stringify(bytesTimes)} streamed ${JSON.stringify(streamTimes)} rss ${JSON.stringify(rss)}\n`,
      );
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
      'Each size runs in two fresh processes, one for the bytes rows and one for the streamed rows, each alternating its',
      `operations with SHA-512 over the bytes in memory ("vs SHA-512" is against that process's SHA-512; the row shown is the`,
      `bytes process's); median of ${rounds(21)} / ${rounds(11)} / ${rounds(5)} rounds after a warm-up round (1 KB / 1 MB / 100 MB). "Bytes in memory" passes the`,
      'file read whole as a `Uint8Array`; "streamed from the file" passes `fileSource(path)`, read in',
      `${FILE_STREAM_CHUNK_BYTES / 1048576} MiB chunks as openpgp hashes them. Peak RSS comes from one more process per operation`,
      '(`process.resourceUsage().maxRSS`); a streamed one never reads the file whole. "Over its baseline" subtracts a',
      'process that only reads the file (bytes rows) or only loads the keys and the signature (streamed rows). The ed25519',
      "(legacy EdDSA) key signs with SHA-512, not the SHA-256 we prefer: openpgp raises the hash to the curve's, so the",
      'SHA-512 floor is the very hash signing and verifying compute.',
      '',
      '| results | operation | median ms | MB/s | vs SHA-512 | peak RSS MB | over its baseline, MB |',
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
