#!/usr/bin/env bash
# Reproduces every variant under models/ from the shared data, on CPU, with the recipe's defaults.
#   usage: training/train_all.sh DATA_DIR [WORK_DIR]
# DATA_DIR holds squad/train-v1.1.json, xquad-r/ and lexicons/ (xling, omw-wikt).
# Wall time on 2 cores: 4-9 minutes per variant. Run from the repository root after `npm ci`.
# models/routing.json (which variant serves which language pair) is written by hand.
set -euo pipefail
DATA=${1:?usage: train_all.sh DATA_DIR [WORK_DIR]}
WORK=${2:-.xlir/training-shipped}
SEED=${SEED:-13}
STEPS=${STEPS:-2000}
P=${P:-0.5}
PY=${PY:-/usr/bin/python3}
MODELS=${MODELS:-models}
mkdir -p "$MODELS"

# 1-4. Lexicons, SQuAD pairs, the shared tokenizer and the code-switched data, with the settings the
# shipped variants were trained with (five languages, a 16k vocabulary). training/learning_curve.sh
# uses prepare_data.sh's defaults instead: all 13 languages the lexicon build covers, 32k pieces.
LANGS=${LANGS:-de es ru ar zh} VOCAB=${VOCAB:-16000} PAIRS=${PAIRS:-en-de en-zh ar-ru de-ru} \
  ML_LANGS=${ML_LANGS:-de es ru ar zh} SEED=$SEED P=$P training/prepare_data.sh "$DATA" "$WORK"

# 5. Variants. --forbid refuses any training question that is an XQuAD-R (SQuAD dev) question.
train() {
  local id=$1 data=$2 pairs=$3
  shift 3
  $PY -m training.train --train "$WORK/data/$data.train.jsonl" --valid "$WORK/data/$data.valid.jsonl" \
    --tokenizer "$WORK/tokenizer" --max-steps "$STEPS" --seed "$SEED" --forbid "$DATA/xquad-r/en.json" \
    --id "$id" --pairs "$pairs" --out "$MODELS/$id" "$@"
}
train zero-shot en en-en
train bl-cs-en-de bl-en-de en-de
train bl-cs-en-zh bl-en-zh en-zh
train bl-cs-ar-ru bl-ar-ru ar-ru
train bl-cs-de-ru bl-de-ru de-ru
train ml-cs ml '*-*'
