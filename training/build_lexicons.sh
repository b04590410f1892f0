#!/usr/bin/env bash
# Builds the en->{de,es,ru,ar,zh} lexicons the recipe uses, one file per language: the shared
# dictionaries as the XQuAD-R experiment imports them (bench/xquad-r/build-lexicons.sh), then
# the xling gold training dictionary merged over OMW Wiktionary where the pair has one (de, ru).
#   usage: training/build_lexicons.sh DATA_DIR OUT_DIR
set -euo pipefail
DATA=${1:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
OUT=${2:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
XLIR=${XLIR:-node dist/lib/cli/main.js}
bench/xquad-r/build-lexicons.sh "$DATA" "$OUT/parts"
for lang in de es ru ar zh; do
  if [ -f "$OUT/parts/en-$lang.xling.tsv" ]; then
    $XLIR lexicon merge --src-lang en --tgt-lang "$lang" --id "xling+omw-en-$lang" \
      --input "$OUT/parts/en-$lang.xling.tsv:1" --input "$OUT/parts/en-$lang.omw.tsv:0.5" --out "$OUT/en-$lang.tsv"
  else
    cp "$OUT/parts/en-$lang.omw.tsv" "$OUT/en-$lang.tsv"
  fi
done
