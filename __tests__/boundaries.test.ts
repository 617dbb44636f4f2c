// The package boundaries are enforced by the lint run, not by convention: this pins that the rule bites.
import { ESLint } from 'eslint';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

test.each([
  ["import { oneLine } from '../../errors/src/text.js';", 'packages/checks/src/example.ts'],
  ["import type { CiResults } from '../../results/src/types.js';", 'packages/verifier/src/example.ts'],
  ["import { verifySignedResults } from '../../packages/operations/src/verify.js';", 'actions/verify/example.ts'],
  ["import { COMMANDS } from '../packages/cli/src/commands.js';", '__tests__/example.test.ts'],
])('an import that skips the index fails the lint: %s', async (code, file) => {
  expect(await restrictedImports(code, file)).toEqual([expect.stringContaining('through its src/index.js')]);
});

test.each([
  ["import { oneLine } from '../../errors/src/index.js';", 'packages/checks/src/example.ts'],
  ["import { verifySignedResults } from '../../packages/operations/src/index.js';", 'actions/verify/example.ts'],
  ["import { helper } from './helper.js';", 'packages/checks/src/example.ts'],
  ["import { parseResults } from '../src/parse.js';", 'packages/results/__tests__/example.test.ts'],
])('an import through the index, or inside one package, passes: %s', async (code, file) => {
  expect(await restrictedImports(code, file)).toEqual([]);
});
