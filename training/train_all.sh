#!/usr/bin/env bash
# Reproduces every variant under models/ from the shared data, on CPU, with the recipe's defaults.
#   usage: training/train_all.sh DATA_DIR [WORK_DIR]
# DATA_DIR holds squad/train-v1.1.json, xquad-r/ and lexicons/ (xling, omw-wikt).
# Wall time on 2 cores: 4-9 minutes per variant. Run from the repository root after `npm ci`.
# models/routing.json (which variant serves which language pair) is written by hand.
set -euo pipefail
DATA=${1:?usage: train_all.sh DATA_DIR [WORK_DIR]}
WORK=${2:-.xlir/training}
SEED=${SEED:-13}
STEPS=${STEPS:-2000}
P=${P:-0.5}
XLIR=${XLIR:-node dist/lib/cli/main.js}
PY=${PY:-/usr/bin/python3}
MODELS=${MODELS:-models}
export XLIR

mkdir -p "$WORK/data" "$MODELS"
[ -f dist/lib/cli/main.js ] || npm run build

# 1. Lexicons en->{de,es,ru,ar,zh} from xling + OMW Wiktionary.
training/build_lexicons.sh "$DATA" "$WORK/lexicons"
lexicon() { echo "--lexicon $1=$WORK/lexicons/en-$1.tsv"; }

# 2. English (question, answer sentence) examples, 1:4 negatives, 20 held-out validation articles.
$XLIR pairs squad --input "$DATA/squad/train-v1.1.json" --out "$WORK/data/train.jsonl" \
  --valid-out "$WORK/data/valid.jsonl" --valid-articles 20 --negatives 4 --bm25-negatives 1 --seed "$SEED"

# 3. The shared tokenizer and concept table.
$PY -m training.build_tokenizer --english "$WORK/data/train.jsonl" --vocab-size 16000 --seed "$SEED" \
  $(lexicon de) $(lexicon es) $(lexicon ru) $(lexicon ar) $(lexicon zh) --out "$WORK/tokenizer"

# 4. Code-switched training and validation data.
for pair in en-de en-zh ar-ru de-ru; do
  q=${pair%-*} d=${pair#*-} lexicons=""
  for lang in $q $d; do [ "$lang" = en ] || lexicons="$lexicons $(lexicon "$lang")"; done
  for split in train valid; do
    $XLIR codeswitch --mode bl --input "$WORK/data/$split.jsonl" $lexicons --query-lang "$q" --doc-lang "$d" \
      --p "$P" --seed "$SEED" --out "$WORK/data/bl-$pair.$split.jsonl"
  done
done
for split in train valid; do
  $XLIR codeswitch --mode ml --input "$WORK/data/$split.jsonl" --langs de,es,ru,ar,zh --p "$P" --seed "$SEED" \
    $(lexicon de) $(lexicon es) $(lexicon ru) $(lexicon ar) $(lexicon zh) --out "$WORK/data/ml.$split.jsonl"
done

# 5. Variants. --forbid refuses any training question that is an XQuAD-R (SQuAD dev) question.
train() {
  local id=$1 data=$2 pairs=$3
  shift 3
  $PY -m training.train --train "$WORK/data/$data.train.jsonl" --valid "$WORK/data/$data.valid.jsonl" \
    --tokenizer "$WORK/tokenizer" --max-steps "$STEPS" --seed "$SEED" --forbid "$DATA/xquad-r/en.json" \
    --id "$id" --pairs "$pairs" --out "$MODELS/$id" "$@"
}
ln -sf train.jsonl "$WORK/data/en.train.jsonl"
ln -sf valid.jsonl "$WORK/data/en.valid.jsonl"
train zero-shot en en-en
train bl-cs-en-de bl-en-de en-de
train bl-cs-en-zh bl-en-zh en-zh
train bl-cs-ar-ru bl-ar-ru ar-ru
train bl-cs-de-ru bl-de-ru de-ru
train ml-cs ml '*-*'
