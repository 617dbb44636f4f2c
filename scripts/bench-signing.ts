// Signing and verification speed (not part of the test run): ours (openpgp.js, format 'binary') side by side
// with openpgp.js's default format and with GnuPG, on the same keys and data, in one run.
//   npm run bench:signing [-- --write FILE]
//   rewrites its section of FILE, docs/benchmarks.md when --write is not given
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKeys,
  signDetached,
  verifyDetached,
} from '../packages/signing/src/index.js';
import { benchFailure, outputDocument, runBenchmark, writeSection } from './bench-util.js';

const OUTPUT = outputDocument();

function results(bytes: number): Uint8Array {
  // Each failure is about the same size, so the count can be computed instead of searched for.
  const count = Math.max(1, Math.round(bytes / Buffer.byteLength(JSON.stringify(benchFailure(100000), null, 2))));
  const failures = Array.from({ length: count }, (_, index) => benchFailure(index));
  return Buffer.from(
    JSON.stringify(
      {
        version: 1,
        repository: 'bench/bench',
        commit: 'a'.repeat(40),
        conclusion: 'failure',
        tests: { passed: 1, failed: count, skipped: 0 },
        failures,
      },
      null,
      2,
    ),
  );
}

async function median(runs: number, task: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'ci-signing-bench-gpg-'));
  try {
    const rows: string[] = [];
    for (const algorithm of ['ed25519', 'rsa4096'] as const) {
      const pair = await generateKeyPair({ name: 'bench', email: 'bench@example.com', expiresInSeconds: 0, algorithm });
      const key = await loadPrivateKey(pair.privateKey, '');
      const ring = await loadTrustedKeys([pair.publicKey]);
      const publicKey = await openpgp.readKey({ armoredKey: pair.publicKey });
      execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import'], {
        input: pair.publicKey,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      for (const size of [2_000, 1_000_000, 10_000_000]) {
        const data = results(size);
        const runs = size > 1_000_000 ? 5 : 21;
        const signature = await signDetached(data, key);
        const dataFile = join(home, 'data.json');
        writeFileSync(dataFile, data);
        writeFileSync(`${dataFile}.asc`, signature);
        const sign = await median(runs, () => signDetached(data, key));
        const verify = await median(runs, () => verifyDetached(data, signature, ring));
        const verifyDefault = await median(runs, async () => {
          const result = await openpgp.verify({
            message: await openpgp.createMessage({ binary: data }),
            signature: await openpgp.readSignature({ armoredSignature: signature }),
            verificationKeys: publicKey,
          });
          await result.signatures[0].verified;
        });
        const gpg = await median(runs, () => {
          const run = spawnSync(
            'gpg',
            ['--homedir', home, '--batch', '--status-fd', '1', '--verify', `${dataFile}.asc`, dataFile],
            { encoding: 'utf8' },
          );
          if (!run.stdout.includes('VALIDSIG')) throw new Error('gpg did not verify the benchmark signature');
        });
        const label =
          data.length >= 1_000_000
            ? `${(data.length / 1_000_000).toFixed(1)} MB`
            : `${(data.length / 1000).toFixed(1)} KB`;
        rows.push(
          `| ${algorithm} | ${label} | ${sign.toFixed(1)} | ${verify.toFixed(1)} | ${verifyDefault.toFixed(1)} (${(verifyDefault / verify).toFixed(1)}x) | ${gpg.toFixed(1)} (${(gpg / verify).toFixed(1)}x) |`,
        );
        process.stdout.write(`${rows[rows.length - 1]}\n`);
      }
    }
    const section = [
      '## Signing and verifying',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine (Node ${process.version}, ${spawnSync('gpg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}), one run of`,
      '`npm run bench:signing`. Median milliseconds of 21 runs (5 for 10 MB) over ci-results files of the given size.',
      '"ours" is `signDetached` / `verifyDetached` (openpgp.js with `format: \'binary\'`, plus our key and hash policy);',
      '"default format" is a bare `openpgp.verify` without `format: \'binary\'`; gpg is `gpg --verify` as a process',
      '(including its start-up). Ratios are against our verify.',
      '',
      '| key | results | sign (ms) | verify, ours (ms) | verify, openpgp default format (ms) | gpg --verify (ms) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    writeSection(OUTPUT, '## Signing and verifying', section);
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
    rmSync(home, { recursive: true, force: true });
  }
}

runBenchmark(main);
