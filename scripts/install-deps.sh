#!/usr/bin/env bash
# Installs everything chatlint needs on a fresh Debian 12 machine (run as root).
# Idempotent: each step checks first, so a second run costs seconds.
#   scripts/install-deps.sh            native build + tests (C++, RE2 source, Catch2, Unicode data)
#   scripts/install-deps.sh --wasm     also Emscripten and Node (WebAssembly build, npm package)
#   scripts/install-deps.sh --browser  also Chromium (browser tests)
#   scripts/install-deps.sh --sanitize also clang 14 with its sanitizer/libFuzzer runtimes and
#                                      llvm-symbolizer (scripts/test-sanitizers.sh, scripts/fuzz.sh)
set -euo pipefail

want_wasm=0; want_browser=0; want_sanitize=0
for a in "$@"; do
  case "$a" in
    --wasm) want_wasm=1 ;;
    --browser) want_wasm=1; want_browser=1 ;;
    --sanitize) want_sanitize=1 ;;
    *) echo "install-deps.sh: unknown option '$a'" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# python3-confusable-homoglyphs ships Unicode's confusables data (look-alike letters: ВХ for VX),
# read by wasm/tools/gen_unicode_tables.py at build time.
pkgs=(build-essential cmake catch2 unicode-data python3-confusable-homoglyphs python3 dpkg-dev bzip2 ca-certificates)
if [ $want_wasm = 1 ]; then
  pkgs+=(emscripten)
  # The machine image may carry its own Node 20 (with npm); Debian's nodejs/npm would conflict with it.
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
# openssl makes the extension tests' self-signed certificate for the chat hosts.
[ $want_browser = 1 ] && pkgs+=(chromium openssl fonts-noto-cjk)   # fonts: headless Chromium draws Chinese as boxes without a CJK font
# libclang-rt-14-dev holds the ASan/UBSan/libFuzzer runtimes; llvm-14 the symbolizer for readable stacks.
[ $want_sanitize = 1 ] && pkgs+=(clang libclang-rt-14-dev llvm-14)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# RE2's source comes from Debian's source archive: add a deb-src twin of each deb entry.
src_list=/etc/apt/sources.list.d/chatlint-src.sources
need_update=0
if [ ! -f "$src_list" ] && ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$src_list" >/dev/null
  elif [ -f /etc/apt/sources.list ]; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/chatlint-src.list >/dev/null
  fi
  need_update=1
fi

if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
