// Refusals of collect: kind 'input', one line naming the file, and a fix.
import { CiSigningError, type CollectErrorCode } from '../../errors/src/index.js';

export const FORMATS_FIX =
  'Point the pattern at JUnit XML, lcov, Cobertura XML, JaCoCo XML, Istanbul coverage-summary.json, ' +
  'coverage.py\'s coverage json or a Go coverprofile (see docs/results-format.md, "From your test reports").';

export function refuse(code: CollectErrorCode, message: string, fix: string): CiSigningError {
  return new CiSigningError(code, message, fix, 'input');
}
