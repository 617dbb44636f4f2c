// The catalogue of error codes cannot rot: one owner per code, a well-formed name, and a use in the sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, type ErrorCodePackage } from '../src/codes.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PACKAGES = Object.keys(ERROR_CODES) as ErrorCodePackage[];

/** The TypeScript sources of one folder, tests and the catalogue itself left out. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'codes.ts')
    .filter((file) => !file.split(/[\\/]/).includes('__tests__'))
    .map((file) => readFileSync(join(folder, file), 'utf8'));
}

/** Sources that could raise a code: every package, and the actions. */
const ALL_SOURCES = [
  ...readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'src')),
  join(ROOT, 'actions'),
]
  .flatMap(sources)
  .join('\n');

test('no code is listed by two packages: one condition, one code', () => {
  const owners = new Map<string, string[]>();
  for (const name of PACKAGES) {
    for (const code of ERROR_CODES[name]) owners.set(code, [...(owners.get(code) ?? []), name]);
  }
  const shared = [...owners]
    .filter(([, names]) => names.length > 1)
    .map(([code, names]) => `${code}: ${names.join(', ')}`);
  expect(shared).toEqual([]);
});

test.each(PACKAGES)('every code of %s is an upper-case name', (name) => {
  for (const code of ERROR_CODES[name]) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
});

test.each(PACKAGES)('every code of %s is used in its own sources', (name) => {
  const own = sources(join(ROOT, 'packages', name, 'src')).join('\n');
  const unused = ERROR_CODES[name].filter((code) => !own.includes(`'${code}'`));
  expect(unused).toEqual([]);
});

test('every quoted code the sources raise is in the catalogue', () => {
  const listed = new Set<string>(PACKAGES.flatMap((name) => ERROR_CODES[name]));
  const raised = [...ALL_SOURCES.matchAll(/new (?:CiSigningError|GitHubRequestError)\(\s*'([A-Z][A-Z0-9_]+)'/g)].map(
    (match) => match[1],
  );
  expect(raised.length).toBeGreaterThan(50);
  expect(raised.filter((code) => !listed.has(code))).toEqual([]);
});
