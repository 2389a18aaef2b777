#!/usr/bin/env bash
# Benchmarks, printed side by side with peers (not part of the tests):
#   the npm package's check() vs RegExp, mint-filter, ahocorasick and re2-wasm (tests/bench/bench.mjs):
#     batch throughput (median of rounds, tools interleaved) and single-call latency, on seed
#     sentences, real agent replies (both read from ../shared at run time, skipped when absent)
#     and the labelled corpus
#   the engine's native single-thread throughput on the same corpora
#     (tests/bench/throughput.cc -> build/chatlint-bench-throughput)
#   the command line's throughput on a large generated chat log vs grep (tests/bench/cli_throughput.sh)
#   worst-case messages, µs per KB next to ordinary replies, natively and through the npm package
#     (tests/bench/worst_case.cc -> build/chatlint-bench-worst, tests/bench/worst_case.mjs)
#   the native heap over 1,000,000 check() and 1,000,000 fix() calls (tests/bench/memory_native.cc)
#   the npm package's WebAssembly heap over the same (tests/bench/memory.mjs)
# Usage: scripts/bench.sh [MB]      everything (MB: size of the CLI's chat log, default 100)
#        scripts/bench.sh worst     only the worst-case and memory benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
cmake --build build --target chatlint-bench-worst chatlint-bench-memory chatlint-bench-throughput -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
if [ "${1:-}" != worst ]; then
  (cd tests/bench && npm install --no-audit --no-fund --silent)
  node tests/bench/bench.mjs
  echo
  build/chatlint-bench-throughput
  echo
  bash tests/bench/cli_throughput.sh "${1:-100}"
  echo
fi
build/chatlint-bench-worst
echo
node tests/bench/worst_case.mjs
echo
build/chatlint-bench-memory
echo
node tests/bench/memory.mjs
