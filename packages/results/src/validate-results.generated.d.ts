// Types for the generated standalone validator (scripts/generate-validator.mjs).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export { validate };
export default validate;
