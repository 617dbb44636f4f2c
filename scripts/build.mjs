#!/usr/bin/env node
// Bundles each action and the CLI with ncc into dist/<name>/ (committed; actions run it as-is).
// Usage: node scripts/build.mjs [--out DIR]   (DIR defaults to dist; the dist-is-current test builds elsewhere)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRIES = {
  sign: 'actions/sign/index.ts',
  post: 'actions/post/index.ts',
  verify: 'actions/verify/index.ts',
  cli: 'packages/cli/src/bin.ts',
};

const outFlag = process.argv.indexOf('--out');
const outRoot = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

// The results validator is precompiled from the schema (nothing compiles at start-up); refuse to bundle a stale one.
execFileSync(process.execPath, [join(root, 'scripts', 'generate-validator.mjs'), '--check'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

for (const [name, entry] of Object.entries(ENTRIES)) {
  const out = join(outRoot, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, [ncc, 'build', join(root, entry), '-o', out, '-q', '--transpile-only', '--license', 'licenses.txt', '--target', 'es2022', '--minify'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // ncc's ESM output only runs beside a package.json that says "module".
  writeFileSync(join(out, 'package.json'), '{\n  "type": "module"\n}\n');
  if (name === 'cli') {
    const file = join(out, 'index.js');
    const code = readFileSync(file, 'utf8');
    if (!code.startsWith('#!')) writeFileSync(file, `#!/usr/bin/env node\n${code}`);
    chmodSync(file, 0o755);
  }
}
