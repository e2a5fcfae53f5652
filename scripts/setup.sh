#!/usr/bin/env bash
# The README's first command: installs everything Orizon needs on a Debian or
# Ubuntu machine (system packages, npm packages, the CLI build), checks the
# tools with `orizon doctor`, then runs the demo firmware on the default board.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-system-deps.sh
npm install --no-audit --no-fund
node sdk/bin/orizon.js doctor
echo
echo "== demo firmware on the simulated mps2-an385 board =="
bash scripts/demo.sh
