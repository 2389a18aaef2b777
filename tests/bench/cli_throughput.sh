#!/usr/bin/env bash
# Throughput of the command line on a large generated chat log, with peers in the same run:
#   grep -F    one pass of GNU grep over the same literal words (fixed strings), no normalization
#   grep -E    GNU grep with an alternation of the same literal words
#   chatlint   full normalization, every rule (words, homophones, patterns), JSON output,
#              with --jobs 1 (one thread) and with --jobs N (every core: N = nproc)
# Usage: tests/bench/cli_throughput.sh [MB]   (after scripts/build.sh)
#        CHATLINT_CLI=build-x/chatlint tests/bench/cli_throughput.sh [MB]   (another build's binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-100}
cli=${CHATLINT_CLI:-build/chatlint}
cores=$(nproc)
[ -x "$cli" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/gen_chat_log.py --mb "$mb" --out "$work/chat.txt" >/dev/null
python3 tests/bench/gen_chat_log.py --mb "$mb" --out "$work/chat.jsonl" --jsonl >/dev/null
# The literal words of every rule in force on pdd, for the grep peers.
"$cli" rules --platform pdd | python3 -c '
import json, sys
words = set()
for line in sys.stdin:
    words.update(w for w in json.loads(line)["words"] if w)
print("\n".join(sorted(words)))' > "$work/words.txt"
bytes=$(stat -c %s "$work/chat.txt")
jbytes=$(stat -c %s "$work/chat.jsonl")
lines=$(wc -l < "$work/chat.txt")
echo "chat log: $lines lines, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB; $(wc -l < "$work/words.txt") literal words; $cores cores"
run() {  # name bytes command...
  local name=$1 size=$2; shift 2
  cat "$work/chat.txt" "$work/chat.jsonl" > /dev/null  # warm the page cache
  local t0 t1
  # Output to a file, not /dev/null: GNU grep stops at the first match when it sees /dev/null.
  t0=$(date +%s.%N); "$@" > "$work/out" || true; t1=$(date +%s.%N)
  awk -v n="$name" -v b="$size" -v a="$t0" -v z="$t1" 'BEGIN{s=z-a; printf "%-40s %8.2f s %9.1f MB/s\n", n, s, b/1e6/s}'
}
printf '%-40s %10s %14s\n' "tool" "time" "throughput"
run "grep -F -c (literal words)" "$bytes" grep -F -c -f "$work/words.txt" "$work/chat.txt"
run "grep -E -c (word alternation)" "$bytes" grep -E -c -f "$work/words.txt" "$work/chat.txt"
for jobs in 1 "$cores"; do
  run "chatlint check --jobs $jobs (text lines)" "$bytes" "$cli" check --platform pdd --jobs "$jobs" "$work/chat.txt"
  run "chatlint check --jobs $jobs --jsonl" "$jbytes" "$cli" check --platform pdd --jobs "$jobs" --jsonl "$work/chat.jsonl"
  run "chatlint check --jobs $jobs --format text" "$bytes" "$cli" check --platform pdd --jobs "$jobs" --format text "$work/chat.txt"
done
for jobs in 1 "$cores"; do
  /usr/bin/time -f "chatlint --jobs $jobs peak memory: %M KB (on ${mb} MB)" \
    "$cli" check --platform pdd --jobs "$jobs" "$work/chat.txt" > /dev/null || true
done
