export { verifyResults, unreadReport, CHECK_TITLES, UNREAD_TITLES } from './run-checks.js';
export { renderVerificationSummary, type VerificationSummaryEntry } from './summary.js';
export {
  buildPolicy,
  DEFAULT_POLICY_INPUTS,
  parseAllowUnsigned,
  parseMaxAge,
  parsePercentOrEmpty,
} from './policy-inputs.js';
export type { RawPolicyInputs } from './policy-inputs.js';
export { CHECK_IDS, UNREAD_IDS } from './types.js';
export type {
  CheckId,
  CheckOutcome,
  CheckStatus,
  Unread,
  UnreadId,
  VerificationReport,
  VerifyInput,
  VerifyPolicy,
} from './types.js';
