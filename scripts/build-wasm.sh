#!/usr/bin/env bash
# Builds the WebAssembly module and the npm package (js/dist/: esbuild bundles js/src with
# the Emscripten glue, see js/scripts/build.mjs), from the same RE2 source and the same
# compiled rule pack as the native build.
#   scripts/build-wasm.sh     (after scripts/build.sh, which compiles the rule pack)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --wasm
[ -f build/rules-web.clp ] || { echo "build-wasm.sh: build/rules-web.clp missing: run scripts/build.sh first" >&2; exit 1; }
# Emscripten 3.1.6's JS optimizer needs Debian's acorn (TOOLCHAIN: NODE_PATH).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
flags="-fno-exceptions -flto -O3"
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release \
  -DCHATLINT_RULES_CLP="$PWD/build/rules-web.clp" \
  -DCMAKE_C_FLAGS_RELEASE="$flags -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="$flags -DNDEBUG" \
  -DCMAKE_EXE_LINKER_FLAGS_RELEASE="$flags" >/dev/null
cmake --build build-wasm -j"$(nproc 2>/dev/null || echo 2)" --target chatlint_core
# The package's build and type-check tools (esbuild; typescript and @arethetypeswrong/cli
# for js/test/types.test.mjs), as js/package-lock.json pins them: `npm ci` again only when
# package.json or the lockfile changed since the last install (the stamp says which).
stamp=js/node_modules/.chatlint-installed
want=$(cat js/package.json js/package-lock.json | sha256sum)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  (cd js && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
node js/scripts/build.mjs build-wasm/chatlint_core.js build-wasm/chatlint_core.wasm
