#!/usr/bin/env bash
# Runs a fuzz target once on every file of the given folders (seed corpus, saved
# regressions) without fuzzing: the ctest form of the fuzz targets.
#   tests/fuzz/replay.sh build-san/tests/fuzz/fuzz_check tests/fuzz/corpus/fuzz_check tests/fuzz/regressions/fuzz_check
set -euo pipefail
target=${1:?usage: replay.sh TARGET DIR...}; shift
files=()
for d in "$@"; do
  [ -d "$d" ] || continue
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -type f ! -name 'README*' -print0 | sort -z)
done
if [ ${#files[@]} = 0 ]; then echo "replay.sh: no inputs in $*" >&2; exit 1; fi
echo "replay.sh: $(basename "$target") on ${#files[@]} inputs"
exec "$target" -timeout=10 -rss_limit_mb=2048 "${files[@]}"
