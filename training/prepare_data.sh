#!/usr/bin/env bash
# The recipe's data, steps 1-4 (each skipped when its output exists, so reruns resume):
#   1. en->LANG lexicons for every covered language (training/build_lexicons.sh);
#   2. English SQuAD (question, answer sentence) examples, 1:4 negatives, 20 held-out articles;
#   3. one tokenizer and concept table over all those languages;
#   4. code-switched training and validation data: BL-CS per pair in PAIRS, ML-CS into ML_LANGS;
#   5. with FIRST_STAGE_SCORES=DEPTH, the same pairs again carrying each one's BM25 score against
#      the question's best in the top DEPTH (fs.*), code-switched ML-CS into ML_LANGS (ml-fs.*),
#      for variants trained with `--first-stage on`.
#   usage: training/prepare_data.sh DATA_DIR WORK_DIR
# DATA_DIR holds squad/train-v1.1.json and lexicons/ (xling, omw-wikt). Run from the repository root.
set -euo pipefail
DATA=${1:?usage: prepare_data.sh DATA_DIR WORK_DIR}
WORK=${2:?usage: prepare_data.sh DATA_DIR WORK_DIR}
SEED=${SEED:-13}
P=${P:-0.5}
VOCAB=${VOCAB:-32000}
XLIR=${XLIR:-node dist/lib/cli/main.js}
PY=${PY:-/usr/bin/python3}
LANGS=${LANGS:-de es fr it nl ru ar zh el hi tr th vi}
PAIRS=${PAIRS:-en-de de-en en-zh zh-en ar-ru en-ru}
ML_LANGS=${ML_LANGS-$LANGS}
FIRST_STAGE_SCORES=${FIRST_STAGE_SCORES:-}
export XLIR LANGS
mkdir -p "$WORK/data"
[ -f dist/lib/cli/main.js ] || npm run build

training/build_lexicons.sh "$DATA" "$WORK/lexicons"
lexicon() { [ "$1" = en ] || echo "--lexicon $1=$WORK/lexicons/en-$1.tsv"; }

if [ ! -f "$WORK/data/valid.jsonl" ]; then
  $XLIR pairs squad --input "$DATA/squad/train-v1.1.json" --out "$WORK/data/train.jsonl" \
    --valid-out "$WORK/data/valid.jsonl" --valid-articles 20 --negatives 4 --bm25-negatives 1 --seed "$SEED"
fi
ln -sf train.jsonl "$WORK/data/en.train.jsonl"
ln -sf valid.jsonl "$WORK/data/en.valid.jsonl"

all_lexicons=""
for lang in $LANGS; do all_lexicons="$all_lexicons $(lexicon "$lang")"; done
if [ ! -f "$WORK/tokenizer/concepts.pt" ]; then
  # shellcheck disable=SC2086
  $PY -m training.build_tokenizer --english "$WORK/data/train.jsonl" --vocab-size "$VOCAB" --seed "$SEED" \
    $all_lexicons --out "$WORK/tokenizer"
fi

for pair in $PAIRS; do
  q=${pair%-*} d=${pair#*-}
  for split in train valid; do
    [ -f "$WORK/data/bl-$pair.$split.jsonl" ] && continue
    # shellcheck disable=SC2046
    $XLIR codeswitch --mode bl --input "$WORK/data/$split.jsonl" $(lexicon "$q") $(lexicon "$d") \
      --query-lang "$q" --doc-lang "$d" --p "$P" --seed "$SEED" --out "$WORK/data/bl-$pair.$split.jsonl"
  done
done
if [ -n "$FIRST_STAGE_SCORES" ] && [ ! -f "$WORK/data/fs.valid.jsonl" ]; then
  $XLIR pairs squad --input "$DATA/squad/train-v1.1.json" --out "$WORK/data/fs.train.jsonl" \
    --valid-out "$WORK/data/fs.valid.jsonl" --valid-articles 20 --negatives 4 --bm25-negatives 1 --seed "$SEED" \
    --first-stage-scores "$FIRST_STAGE_SCORES"
fi
if [ -n "$ML_LANGS" ]; then
  ml_lexicons=""
  for lang in $ML_LANGS; do ml_lexicons="$ml_lexicons $(lexicon "$lang")"; done
  sources=ml
  [ -n "$FIRST_STAGE_SCORES" ] && sources="ml ml-fs"
  for out in $sources; do
    input=
    [ "$out" = ml-fs ] && input=fs.
    for split in train valid; do
      [ -f "$WORK/data/$out.$split.jsonl" ] && continue
      # shellcheck disable=SC2086
      $XLIR codeswitch --mode ml --input "$WORK/data/$input$split.jsonl" --langs "$(echo $ML_LANGS | tr ' ' ,)" \
        --p "$P" --seed "$SEED" $ml_lexicons --out "$WORK/data/$out.$split.jsonl"
    done
  done
fi
