#!/usr/bin/env bash
# The recipe's CI smoke test (about 2 minutes): Python unit tests, then a tiny training run on a
# few hundred pairs -> ONNX -> loaded by onnxruntime-node, which must rank positives first.
set -euo pipefail
PY=${PY:-/usr/bin/python3}
$PY -m pytest -q training/tests
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$PY -m training.fixture --out "$WORK/model"
XLIR_RECIPE_MODEL="$WORK/model" npx vitest run --project unit test/rerank/recipe-smoke.test.ts test/rerank/parity.test.ts
