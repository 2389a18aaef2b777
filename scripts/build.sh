#!/usr/bin/env bash
# Builds everything chatlint has, from a fresh clone on Debian 12 (run as root).
# Installs what it needs first (scripts/install-deps.sh), so it works on a new machine.
#   scripts/build.sh   -> build/chatlint (command line), build/chatlint-rulec, native tests,
#                         js/dist/ (the npm package: WebAssembly engine + ESM/CJS/IIFE),
#                         dist/extension/ + dist/chatlint-extension.zip (the Chrome extension)
#                         dist/demo/ (the demo page: scripts/start.sh serves it)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --browser
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
bash scripts/build-wasm.sh
node js/scripts/build-extension.mjs
# The demo page (issue 9): demo/ + the package's ESM build and wasm -> dist/demo/
node demo/build.mjs
