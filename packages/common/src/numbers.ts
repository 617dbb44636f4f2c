// Whole-number inputs (max-failed-tests, min-tests, retries): one grammar, usage errors naming the input.
import { UsageError } from '../../errors/src/index.js';

/** A whole number >= 0, optionally at most `max`. */
export function parseNonNegativeInteger(name: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const text = value.trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number)) {
    throw new UsageError(
      `${name} "${value}" must be a whole number 0 or greater.`,
      `Set ${name} to a whole number such as 0 or 1.`,
    );
  }
  if (number > max)
    throw new UsageError(`${name} "${value}" must be a whole number from 0 to ${max}.`, `Set ${name} to e.g. 3.`);
  return number;
}
