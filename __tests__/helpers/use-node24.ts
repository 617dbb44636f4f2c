// Imported before other test files by node24.test.ts: every runAction/runCli after it uses Node 24.
import { currentRuntime, useRuntime } from './processes.js';

if (useRuntime('node24').version.split('.')[0] !== 'v24')
  throw new Error(`expected Node 24, got ${currentRuntime().version}`);
