export { verifyResults, CHECK_TITLES } from './verify.js';
export { renderVerificationSummary, type VerificationSummaryEntry } from './summary.js';
export { buildPolicy, DEFAULT_POLICY_INPUTS, parseAllowUnsigned, parseMaxAge, parsePercentOrEmpty } from './policy.js';
export type { RawPolicyInputs } from './policy.js';
export { CHECK_IDS } from './types.js';
export type { CheckId, CheckOutcome, CheckStatus, VerificationReport, VerifyInput, VerifyPolicy } from './types.js';
