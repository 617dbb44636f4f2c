// scripts/side-effect-free.mjs: the build marks audited dependencies side-effect free for the bundler, and stops
// on any version nobody has read.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/processes.js';
// @ts-expect-error: a plain .mjs build script without types.
import { AUDITED, markSideEffectFree } from '../scripts/side-effect-free.mjs';

const audited = AUDITED as Record<string, string[]>;
let root: string;

function install(version: string, extra: Record<string, unknown> = {}): string {
  const folder = join(root, 'node_modules', '@actions', 'core');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'package.json');
  writeFileSync(file, JSON.stringify({ name: '@actions/core', version, type: 'module', ...extra }));
  return file;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ci-signing-side-effects-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the installed @actions/core is an audited version (a bump stops the build until it is read)', () => {
  const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@actions', 'core', 'package.json'), 'utf8'));
  expect(audited['@actions/core']).toContain(installed.version);
});

test('an audited version is marked side-effect free, and everything else in its manifest is kept', () => {
  const file = install(audited['@actions/core'][0], { exports: { '.': './lib/core.js' } });
  markSideEffectFree(root);
  const marked = JSON.parse(readFileSync(file, 'utf8'));
  expect(marked).toMatchObject({ sideEffects: false, exports: { '.': './lib/core.js' }, type: 'module' });
  const once = readFileSync(file, 'utf8');
  markSideEffectFree(root);
  expect(readFileSync(file, 'utf8')).toBe(once);
});

test('a version nobody has read stops the build and says what to do', () => {
  const file = install('99.0.0');
  expect(() => markSideEffectFree(root)).toThrow(/@actions\/core 99\.0\.0 is not among the versions read.*AUDITED/);
  expect(JSON.parse(readFileSync(file, 'utf8')).sideEffects).toBeUndefined();
});
