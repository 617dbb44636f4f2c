// ci-signing: keygen, collect, run, sign, verify and post for machines outside GitHub Actions.
// Exit codes: 0 ok, 1 an operation or verification failed, 2 usage error.
import type { ParseArgsConfig } from 'node:util';
import { CiSigningError, describeError, UsageError } from '../../errors/src/index.js';
import { nearest, parseFlags, type Values } from './args.js';
import { COMMANDS, type CommandName } from './flags.js';

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
  if (!(command in COMMANDS)) {
    const guess = nearest(command, Object.keys(COMMANDS));
    const known = `Use one of ${Object.keys(COMMANDS).join(', ')}; see ci-signing --help.`;
    const fix = `${guess ? `Did you mean ci-signing ${guess}? ` : ''}${known}`;
    io.stderr(`ci-signing: ${new UsageError(`unknown command '${command}'`, fix).toLine()}\n`);
    return 2;
  }
  const name = command as CommandName;
  let values: Values;
  let positionals: string[];
  const takesPositionals = 'positionals' in COMMANDS[name] && COMMANDS[name].positionals === true;
  try {
    ({ values, positionals } = parseFlags(
      name,
      rest,
      COMMANDS[name].options as NonNullable<ParseArgsConfig['options']>,
      takesPositionals,
    ));
  } catch (error) {
    io.stderr(`ci-signing: ${describeError(error)}\n`);
    return 2;
  }
  if (takesPositionals && positionals.length > 0 && !rest.includes('--')) {
    io.stderr(
      `ci-signing: USAGE: ${name} takes its command after --. Fix: ci-signing ${name} [flags] -- COMMAND [ARGS...].\n`,
    );
    return 2;
  }
  if (values.help) {
    const { helpFor } = await import('./help.js');
    io.stdout(helpFor(name));
    return 0;
  }
  try {
    // Only a command that runs loads its operation (OpenPGP, the GitHub client).
    const { runCommand } = await import('./commands.js');
    return await runCommand(name, values, io, positionals);
  } catch (error) {
    io.stderr(`ci-signing: ${describeError(error)}\n`);
    if (error instanceof UsageError || (error instanceof CiSigningError && error.kind === 'usage')) return 2;
    return 1;
  }
}
