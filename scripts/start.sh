#!/usr/bin/env bash
# Builds everything and runs the main job: the command line over a sample chat log
# of a Pinduoduo shop, printing each reply with its problems marked and explained.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
echo
echo "== chatlint check --platform pdd --format text tests/data/sample-chat.txt"
status=0
./build/chatlint check --platform pdd --format text tests/data/sample-chat.txt || status=$?
echo
echo "== The Chrome extension is built in $PWD/dist/extension (and dist/chatlint-extension.zip):"
echo "   chrome://extensions -> 开发者模式 (Developer mode) -> 加载已解压的扩展程序 (Load unpacked) -> choose that folder."
# Exit 1 means "some reply would be blocked": the expected result for this sample.
[ $status -le 1 ] || exit $status
