#!/usr/bin/env bash
# Builds everything and runs every test (the README's test command; .ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
echo "== native engine, rule packs, command line (Catch2 via ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"
echo "== npm package: API, offsets, custom words, memory, builds, npm pack (node --test)"
node --test js/test/
echo "== npm package in Chromium: page, workers, extension content script (node --test + playwright-core)"
(cd tests/browser && npm install --no-audit --no-fund --silent)
node --test tests/browser/
echo "== npm package in front-end toolchains: Vite 8 (build, dev, TypeScript), Vite 6 dev, webpack 5, esbuild, Rollup, no bundler, require() bundles, each app in Chromium (node --test + playwright-core)"
(cd tests/bundlers && npm install --no-audit --no-fund --silent)
node --test tests/bundlers/
echo "== Chrome extension in Chromium under the real chat hosts (node --test + playwright-core): manifest, popup, options, user sites, fail open, and replies on each site"
node --test --test-concurrency=1 tests/extension/
echo "== demo page in Chromium (node --test + playwright-core): marks, platforms, 修改, IME, link, your words, rules, 100,000-line bulk check, no outside request"
node --test tests/demo/
echo "== native engine under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer (clang, build-san/)"
bash scripts/test-sanitizers.sh
echo "== one Checker shared by 8 threads, one Scratch each, under ThreadSanitizer (clang, build-tsan/)"; bash scripts/test-tsan.sh
echo "== fuzzing: every libFuzzer target of tests/fuzz for 60 s (the long run: scripts/fuzz.sh 3600)"
bash scripts/fuzz.sh 60
