#!/usr/bin/env bash
# The main job: keygen, sign, post to the embedded GitHub API test server, verify from it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/run-ts.mjs scripts/demo.ts "$@"
