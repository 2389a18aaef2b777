#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for SECONDS each (default 60), two at a time.
#   scripts/fuzz.sh                  about a minute per target (scripts/test.sh runs this)
#   scripts/fuzz.sh 3600             the long run
#   scripts/fuzz.sh 600 fuzz_check   one target
#
# Builds the targets in build-san/ (scripts/test-sanitizers.sh --build-only: clang,
# ASan + UBSan + LeakSanitizer, libFuzzer). Each target starts from a scratch copy
# of its seed corpus (tests/fuzz/corpus/TARGET) plus every saved reproducer
# (tests/fuzz/regressions/TARGET), so a crash found once stays a test; the committed
# folders are never written to. An input slower than 10 s is a failure, and so is
# using more than 2 GB. Exits non-zero on any crash, time-out, leak or out-of-memory,
# printing the reproducer and the command that replays it.
# Scratch and artifacts: build-san/fuzz/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac
all_targets=(fuzz_normalizer fuzz_check fuzz_rule_pack fuzz_custom_words)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/$t.cc" ] || { echo "fuzz.sh: unknown target '$t' (expected ${all_targets[*]})" >&2; exit 2; }
done

start=$(date +%s)
bash scripts/test-sanitizers.sh --build-only
echo "fuzz.sh: build took $(( $(date +%s) - start )) s"
source tests/fuzz/sanitizer-env.sh

root=$PWD
bin_dir=$root/build-san/tests/fuzz
run_dir=$root/build-san/fuzz/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$run_dir"
# Keep the five latest runs (their corpora and reproducers), not every run ever made.
ls -dt "$root"/build-san/fuzz/run-* | tail -n +6 | xargs -r rm -rf
echo "fuzz.sh: ${#targets[@]} targets, $seconds s each, two at a time; scratch in ${run_dir#$root/}"

# run_one TARGET: fuzzes one target in its own scratch folder; leaves TARGET.log and TARGET.rc.
run_one() {
  local t=$1 dir=$run_dir/$1
  mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/tmp"
  cp tests/fuzz/corpus/"$t"/* "$dir/corpus/" 2>/dev/null || true
  if [ -d tests/fuzz/regressions/"$t" ]; then
    for f in tests/fuzz/regressions/"$t"/*; do
      case "${f##*/}" in README*) continue ;; esac
      [ -f "$f" ] && cp "$f" "$dir/corpus/regression-${f##*/}"
    done
  fi
  # Dictionaries: rule-pack syntax for the pack parser, words and disguises for the rest.
  local dict=(-dict="$root/tests/fuzz/messages.dict")
  [ "$t" = fuzz_rule_pack ] && dict=(-dict="$root/tests/fuzz/rule_pack.dict")
  local rc=0
  # TMPDIR: fuzz_rule_pack writes its packs there.
  (cd "$dir" && TMPDIR="$dir/tmp" "$bin_dir/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "${dict[@]}" "$dir/corpus") \
      >"$dir.log" 2>&1 || rc=$?
  echo $rc >"$dir.rc"
}

# Two at a time (2 cores).
i=0
while [ $i -lt ${#targets[@]} ]; do
  pids=()
  for t in "${targets[@]:$i:2}"; do
    echo "fuzz.sh: $t for $seconds s ..."
    run_one "$t" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  i=$((i + 2))
done

failed=0
printf '\n%-18s %8s %10s %12s %8s  %s\n' target seconds runs 'execs/s' corpus result
for t in "${targets[@]}"; do
  log=$run_dir/$t.log rc=$(cat "$run_dir/$t.rc")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  corpus=$(ls "$run_dir/$t/corpus" | wc -l)
  if [ "$rc" = 0 ]; then result=ok; else result="FAILED (exit $rc)"; failed=1; fi
  printf '%-18s %8s %10s %12s %8s  %s\n' "$t" "${secs:-$seconds}" "${runs:-?}" "${eps:-?}" "$corpus" "$result"
done

if [ $failed = 1 ]; then
  for t in "${targets[@]}"; do
    [ "$(cat "$run_dir/$t.rc")" = 0 ] && continue
    echo
    echo "==== $t failed; the end of its log (${run_dir#$root/}/$t.log):"
    grep -v '^#[0-9]' "$run_dir/$t.log" | tail -60
    for a in "$run_dir/$t/artifacts"/*; do
      [ -f "$a" ] || continue
      echo "---- reproducer: ${a#$root/} ($(wc -c <"$a") bytes): $(head -c 96 "$a" | od -An -tx1 | tr -d ' \n')"
      echo "     replay:     build-san/tests/fuzz/$t ${a#$root/}"
      echo "     keep it:    cp ${a#$root/} tests/fuzz/regressions/$t/"
    done
  done
  echo
  echo "fuzz.sh: FAILED" >&2
  exit 1
fi
echo "fuzz.sh: no crash, time-out or leak in $(( $(date +%s) - start )) s"
