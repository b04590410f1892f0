#!/usr/bin/env bash
# Builds the bilingual lexicons the XQuAD-R experiment translates queries with, from the shared
# dictionaries, into OUT_DIR as `src-tgt.<source>.tsv` files (the layout `--lexicons DIR` reads:
# every file of one direction is merged with equal weight).
#
#   bench/xquad-r/build-lexicons.sh DATA_DIR OUT_DIR
#
# DATA_DIR is the shared data folder (it holds lexicons/xling and lexicons/omw-wikt). Only
# en-xx dictionaries and xling de-ru exist; the other directions are derived at query time
# (inverted, or pivoted through English). xling's BLI test splits are left out.
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
xlir() { node --import tsx lib/cli/main.ts "$@"; }

for pair in en-de en-ru de-ru; do
  src=${pair%-*}
  tgt=${pair#*-}
  xlir lexicon import --format xling --src-lang "$src" --tgt-lang "$tgt" \
    --input "$data/lexicons/xling/$pair/yacle.train.freq.5k.$pair.tsv" \
    --out "$out/$pair.xling.tsv" --id "xling:$pair"
done

declare -A omw=([de]=deu [es]=spa [ru]=rus [ar]=arb [zh]=cmn)
for tgt in de es ru ar zh; do
  xlir lexicon import --format omw --src-lang en --tgt-lang "$tgt" \
    --input "$data/lexicons/omw-wikt/wn-wikt-eng.tab" \
    --input "$data/lexicons/omw-wikt/wn-wikt-${omw[$tgt]}.tab" \
    --out "$out/en-$tgt.omw.tsv" --id "omw-wikt:en-$tgt"
done
