import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECKS_EXTRACT } from '../src/index.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const script = join(root, 'scripts', 'extract-openapi.mjs');
const committed = join(root, 'packages', 'github-api-server', 'openapi', 'checks-extract.json');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'checks-extract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keysEverywhere(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => keysEverywhere(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      found.add(key);
      keysEverywhere(value, found);
    }
  }
  return found;
}

test('the committed extract is exactly what scripts/extract-openapi.mjs makes from @octokit/openapi now', () => {
  const out = join(dir, 'fresh.json');
  execFileSync(process.execPath, [script, '--out', out], { cwd: root, stdio: 'pipe' });
  expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
  expect(spawnSync(process.execPath, [script, '--check'], { cwd: root }).status).toBe(0);
});

test('--check fails on a stale extract and names the fix', () => {
  const stale = join(dir, 'stale.json');
  writeFileSync(stale, '{}\n');
  const result = spawnSync(process.execPath, [script, '--check', '--out', stale], { cwd: root, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('is stale; run: node scripts/extract-openapi.mjs');
});

test('the extract is plain JSON Schema: $refs resolved, OpenAPI-only keywords gone, nullable as a null type', () => {
  const keys = keysEverywhere(CHECKS_EXTRACT);
  for (const key of ['nullable', 'example', 'examples', 'discriminator']) expect(keys.has(key)).toBe(false);
  expect([...keys].filter((key) => key.startsWith('x-'))).toEqual([]);
  const refs = JSON.stringify(CHECKS_EXTRACT).match(/"\$ref":"[^"]+"/g) ?? [];
  expect(new Set(refs)).toEqual(new Set(['"$ref":"#/schemas/check-run"', '"$ref":"#/schemas/check-annotation"']));
  const checkRun = CHECKS_EXTRACT.schemas['check-run'];
  expect(checkRun.required).toEqual(
    expect.arrayContaining([
      'id',
      'node_id',
      'head_sha',
      'external_id',
      'url',
      'html_url',
      'details_url',
      'status',
      'conclusion',
      'started_at',
      'completed_at',
      'output',
      'name',
      'check_suite',
      'app',
      'pull_requests',
    ]),
  );
  expect(checkRun.properties.conclusion.type).toEqual(['string', 'null']);
  expect(checkRun.properties.conclusion.enum).toContain(null);
  expect(CHECKS_EXTRACT.operations['checks/create'].requestBody?.required).toEqual(['name', 'head_sha']);
  expect(
    CHECKS_EXTRACT.operations['checks/create'].requestBody?.properties.output.properties.annotations.maxItems,
  ).toBe(50);
  expect(CHECKS_EXTRACT.source).toMatchObject({ package: '@octokit/openapi', file: 'generated/api.github.com.json' });
});
