#!/usr/bin/env bash
# The README's first command: installs everything Orizon needs on a Debian or
# Ubuntu machine (system packages, npm packages, the CLI build), checks the
# tools with `orizon doctor`, then compiles the hello example with Orizon's own
# compiler and runs it on the default simulated board (QEMU mps2-an385).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-system-deps.sh
npm install --no-audit --no-fund
node sdk/bin/orizon.js doctor
echo
echo "== examples/hello.oriz, compiled by Orizon and run on the simulated mps2-an385 board =="
node sdk/bin/orizon.js run --timeout 60 examples/hello.oriz
