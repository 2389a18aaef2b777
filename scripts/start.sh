#!/usr/bin/env bash
# Builds everything and runs the main job: the demo page (dist/demo/) served on 127.0.0.1,
# in the foreground (Ctrl+C stops it). Port: $PORT, else 8080, else a free one.
# The command line over the sample chat log of a Pinduoduo shop is another command:
#   ./build/chatlint check --platform pdd --format text tests/data/sample-chat.txt
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
echo
echo "== The Chrome extension is built in $PWD/dist/extension (and dist/chatlint-extension.zip):"
echo "   chrome://extensions -> 开发者模式 (Developer mode) -> 加载已解压的扩展程序 (Load unpacked) -> choose that folder."
echo "== The command line over a sample chat log:"
echo "   ./build/chatlint check --platform pdd --format text tests/data/sample-chat.txt"
echo
echo "== The demo page (check a reply, a quick-reply library, the rules), from $PWD/dist/demo:"
exec node scripts/serve-demo.mjs
