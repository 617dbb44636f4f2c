// Reliability benchmark for post (not part of the test run): many posts through transient faults and a
// content-creation limit, against the in-repo GitHub API test server over real HTTP on 127.0.0.1.
// Every post is read back and verified, so "lost" means reported as posted but absent or not verifiable.
//   npm run bench:reliability [-- --posts 1000 --write FILE]
//   rewrites its section of FILE, docs/benchmarks.md when --write is not given
import { randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import { createGitHubClient, decodeEmbeddedBlock, postResults, readCheckRuns } from '../packages/checks/src/index.js';
import {
  startGitHubApiServer,
  FAULT_KINDS,
  type GitHubApiServerOptions,
} from '../packages/github-api-server/src/index.js';
import { parseResults } from '../packages/results/src/index.js';
import {
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  type SigningKey,
  type TrustedKeyring,
} from '../packages/signing/src/index.js';
import { verifyResults } from '../packages/verifier/src/index.js';
import { writeBenchmarkSection } from './benchmark-doc.js';
import { runBenchmark } from './bench-util.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback;
const POSTS = Number(flag('posts', '1000'));
const CONCURRENT = Number(flag('concurrent', '50'));
const OUTPUT = flag('write', 'docs/benchmarks.md');

const REPOSITORY = 'bench-org/bench';

interface Scenario {
  name: string;
  posts: number;
  concurrency: number;
  retries: number;
  server: GitHubApiServerOptions;
  /** The client's own defaults (retries, delays, timeout, rate-limit-wait 10m) instead of the short test delays. */
  defaults?: boolean;
}

interface Outcome {
  scenario: Scenario;
  succeeded: number;
  failed: number;
  duplicates: number;
  lost: number;
  attempts: number[];
  wallMs: number;
  requests: number;
  faults: number;
}

async function runScenario(scenario: Scenario, key: SigningKey, ring: TrustedKeyring): Promise<Outcome> {
  const server = await startGitHubApiServer({ tokens: { 'bench-token': 'write' }, ...scenario.server });
  const log = () => undefined;
  const posted: Array<{ commit: string; id: number }> = [];
  const attempts: number[] = [];
  let failed = 0;
  const started = performance.now();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < scenario.posts) {
      const index = next++;
      const commit = randomBytes(20).toString('hex');
      const bytes = Buffer.from(
        JSON.stringify({
          version: 1,
          repository: REPOSITORY,
          commit,
          conclusion: 'success',
          tests: { passed: 100 + index, failed: 0, skipped: 0 },
          failures: [],
        }),
      );
      const signature = await signDetached(bytes, key);
      const client = scenario.defaults
        ? createGitHubClient({ token: 'bench-token', baseUrl: server.url, log })
        : createGitHubClient({
            token: 'bench-token',
            baseUrl: server.url,
            retries: scenario.retries,
            retryDelayMs: 5,
            requestTimeoutMs: 250,
            maxWaitMs: 2000,
            log,
          });
      try {
        const outcome = await postResults({
          client,
          repository: REPOSITORY,
          resultsBytes: bytes,
          results: parseResults(bytes, 'bench'),
          signature,
          checkName: 'local-ci',
          signerFingerprint: key.fingerprint,
          signingKeyId: key.signingKeyId,
          log,
        });
        posted.push({ commit, id: outcome.checkRunId });
        attempts.push(outcome.attempts);
      } catch {
        failed++;
      }
    }
  }
  await Promise.all(Array.from({ length: scenario.concurrency }, worker));
  const wallMs = performance.now() - started;
  const faults = server.requests.filter((request) => request.fault).length;
  const requests = server.requests.length;

  // Read back without faults: count duplicates and posts that are absent or do not verify.
  server.setFaults(undefined);
  const stored = server.checkRuns();
  const perCommit = new Map<string, number>();
  for (const run of stored) perCommit.set(run.head_sha, (perCommit.get(run.head_sha) ?? 0) + 1);
  const duplicates = [...perCommit.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  const reader = createGitHubClient({
    token: 'bench-token',
    baseUrl: server.url,
    retries: 3,
    retryDelayMs: 5,
    requestTimeoutMs: 2000,
    log,
  });
  let lost = 0;
  for (const { commit, id } of posted) {
    const runs =
      (await readCheckRuns({ client: reader, repository: REPOSITORY, sha: commit, checkNames: ['local-ci'] })).get(
        'local-ci',
      ) ?? [];
    const run = runs.find((candidate) => candidate.id === id);
    if (!run) {
      lost++;
      continue;
    }
    const block = decodeEmbeddedBlock(run.text ?? '');
    const report = await verifyResults({
      resultsBytes: block.resultsBytes,
      signature: block.signature,
      keyring: ring,
      expected: { repository: REPOSITORY, sha: commit },
      policy: { allowUnsigned: false, maxFailedTests: 0, minCoverage: null, minTests: 1, maxAgeSeconds: 3600 },
      now: new Date(),
      source: `check run ${id}`,
    });
    if (!report.verified) lost++;
  }
  await server.close();
  return { scenario, succeeded: posted.length, failed, duplicates, lost, attempts, wallMs, requests, faults };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const generated = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name: 'bench' }],
    format: 'armored',
    config: { v6Keys: false, aeadProtect: false },
  });
  const key = await loadPrivateKey(generated.privateKey, '');
  const ring = await loadTrustedKeys([generated.publicKey]);
  const faults = (rate: number, seed: number) => ({ faults: { rate, seed, kinds: FAULT_KINDS, retryAfterSeconds: 0 } });
  const scenarios: Scenario[] = [
    { name: 'no faults', posts: POSTS, concurrency: 10, retries: 3, server: {} },
    {
      name: '10% transient faults, retries 3 (default)',
      posts: POSTS,
      concurrency: 10,
      retries: 3,
      server: faults(0.1, 11),
    },
    {
      name: '25% transient faults, retries 3 (default)',
      posts: POSTS,
      concurrency: 10,
      retries: 3,
      server: faults(0.25, 25),
    },
    { name: '25% transient faults, retries 5', posts: POSTS, concurrency: 10, retries: 5, server: faults(0.25, 25) },
    ...[CONCURRENT, 200].map((posters) => ({
      name: `${posters} concurrent posters, 20 writes/s limit, default settings`,
      posts: posters,
      concurrency: posters,
      retries: 3,
      defaults: true,
      server: { contentCreationLimit: { max: 20, windowMs: 1000 }, latencyMs: 2 },
    })),
  ];
  // Warm-up (JIT, connection pools) so the first measured scenario is not charged for it.
  await runScenario({ name: 'warm-up', posts: 100, concurrency: 10, retries: 3, server: {} }, key, ring);
  const outcomes: Outcome[] = [];
  for (const scenario of scenarios) {
    process.stdout.write(`running: ${scenario.name} (${scenario.posts} posts, ${scenario.concurrency} at a time)...\n`);
    outcomes.push(await runScenario(scenario, key, ring));
  }
  const baseline = outcomes[0].wallMs / outcomes[0].scenario.posts;
  const header =
    '| scenario | posts | success | duplicates | lost | attempts p50 / p95 / max | requests (faulted) | wall time | ms per post (vs no faults) |\n| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |';
  const rows = outcomes.map((outcome) => {
    const perPost = outcome.wallMs / outcome.scenario.posts;
    const rate = ((100 * outcome.succeeded) / outcome.scenario.posts).toFixed(2);
    return `| ${outcome.scenario.name} | ${outcome.scenario.posts} | ${rate}% | ${outcome.duplicates} | ${outcome.lost} | ${percentile(outcome.attempts, 50)} / ${percentile(outcome.attempts, 95)} / ${Math.max(0, ...outcome.attempts)} | ${outcome.requests} (${outcome.faults}) | ${(outcome.wallMs / 1000).toFixed(1)} s | ${perPost.toFixed(1)} (${(perPost / baseline).toFixed(1)}x) |`;
  });
  const table = [header, ...rows].join('\n');
  process.stdout.write(`\n${table}\n`);

  const section = [
    '## Reliability of post',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine (Node ${process.version}), one run of`,
    '`npm run bench:reliability`. Each post signs fresh results, posts them through the GitHub API test server',
    '(real HTTP on 127.0.0.1) with the given share of requests failing transiently (every kind, mixed: 5xx, HTML 502,',
    'connection reset, hang past the request timeout, 429, secondary and primary rate limits, and writes that commit while',
    'their response is lost), then every post is read back and verified. Short delays: retry delay 5 ms, request timeout',
    '250 ms, retry-after 0. Success = the post reported success; lost = reported posted but absent or not verifiable;',
    'duplicates = extra check runs for one (commit, name, digest). `retries` counts failures (5xx, timeouts, resets);',
    'rate-limit answers (429, rate-limit 403s) are budgeted by total waiting time (`rate-limit-wait`, default 10m).',
    "The concurrent scenarios start every poster at once and use the client's defaults (retries 3, retry delay 2 s,",
    'request timeout 30 s, rate-limit-wait 10m) against a content-creation limit scaled down to 20 writes a second,',
    'answered with `retry-after` as the test server does; no time scale is used.',
    'A 100-post warm-up runs first and is not reported.',
    '',
    table,
    '',
    'Goals: >= 99.9% at 10%, >= 99% at 25%, 0 duplicates, 0 lost.',
    '',
  ].join('\n');
  writeBenchmarkSection(OUTPUT, '## Reliability of post', section);
  process.stdout.write(`\nwrote ${OUTPUT}\n`);
}

runBenchmark(main);
