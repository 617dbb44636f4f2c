// The one duration grammar: max-age, keygen --expires, wait-timeout, wait-interval and rate-limit-wait.
import { UsageError } from '../../errors/src/index.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const GRAMMAR = /^(\d+\s*[smhdwy]\s*)+$/;

export interface DurationOptions {
  /** The input or flag, named in messages. */
  name: string;
  /** Accept `0` as zero seconds (no wait, a key that never expires). */
  zeroAllowed?: boolean;
  /** An example for the fix. */
  example?: string;
}

/**
 * parseDuration's grammar plus the unit `ms`, in milliseconds. Only for waits that tests need to run
 * short (wait-interval, wait-timeout); ages and expiries stay in whole seconds.
 */
export function parseDurationMs(value: string, options: DurationOptions): number {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)\s*ms/g)];
  const rest = text.replace(/(\d+)\s*ms/g, '').trim();
  if (parts.length === 0) return parseDuration(value, options) * 1000;
  const ms =
    parts.reduce((sum, [, amount]) => sum + Number(amount), 0) +
    (rest ? parseDuration(rest, { ...options, zeroAllowed: true }) * 1000 : 0);
  if (ms === 0 && !options.zeroAllowed) {
    throw new UsageError(
      `${options.name} "${value}" must be longer than 0.`,
      `Set ${options.name} to e.g. ${options.example ?? '15s'}.`,
    );
  }
  return ms;
}

/**
 * `90s`, `30m`, `24h`, `7d`, `2w`, `1y`, also combined (`1d 12h`) -> seconds. A year is 365 days.
 * `0` is zero seconds where allowed. Empty text is the caller's concern (it usually means "the default").
 */
export function parseDuration(value: string, options: DurationOptions): number {
  const text = value.trim().toLowerCase();
  const example = options.example ?? '15m, 24h or 7d';
  if (options.zeroAllowed && text === '0') return 0;
  if (!GRAMMAR.test(text)) {
    throw new UsageError(
      `${options.name} "${value}" is not a duration: use whole numbers with a unit s, m, h, d, w or y.`,
      `Set ${options.name} to e.g. ${example}${options.zeroAllowed ? ', or 0' : ''}.`,
    );
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)\s*([smhdwy])/g)) seconds += Number(amount) * UNIT_SECONDS[unit];
  if (!Number.isSafeInteger(seconds) || (seconds === 0 && !options.zeroAllowed)) {
    throw new UsageError(
      `${options.name} "${value}" must be longer than 0 and reasonably bounded.`,
      `Set ${options.name} to e.g. ${example}.`,
    );
  }
  return seconds;
}

/** Seconds as `2d 3h`, `1h 30m`, `45s`: non-zero units, largest first. */
export function formatSeconds(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
