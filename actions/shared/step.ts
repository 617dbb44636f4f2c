// Glue between the runner and the operations: inputs in, outputs and summary out, one-line failures.
import * as core from '@actions/core';
import { CiSigningError, describeError, UsageError } from '../../packages/errors/src/index.js';

export function input(name: string, options: { trim?: boolean } = {}): string {
  return core.getInput(name, { trimWhitespace: options.trim ?? true });
}

export function requiredInput(name: string): string {
  const value = core.getInput(name);
  if (!value)
    throw new UsageError(
      `input ${name} is required but empty`,
      `Set ${name} in the step's with: block${name === 'private-key' ? ' from a secret' : ''}.`,
    );
  return value;
}

export function booleanInput(name: string): boolean {
  const value = core.getInput(name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError(`input ${name} must be 'true' or 'false', got '${value}'`, `Set ${name} to 'true' or 'false'.`);
}

export async function writeSummary(markdown: string): Promise<void> {
  // Without GITHUB_STEP_SUMMARY (a runner outside Actions), there is nowhere to write it.
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
}

/** Runs a step body; any refusal fails the step with one line and no stack trace. */
export async function runStep(body: () => Promise<void>, onFailure?: (error: unknown) => void): Promise<void> {
  try {
    await body();
  } catch (error) {
    onFailure?.(error);
    core.setFailed(describeError(error));
    if (!(error instanceof CiSigningError) && error instanceof Error && error.stack) core.debug(error.stack);
  }
}
