// Turns the verify inputs (action inputs and CLI flags share names and strings) into a VerifyPolicy.
// Bad values are usage errors naming the input, so the CLI exits 2 and the action says which input is wrong.
import { UsageError } from '../../errors/src/index.js';
import type { VerifyPolicy } from './types.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `24h`, `7d`, `30m`, `90s`, `2w`, also combined (`1d 12h`) -> seconds; '' -> null (no limit). */
export function parseDuration(value: string, name = 'max-age'): number | null {
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (!/^(\d+\s*[smhdw]\s*)+$/.test(text)) {
    throw new UsageError(
      `${name} "${value}" is not a duration: use whole numbers with a unit s, m, h, d or w, e.g. 24h or 7d.`,
      `Set ${name} to e.g. 24h, 7d or 30m, or leave it empty for no limit.`,
    );
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)\s*([smhdw])/g)) seconds += Number(amount) * UNIT_SECONDS[unit];
  if (seconds === 0 || !Number.isSafeInteger(seconds)) {
    throw new UsageError(`${name} "${value}" must be longer than 0 and reasonably bounded.`, `Set ${name} to e.g. 24h or 7d, or leave it empty for no limit.`);
  }
  return seconds;
}

/**
 * 'false' | '' -> false, 'true' -> true, 'YYYY-MM-DD' -> that UTC calendar day (midnight UTC); the verifier
 * accepts unsigned results through the end of that day.
 */
export function parseAllowUnsigned(value: string, name = 'allow-unsigned'): boolean | Date {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2025-02-30 over to March; a real calendar day round-trips.
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
  }
  throw new UsageError(
    `${name} "${value}" must be false, true or a date YYYY-MM-DD (unsigned results accepted through the end of that day, UTC).`,
    `Set ${name} to false (the default), true, or a real date such as 2030-01-31.`,
  );
}

/** A whole number >= 0, e.g. max-failed-tests or min-tests. */
export function parseNonNegativeInteger(name: string, value: string): number {
  const text = value.trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number)) {
    throw new UsageError(`${name} "${value}" must be a whole number 0 or greater.`, `Set ${name} to a whole number such as 0 or 1.`);
  }
  return number;
}

/** A percentage 0-100 (a trailing % is allowed), or '' -> null (not checked). */
export function parsePercentOrEmpty(name: string, value: string): number | null {
  const text = value.trim().replace(/%$/, '').trim();
  if (text === '') return null;
  const number = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || number > 100) {
    throw new UsageError(`${name} "${value}" must be a percentage from 0 to 100, e.g. 80 or 72.5.`, `Set ${name} to a number from 0 to 100, or leave it empty for no coverage check.`);
  }
  return number;
}

export interface RawPolicyInputs {
  allowUnsigned?: string;
  maxFailedTests?: string;
  minCoverage?: string;
  minTests?: string;
  maxAge?: string;
}

/** Defaults (for absent or empty values) match verify/action.yml: false, 0, none, 1, none. */
export function buildPolicy(raw: RawPolicyInputs): VerifyPolicy {
  const orDefault = (value: string | undefined, fallback: string): string => (value === undefined || value.trim() === '' ? fallback : value);
  return {
    allowUnsigned: parseAllowUnsigned(raw.allowUnsigned ?? ''),
    maxFailedTests: parseNonNegativeInteger('max-failed-tests', orDefault(raw.maxFailedTests, '0')),
    minCoverage: parsePercentOrEmpty('min-coverage', raw.minCoverage ?? ''),
    minTests: parseNonNegativeInteger('min-tests', orDefault(raw.minTests, '1')),
    maxAgeSeconds: parseDuration(raw.maxAge ?? ''),
  };
}

/** Seconds as `2d 3h`, `1h 30m`, `45s`: non-zero units, largest first. */
export function formatSeconds(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
