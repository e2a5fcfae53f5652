#!/usr/bin/env bash
# Installs the system packages Orizon uses (Debian/Ubuntu, apt). Idempotent:
# packages already installed are left alone and apt is not touched at all when
# nothing is missing. Needs root (or sudo) only when something must be installed.
set -euo pipefail

PACKAGES=(
  qemu-system-arm qemu-system-misc
  binutils-arm-none-eabi gcc-arm-none-eabi
  binutils-riscv64-unknown-elf gcc-riscv64-unknown-elf
  gdb-multiarch openocd socat
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: this script needs a Debian or Ubuntu system (apt-get and dpkg not found)" >&2
  echo "hint: install these with your package manager, or run \`xpm install\` for the toolchains: ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all ${#PACKAGES[@]} present"
  exit 0
fi

echo "system packages missing: ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "error: installing packages needs root, and sudo is not available" >&2
    echo "hint: run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "system packages: installed ${missing[*]}"
