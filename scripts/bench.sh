#!/usr/bin/env bash
# Benchmarks, printed side by side with peers (not part of the tests):
#   the npm package's check() vs RegExp, mint-filter, ahocorasick and re2-wasm (tests/bench/bench.mjs)
#   the command line's throughput on a large generated chat log vs grep (tests/bench/cli_throughput.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
(cd tests/bench && npm install --no-audit --no-fund --silent)
node tests/bench/bench.mjs
echo
bash tests/bench/cli_throughput.sh "${1:-100}"
