// Every `default:` of every action.yml comes from packages/defaults, so a default changed in one place only
// fails here. Inputs the module does not list must default to '' (not set).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTION_DEFAULTS, DEFAULTS } from '../packages/defaults/src/index.js';
import { DEFAULT_POLICY_INPUTS, buildPolicy } from '../packages/verifier/src/index.js';
import { COMMANDS } from '../packages/cli/src/index.js';

const ROOT = join(import.meta.dirname, '..');
const ACTIONS = ['action.yml', 'sign/action.yml', 'post/action.yml', 'verify/action.yml'];

interface ActionInput {
  default?: unknown;
  required?: boolean;
}

function inputsOf(file: string): Record<string, ActionInput> {
  return (parse(readFileSync(join(ROOT, file), 'utf8')) as { inputs?: Record<string, ActionInput> }).inputs ?? {};
}

/** What a default must be, by the defaults module. */
function expectedDefault(name: string, file = ''): string {
  const action = file.includes('/') ? file.split('/')[0] : 'root';
  const override = ACTION_DEFAULTS[action]?.[name];
  if (override !== undefined) return override;
  return name in DEFAULTS ? DEFAULTS[name as keyof typeof DEFAULTS] : '';
}

describe.each(ACTIONS)('%s', (file) => {
  const inputs = Object.entries(inputsOf(file)).filter(([, input]) => input.default !== undefined);

  test.each(inputs)('input %s defaults as packages/defaults says', (name, input) => {
    expect(String(input.default)).toBe(expectedDefault(name, file));
  });
});

test('the check finds a default edited in an action.yml alone', () => {
  const edited = readFileSync(join(ROOT, 'post/action.yml'), 'utf8').replace(/(retries:[\s\S]*?default: )'3'/, "$1'5'");
  const retries = (parse(edited) as { inputs: Record<string, ActionInput> }).inputs.retries;
  expect(String(retries.default)).toBe('5');
  expect(String(retries.default)).not.toBe(expectedDefault('retries'));
});

test('the policy every empty input gives is the one the defaults describe', () => {
  expect(buildPolicy({})).toEqual(buildPolicy(DEFAULT_POLICY_INPUTS));
  expect(buildPolicy({})).toEqual({
    allowUnsigned: false,
    maxFailedTests: Number(DEFAULTS['max-failed-tests']),
    minCoverage: null,
    minTests: Number(DEFAULTS['min-tests']),
    maxAgeSeconds: null,
  });
});

test('the CLI help states the defaults of the module', () => {
  const described = (command: keyof typeof COMMANDS, flag: string) =>
    (COMMANDS[command].options as Record<string, { description: string }>)[flag].description;
  for (const [command, flag] of [
    ['post', 'retries'],
    ['post', 'retry-delay'],
    ['post', 'request-timeout'],
    ['post', 'check-name'],
    ['verify', 'check-name'],
    ['verify', 'min-tests'],
    ['verify', 'max-failed-tests'],
    ['keygen', 'expires'],
    ['keygen', 'algorithm'],
  ] as const) {
    expect(described(command, flag)).toContain(`default ${DEFAULTS[flag]}`);
  }
});

test('the root composite leaves post settings to the bundle', () => {
  const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  for (const name of ['RETRIES', 'RETRY-DELAY', 'REQUEST-TIMEOUT']) expect(text).toContain(`INPUT_${name}: ''`);
});
