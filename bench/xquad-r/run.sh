#!/usr/bin/env bash
# The XQuAD-R first-stage experiment of docs/results.md, end to end: builds the lexicons into
# OUT_DIR/lexicons, then runs every setting (MoIR, CLIR, MLIR) over all six languages with
# BM25 and PSQ, writing OUT_DIR/results.{md,json} and OUT_DIR/chart.svg.
#
#   bench/xquad-r/run.sh DATA_DIR OUT_DIR [extra `xlir experiment xquad-r` flags]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DATA_DIR OUT_DIR [flags]" >&2
  exit 2
fi
data=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
shift 2
here=$(cd "$(dirname "$0")" && pwd)
"$here/build-lexicons.sh" "$data" "$out/lexicons"
cd "$here/../.."
# The analysed tables of the 430k-entry en-de and de-en lexicons and the rest of the 30 directions
# peak near 3 GB; V8's default old-space limit (~4 GB) leaves too little room.
node --max-old-space-size=8192 --import tsx lib/cli/main.ts experiment xquad-r --data "$data/xquad-r" --lexicons "$out/lexicons" --out "$out" "$@"
