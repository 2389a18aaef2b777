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
# Exit 1 means "some reply would be blocked": the expected result for this sample.
[ $status -le 1 ] || exit $status
