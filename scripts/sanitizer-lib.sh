# Shared by scripts/test-sanitizers.sh (ASan+UBSan+LSan) and scripts/test-tsan.sh (TSan),
# sourced: the option they both take, the clang build, the check that a binary really is
# instrumented, and the rule that any report in the log folder fails the run.

# sanitizer_options NAME ARGS...: sets build_only (--build-only: build, do not run).
sanitizer_options() {
  local name=$1; shift
  build_only=0
  for a in "$@"; do
    case "$a" in
      --build-only) build_only=1 ;;
      *) echo "$name.sh: unknown option '$a'" >&2; exit 2 ;;
    esac
  done
}

# sanitizer_build NAME DIR OPT TARGET CMAKE_ARGS...: installs clang and its sanitizer runtimes,
# configures DIR with clang, RelWithDebInfo at OPT (-O1/-O2) without -DNDEBUG (RE2's DCHECKs
# stay on) and the given cmake arguments, then builds TARGET ('' for everything).
sanitizer_build() {
  local name=$1 dir=$2 opt=$3 target=$4; shift 4
  bash scripts/install-deps.sh --sanitize
  jobs=$(nproc 2>/dev/null || echo 2)
  local start
  start=$(date +%s)
  cmake -S . -B "$dir" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt -g" \
    "$@" >/dev/null
  cmake --build "$dir" -j"$jobs" ${target:+--target "$target"}
  echo "$name: $dir/ built in $(( $(date +%s) - start )) s"
}

# sanitizer_require NAME BINARY SYMBOL SANITIZER: fails unless BINARY is instrumented.
sanitizer_require() {
  if ! nm "$2" 2>/dev/null | grep "$3" >/dev/null; then
    echo "$1.sh: $2 is not built with $4" >&2
    exit 1
  fi
}

# sanitizer_logs DIR: an empty folder for the reports (set *_OPTIONS log_path under it).
sanitizer_logs() { rm -rf "$1" && mkdir -p "$1"; }

# sanitizer_finish NAME LOGS RC WHAT: any report in LOGS fails the run; prints the verdict.
sanitizer_finish() {
  local name=$1 logs=$2 rc=$3 what=$4
  if compgen -G "$logs/*" >/dev/null; then
    echo "$name: $what reports:" >&2
    for f in "$logs"/*; do echo "---- $f" >&2; cat "$f" >&2; done
    rc=1
  fi
  if [ "$rc" != 0 ]; then echo "$name: FAILED" >&2; exit "$rc"; fi
  echo "$name: passed (no $what report)"
}
