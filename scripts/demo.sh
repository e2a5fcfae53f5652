#!/usr/bin/env bash
# Builds the boot demo with GNU binutils and runs it on the default simulated
# board (QEMU mps2-an385) through `orizon run`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/build/demo"
mkdir -p "$out"
arm-none-eabi-as -mcpu=cortex-m3 -o "$out/hello.o" "$root/examples/boot-demo/hello.S"
arm-none-eabi-ld -T "$root/examples/boot-demo/link.ld" -o "$out/hello.elf" "$out/hello.o"
exec node "$root/sdk/bin/orizon.js" run --timeout 30 "$out/hello.elf"
