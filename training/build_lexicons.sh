#!/usr/bin/env bash
# Builds the en->{de,es,ru,ar,zh} lexicons the recipe uses, from the shared dictionaries:
# OMW Wiktionary for every language, merged with the xling gold training dictionaries
# where the pair exists (de, ru).
#   usage: training/build_lexicons.sh DATA_DIR OUT_DIR
set -euo pipefail
DATA=${1:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
OUT=${2:?usage: build_lexicons.sh DATA_DIR OUT_DIR}
XLIR=${XLIR:-node dist/lib/cli/main.js}
mkdir -p "$OUT/parts"
declare -A OMW=([de]=deu [es]=spa [ru]=rus [ar]=arb [zh]=cmn)
for lang in de es ru ar zh; do
  $XLIR lexicon import --format omw --src-lang en --tgt-lang "$lang" \
    --input "$DATA/lexicons/omw-wikt/wn-wikt-eng.tab" --input "$DATA/lexicons/omw-wikt/wn-wikt-${OMW[$lang]}.tab" \
    --out "$OUT/parts/omw-en-$lang.tsv" --id "omw-en-$lang"
  xling="$DATA/lexicons/xling/en-$lang/yacle.train.freq.5k.en-$lang.tsv"
  if [ -f "$xling" ]; then
    $XLIR lexicon import --format xling --src-lang en --tgt-lang "$lang" --input "$xling" \
      --out "$OUT/parts/xling-en-$lang.tsv" --id "xling-en-$lang"
    $XLIR lexicon merge --src-lang en --tgt-lang "$lang" --id "xling+omw-en-$lang" \
      --input "$OUT/parts/xling-en-$lang.tsv:1" --input "$OUT/parts/omw-en-$lang.tsv:0.5" --out "$OUT/en-$lang.tsv"
  else
    cp "$OUT/parts/omw-en-$lang.tsv" "$OUT/en-$lang.tsv"
  fi
done
