#!/usr/bin/env bash
# Learning curves for the recipe (models/README.md): zero-shot and BL-CS en->de trained side by side
# for STEPS steps (one thread each), each snapshotted at SNAPSHOTS, then every snapshot scored on
#   - validation MRR@10 (held-out SQuAD articles, code-switched like its training data), and
#   - XQuAD-R en->de MAP: PSQ first stage, reranked to depth 100 on QUERIES seeded questions, fused
#     at each lambda in LAMBDAS (1 = the reranker alone).
# Writes WORK/curves/curve.json and curve.svg (python3 -m training.plot_curve).
#   usage: training/learning_curve.sh DATA_DIR [WORK_DIR]
set -euo pipefail
DATA=${1:?usage: learning_curve.sh DATA_DIR [WORK_DIR]}
WORK=${2:-.xlir/training}
STEPS=${STEPS:-20000}
SNAPSHOTS=${SNAPSHOTS:-1000,2000,5000,10000}
QUERIES=${QUERIES:-300}
LAMBDAS=${LAMBDAS:-0.3,0.5,1}
SEED=${SEED:-13}
PY=${PY:-/usr/bin/python3}
CURVES="$WORK/curves"
mkdir -p "$CURVES"
PAIRS=en-de ML_LANGS="" training/prepare_data.sh "$DATA" "$WORK"

train() {
  local id=$1 data=$2 pairs=$3
  [ -f "$CURVES/$id/xlir-model.json" ] && return 0
  $PY -m training.train --train "$WORK/data/$data.train.jsonl" --valid "$WORK/data/$data.valid.jsonl" \
    --tokenizer "$WORK/tokenizer" --max-steps "$STEPS" --snapshot-steps "$SNAPSHOTS" --threads 1 \
    --seed "$SEED" --forbid "$DATA/xquad-r/en.json" --id "$id" --pairs "$pairs" --out "$CURVES/$id" \
    2>"$CURVES/$id.log"
}
train zero-shot en en-en &
train bl-cs-en-de bl-en-de en-de &
wait

# One routing file naming every snapshot, e.g. zero-shot-step1000 -> zero-shot/steps/1000.
$PY - "$CURVES" "$SNAPSHOTS" "$STEPS" <<'PYEOF'
import json, sys
from pathlib import Path
curves, snapshots, steps = Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3]
models = {}
for variant in ("zero-shot", "bl-cs-en-de"):
    for step in snapshots:
        models[f"{variant}-step{step}"] = f"{variant}/steps/{step}"
    models[f"{variant}-step{steps}"] = variant
routing = {"version": 1, "models": models, "routes": [], "multilingual": f"bl-cs-en-de-step{steps}", "zero_shot": f"zero-shot-step{steps}"}
(curves / "routing.json").write_text(json.dumps(routing, indent=2) + "\n")
PYEOF
[ -d "$CURVES/lexicons" ] || node --max-old-space-size=8192 dist/lib/cli/main.js lexicon build --langs en,de \
  --data "$DATA/lexicons" --out "$CURVES/lexicons" >/dev/null
ids=$(node dist/lib/cli/main.js models list --models "$CURVES/routing.json" | awk 'NR > 1 { print $1 }' | paste -sd,)
node --max-old-space-size=8192 dist/lib/cli/main.js experiment xquad-r --data "$DATA/xquad-r" --langs en,de \
  --lexicons "$CURVES/lexicons" --out "$CURVES/xquad-r" --settings clir --pairs en-de --first-stage psq \
  --queries "$QUERIES" --rerank 100 --models "$CURVES/routing.json" --model "$ids" --lambda "$LAMBDAS"
$PY -m training.plot_curve --curves "$CURVES" --out "$CURVES/curve.svg" >"$CURVES/curve.json"
