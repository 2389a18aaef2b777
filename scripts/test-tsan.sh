#!/usr/bin/env bash
# One Checker shared by 8 threads under ThreadSanitizer (scripts/test.sh runs it
# next to the other sanitizers).
#   scripts/test-tsan.sh               build build-tsan/ and run the thread test there
#   scripts/test-tsan.sh --build-only  only build
#
# build-tsan/ is built with Debian's clang 14 and -fsanitize=thread: RE2, the engine
# (and the rule compiler that compiles the embedded pack at build time) and
# chatlint_thread_test (tests/engine/thread_test.cc), nothing else. The test checks
# every labelled reply and every rule example from 8 threads on shared, fresh
# Checkers (each thread with its own Checker::Scratch) and compares each result
# with a sequential run. Any race report fails the run: every report goes to a log
# file that is checked at the end, and halt_on_error stops at the first one.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/sanitizer-lib.sh
sanitizer_options test-tsan "$@"
# -O1 keeps TSan's stacks readable.
sanitizer_build test-tsan build-tsan -O1 chatlint_thread_test \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread"
test_bin=build-tsan/tests/chatlint_thread_test
sanitizer_require test-tsan "$test_bin" __tsan_init ThreadSanitizer
[ $build_only = 1 ] && exit 0

logs=build-tsan/tsan-logs
sanitizer_logs "$logs"
if [ -z "${TSAN_SYMBOLIZER_PATH:-}" ] && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export TSAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}halt_on_error=1:second_deadlock_stack=1:log_path=$PWD/$logs/tsan"

start=$(date +%s)
rc=0
"$test_bin" --reporter compact || rc=$?
# clang 14's TSan cannot map its shadow memory under a kernel's wider address
# randomization (vm.mmap_rnd_bits > 28): then run without randomization.
if [ $rc != 0 ] && grep -qs "unexpected memory mapping" "$logs"/* && command -v setarch >/dev/null; then
  echo "test-tsan: TSan's shadow memory does not fit this kernel's address randomization; running with setarch -R"
  rm -f "$logs"/*
  rc=0
  setarch "$(uname -m)" -R "$test_bin" --reporter compact || rc=$?
fi
echo "test-tsan: the thread test under ThreadSanitizer took $(( $(date +%s) - start )) s"
sanitizer_finish test-tsan "$logs" $rc ThreadSanitizer
