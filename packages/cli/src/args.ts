// Flag parsing and its messages: every usage error names the flag and says what to type instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../errors/src/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

const ARMOR = /^-----BEGIN PGP /;

/**
 * parseArgs refuses a value that starts with a dash as ambiguous; armor always does. A string flag followed by
 * armor takes it as its value (`--trusted-keys "$(cat key.asc)"`), as if written with `=`.
 */
function joinArmorValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    // After --, everything belongs to run's command.
    if (arg === '--') return [...joined, ...args.slice(index)];
    const spec = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (spec?.type === 'string' && ARMOR.test(args[index + 1] ?? '')) joined.push(`${arg}=${args[++index]}`);
    else joined.push(arg);
  }
  return joined;
}

/** Edit distance, for "did you mean": flags are short, so the quadratic table is fine. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The nearest candidate, when it is near enough to be a typo (or the typed word is a prefix of it). */
export function nearest(word: string, candidates: string[]): string | undefined {
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = candidate.startsWith(word) || word.startsWith(candidate) ? 1 : distance(word, candidate);
    if (!best || score < best.score) best = { candidate, score };
  }
  return best && best.score <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** parseArgs with strict flags; its errors become one-line UsageErrors that never echo a flag's value. */
export function parseFlags(
  command: string,
  args: string[],
  options: Options,
  allowPositionals = false,
): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: joinArmorValues(args, options), options, strict: true, allowPositionals });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw usageFromParseError(command, error as Error & { code?: string }, options);
  }
}

function usageFromParseError(command: string, error: Error & { code?: string }, options: Options): UsageError {
  const help = `see ci-signing ${command} --help.`;
  const quoted = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // The name only: `--private-key=SECRET` must not put the secret in the log.
    const flag = quoted.split('=')[0];
    const guess = nearest(flag.replace(/^-+/, ''), Object.keys(options));
    const fix = guess ? `Did you mean --${guess}? Or ${help}` : `Use a flag that ${command} knows; ${help}`;
    return new UsageError(`unknown flag ${flag} for ${command}`, fix);
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(error.message)) {
    return new UsageError(
      `the value after ${quoted} starts with a dash, so it reads as another flag`,
      `Join them with '=': ${quoted}="$(cat key.asc)" or ${quoted}=-VALUE.`,
    );
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = quoted || '--flag';
    return new UsageError(`${flag} needs a value`, `Give it one, e.g. ${flag} VALUE; ${help}`);
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    // The usual cause: an unquoted glob that the shell expanded into several arguments.
    const fix =
      `Every value follows its flag, e.g. --results-file FILE; quote a glob so the shell does not expand it ` +
      `(--trusted-keys-file '.github/ci-signing/trusted-keys/*.asc'); ${help}`;
    return new UsageError(`unexpected argument ${quoted}`, fix);
  }
  return new UsageError(error.message.split('\n')[0], help);
}

/** A commit must be named in full: a short sha never matches the results' commit, which reads like a replay. */
export function checkSha(value: string, flag = '--sha'): void {
  if (!value || /^[0-9a-f]{40}$/i.test(value)) return;
  const what = /^[0-9a-f]+$/i.test(value) ? `a short sha (${value.length} hex digits)` : 'not a commit sha';
  throw new UsageError(
    `${flag} '${value}' is ${what}; a full 40-hex commit sha is required`,
    `Pass the full sha, e.g. ${flag} "$(git rev-parse HEAD)".`,
  );
}

/** --min-coverage is a percentage; 0.8 almost always means 80 %, and taking it as 0.8 % would pass anything. */
export function checkPercentage(value: string, flag = '--min-coverage'): void {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number >= 1) return;
  const percent = +(number * 100).toFixed(6);
  throw new UsageError(
    `${flag} ${value} looks like a fraction, but ${flag} is a percentage (0-100), so it would accept ${value} %`,
    `Did you mean ${flag} ${percent}? Give the percentage.`,
  );
}
