#!/usr/bin/env bash
# The native test suite under AddressSanitizer + UndefinedBehaviorSanitizer, with
# LeakSanitizer on (scripts/test.sh runs it after the other tests).
#   scripts/test-sanitizers.sh               build build-san/ and run ctest there
#   scripts/test-sanitizers.sh --build-only  only build (scripts/fuzz.sh uses this)
#
# build-san/ is built with Debian's clang 14 (CHATLINT_SANITIZE=ON CHATLINT_FUZZ=ON):
# RE2, the engine, the rule compiler, the command line, the Catch2 tests and the
# libFuzzer targets, all instrumented, from one compile of RE2. ctest there runs the
# Catch2 tests (the command-line tests spawn the sanitized build-san/chatlint) and
# replays each fuzz target's seed corpus and saved regressions once.
# A sanitizer report anywhere (also in a spawned command line whose stderr a test
# discards) fails the run: every report goes to a log file that is checked at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=0
for a in "$@"; do
  case "$a" in
    --build-only) build_only=1 ;;
    *) echo "test-sanitizers.sh: unknown option '$a'" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh --sanitize
jobs=$(nproc 2>/dev/null || echo 2)
start=$(date +%s)
# RelWithDebInfo without -DNDEBUG: optimized enough to fuzz fast, with line numbers,
# and RE2's own DCHECKs stay on.
cmake -S . -B build-san \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
  -DCHATLINT_SANITIZE=ON -DCHATLINT_FUZZ=ON >/dev/null
cmake --build build-san -j"$jobs"
echo "test-sanitizers: build-san/ built in $(( $(date +%s) - start )) s"
# The command line the tests spawn must be the sanitized one.
if ! nm build-san/chatlint 2>/dev/null | grep __asan_init >/dev/null; then
  echo "test-sanitizers.sh: build-san/chatlint is not built with AddressSanitizer" >&2
  exit 1
fi
[ $build_only = 1 ] && exit 0

source tests/fuzz/sanitizer-env.sh
logs=build-san/sanitizer-logs
rm -rf "$logs" && mkdir -p "$logs"
export ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$PWD/$logs/asan"
export UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$PWD/$logs/ubsan"

start=$(date +%s)
rc=0
ctest --test-dir build-san --output-on-failure -j"$jobs" || rc=$?
echo "test-sanitizers: ctest under ASan+UBSan+LSan took $(( $(date +%s) - start )) s"
if compgen -G "$logs/*" >/dev/null; then
  echo "test-sanitizers: sanitizer reports:" >&2
  for f in "$logs"/*; do echo "---- $f" >&2; cat "$f" >&2; done
  rc=1
fi
if [ $rc != 0 ]; then echo "test-sanitizers: FAILED" >&2; exit $rc; fi
echo "test-sanitizers: passed (no sanitizer report)"
