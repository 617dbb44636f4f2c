// ci-signing: keygen, sign, verify and post for machines outside GitHub Actions.
// Exit codes: 0 ok, 1 an operation or verification failed, 2 usage error.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CiSigningError, describeError, UsageError } from '../../errors/src/index.js';
import type { CommandName } from './commands.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version') {
    io.stdout('ci-signing 2.0.0\n');
    return 0;
  }
  // Loaded at the point of use (the bundle splits here): help needs only the help text, a command its operation.
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const { mainHelp } = await import('./help.js');
    io.stdout(mainHelp());
    return command ? 0 : 2;
  }
  const [{ helpFor }, { runCommand, COMMANDS }] = await Promise.all([import('./help.js'), import('./commands.js')]);
  if (!(command in COMMANDS)) {
    io.stderr(`ci-signing: USAGE: unknown command '${command}'. Fix: use one of ${Object.keys(COMMANDS).join(', ')}; see ci-signing --help.\n`);
    return 2;
  }
  const name = command as CommandName;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: COMMANDS[name].options as ParseArgsConfig['options'], strict: true, allowPositionals: false }));
  } catch (error) {
    io.stderr(`ci-signing: USAGE: ${(error as Error).message.split('\n')[0]} Fix: see ci-signing ${name} --help.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(helpFor(name));
    return 0;
  }
  try {
    return await runCommand(name, values, io);
  } catch (error) {
    io.stderr(`ci-signing: ${describeError(error)}\n`);
    if (error instanceof UsageError || (error instanceof CiSigningError && error.kind === 'usage')) return 2;
    return 1;
  }
}

