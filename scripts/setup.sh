#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: gnupg (Debian) when absent, and node_modules via npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v gpg >/dev/null 2>&1 || ! command -v gpgconf >/dev/null 2>&1; then
  echo "setup: gnupg is missing; installing it from Debian" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q gnupg
fi
# npm ci when node_modules is absent or older than the lock file (always in CI).
if [ -n "${CI:-}" ] || [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
