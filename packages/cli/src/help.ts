import { COMMANDS, type CommandName } from './flags.js';

export function mainHelp(): string {
  const lines = ['Usage: ci-signing <command> [flags]', '', 'Commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${command.summary}`);
  lines.push(
    '',
    'Run ci-signing <command> --help for its flags.',
    'Exit codes: 0 ok, 1 operation or verification failed, 2 usage error.',
    '',
  );
  return lines.join('\n');
}

export function helpFor(name: CommandName): string {
  const command = COMMANDS[name];
  const usage = 'positionals' in command && command.positionals ? ' -- COMMAND [ARGS...]' : '';
  const lines = [`Usage: ci-signing ${name} [flags]${usage}`, '', command.summary, '', 'Flags:'];
  for (const [flag, spec] of Object.entries(command.options) as [
    string,
    { type: string; description: string; value?: string; short?: string },
  ][]) {
    const left = `--${flag}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    lines.push(`  ${left.padEnd(32)} ${spec.description}`);
  }
  lines.push('', 'Exit codes: 0 ok, 1 operation or verification failed, 2 usage error.', '');
  return lines.join('\n');
}
