// dist/ is committed and run as-is by the actions: it must be exactly what the sources build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './helpers/processes.js';

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(folder, entry)).isFile())
    .sort();
}

describe('dist/', () => {
  let built: string;
  beforeAll(() => {
    built = mkdtempSync(join(tmpdir(), 'ci-signing-dist-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', built], { cwd: ROOT, stdio: 'pipe' });
  }, 300_000);
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  test('is what the sources build (run npm run build and commit dist/ when this fails)', () => {
    const committed = join(ROOT, 'dist');
    expect(listFiles(committed)).toEqual(listFiles(built));
    const stale = listFiles(built).filter(
      (file) => !readFileSync(join(built, file)).equals(readFileSync(join(committed, file))),
    );
    expect(stale.map((file) => relative(built, join(built, file)))).toEqual([]);
  });

  test.each(['sign', 'post', 'verify', 'cli'])('dist/%s runs as an ES module beside its package.json', (name) => {
    // dist/cli's is also the published CLI's manifest (scripts/build.mjs); it says "module" all the same.
    expect(JSON.parse(readFileSync(join(ROOT, 'dist', name, 'package.json'), 'utf8'))).toMatchObject({
      type: 'module',
    });
  });
});
