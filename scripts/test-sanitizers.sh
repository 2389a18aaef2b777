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

source scripts/sanitizer-lib.sh
sanitizer_options test-sanitizers "$@"
sanitizer_build test-sanitizers build-san -O2 '' -DCHATLINT_SANITIZE=ON -DCHATLINT_FUZZ=ON
# The command line the tests spawn must be the sanitized one.
sanitizer_require test-sanitizers build-san/chatlint __asan_init AddressSanitizer
[ $build_only = 1 ] && exit 0

source tests/fuzz/sanitizer-env.sh
logs=build-san/sanitizer-logs
sanitizer_logs "$logs"
export ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$PWD/$logs/asan"
export UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$PWD/$logs/ubsan"

start=$(date +%s)
rc=0
ctest --test-dir build-san --output-on-failure -j"$jobs" || rc=$?
echo "test-sanitizers: ctest under ASan+UBSan+LSan took $(( $(date +%s) - start )) s"
sanitizer_finish test-sanitizers "$logs" $rc sanitizer
