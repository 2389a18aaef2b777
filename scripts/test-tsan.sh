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

build_only=0
for a in "$@"; do
  case "$a" in
    --build-only) build_only=1 ;;
    *) echo "test-tsan.sh: unknown option '$a'" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh --sanitize
jobs=$(nproc 2>/dev/null || echo 2)
start=$(date +%s)
# RelWithDebInfo without -DNDEBUG (RE2's DCHECKs stay on); -O1 keeps TSan's stacks readable.
cmake -S . -B build-tsan \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$jobs" --target chatlint_thread_test
echo "test-tsan: build-tsan/ built in $(( $(date +%s) - start )) s"
test_bin=build-tsan/tests/chatlint_thread_test
if ! nm "$test_bin" 2>/dev/null | grep __tsan_init >/dev/null; then
  echo "test-tsan.sh: $test_bin is not built with ThreadSanitizer" >&2
  exit 1
fi
[ $build_only = 1 ] && exit 0

logs=build-tsan/tsan-logs
rm -rf "$logs" && mkdir -p "$logs"
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
if compgen -G "$logs/*" >/dev/null; then
  echo "test-tsan: ThreadSanitizer reports:" >&2
  for f in "$logs"/*; do echo "---- $f" >&2; cat "$f" >&2; done
  rc=1
fi
if [ $rc != 0 ]; then echo "test-tsan: FAILED" >&2; exit $rc; fi
echo "test-tsan: passed (no ThreadSanitizer report)"
