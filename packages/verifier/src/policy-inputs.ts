// Turns the verify inputs (action inputs and CLI flags share names and strings) into a VerifyPolicy.
// Bad values are usage errors naming the input, so the CLI exits 2 and the action says which input is wrong.
import { UsageError } from '../../errors/src/index.js';
import { parseDuration, parseNonNegativeInteger } from '../../common/src/index.js';
import { DEFAULTS, withDefault } from '../../defaults/src/index.js';
import type { VerifyPolicy } from './types.js';

/** max-age: a duration in the one grammar; '' -> null (no limit). */
export function parseMaxAge(value: string, name = 'max-age'): number | null {
  if (value.trim() === '') return null;
  return parseDuration(value, { name, example: '24h, 7d or 30m, or leave it empty for no limit' });
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
    `${name} "${value}" must be false, true or a date YYYY-MM-DD (unsigned results accepted through the end of ` +
      `that day, UTC).`,
    `Set ${name} to false (the default), true, or a real date such as 2030-01-31.`,
  );
}

/** A percentage 0-100 (a trailing % is allowed), or '' -> null (not checked). */
export function parsePercentOrEmpty(name: string, value: string): number | null {
  const text = value.trim().replace(/%$/, '').trim();
  if (text === '') return null;
  const number = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || number > 100) {
    throw new UsageError(
      `${name} "${value}" must be a percentage from 0 to 100, e.g. 80 or 72.5.`,
      `Set ${name} to a number from 0 to 100, or leave it empty for no coverage check.`,
    );
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

/** Absent or empty values take their DEFAULTS, the ones verify/action.yml declares. */
export function buildPolicy(raw: RawPolicyInputs): VerifyPolicy {
  return {
    allowUnsigned: parseAllowUnsigned(withDefault('allow-unsigned', raw.allowUnsigned)),
    maxFailedTests: parseNonNegativeInteger('max-failed-tests', withDefault('max-failed-tests', raw.maxFailedTests)),
    minCoverage: parsePercentOrEmpty('min-coverage', withDefault('min-coverage', raw.minCoverage)),
    minTests: parseNonNegativeInteger('min-tests', withDefault('min-tests', raw.minTests)),
    maxAgeSeconds: parseMaxAge(withDefault('max-age', raw.maxAge)),
  };
}

/** The policy every empty input gives. */
export const DEFAULT_POLICY_INPUTS: RawPolicyInputs = {
  allowUnsigned: DEFAULTS['allow-unsigned'],
  maxFailedTests: DEFAULTS['max-failed-tests'],
  minCoverage: DEFAULTS['min-coverage'],
  minTests: DEFAULTS['min-tests'],
  maxAge: DEFAULTS['max-age'],
};
