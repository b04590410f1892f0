#!/usr/bin/env bash
# Builds the en->LANG lexicons the recipe code-switches with and builds its tokenizer from, one TSV
# per language (OUT_DIR/en-LANG.tsv), with `xlir lexicon build` restricted to the curated sources:
# OMW Wiktionary and the xling gold TRAIN splits, merged with the measured weights of
# lib/lexicon/build/constants.ts. (FreeDict and Ding are left to PSQ: their long tails of rare senses
# would dominate code-switching, which picks one translation per word.) xling's test splits are
# never read.
#   usage: training/build_lexicons.sh DATA_DIR OUT_DIR
# LANGS (space-separated) defaults to every language the lexicon build covers besides English.
set -euo pipefail
DATA=${1:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
OUT=${2:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
XLIR=${XLIR:-node dist/lib/cli/main.js}
LANGS=${LANGS:-de es fr it nl ru ar zh el hi tr th vi}
mkdir -p "$OUT/parts"
for lang in $LANGS; do
  [ -f "$OUT/en-$lang.tsv" ] && continue
  $XLIR lexicon build --langs "en,$lang" --sources omw,xling --format tsv \
    --data "$DATA/lexicons" --out "$OUT/parts/$lang" >/dev/null
  cp "$OUT/parts/$lang/en-$lang.tsv" "$OUT/en-$lang.tsv"
  echo "en-$lang: $(wc -l <"$OUT/en-$lang.tsv") lines" >&2
done
