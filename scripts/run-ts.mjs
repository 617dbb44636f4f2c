#!/usr/bin/env node
// Bundles a TypeScript script with ncc into lib/ (ignored by git) and runs it: used for the demo and benchmarks,
// which start the in-repo GitHub API test server.   Usage: node scripts/run-ts.mjs scripts/demo.ts [args...]
import { execFileSync, spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
const out = join(root, 'lib', basename(script, '.ts'));
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    resolve(script),
    '-o',
    out,
    '-q',
    '--transpile-only',
    '--target',
    'es2022',
  ],
  { stdio: 'inherit', cwd: root },
);
writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
const run = spawnSync(process.execPath, [join(out, 'index.js'), ...args], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
