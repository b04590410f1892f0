#!/usr/bin/env bash
# The XQuAD-R reranking experiments of docs/results.md: the shipped variants on top of the
# BM25 (MoIR) and PSQ (CLIR, MLIR) first stages, lambda swept, and the alignment ablation
# when its models are present.
#
#   bench/xquad-r/rerank.sh DATA_DIR OUT_DIR [ROUTING_JSON] [QUERIES]
# ROUTING_JSON defaults to models/routing.json; QUERIES (a seeded sample) to 600.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DATA_DIR OUT_DIR [ROUTING_JSON] [QUERIES]" >&2
  exit 2
fi
data=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
routing=$(realpath "${3:-models/routing.json}")
queries=${4:-600}
[ -d "$out/lexicons" ] || "$here/build-lexicons.sh" "$data" "$out/lexicons"
experiment() {
  local name=$1
  shift
  # Room for the full lexicons' analysed tables (~3 GB peak; V8's default limit is ~4 GB).
  node --max-old-space-size=8192 --import tsx lib/cli/main.ts experiment xquad-r --data "$data/xquad-r" --lexicons "$out/lexicons" \
    --out "$out/$name" --queries "$queries" --rerank 100 --models "$routing" "$@"
}
models=$(node --import tsx lib/cli/main.ts models list --models "$routing" | awk 'NR > 1 { print $1 }' | tr '\n' ' ')
has() { [[ " $models " == *" $1 "* ]]; }

# Monolingual: does code-switching keep MoIR quality, and which lambda?
experiment moir --settings moir --first-stage bm25 --model zero-shot,ml-cs --lambda 0.3,0.5,0.7,1
# Cross-lingual: zero-shot vs the pair's BL-CS variant (auto routing) vs ML-CS.
experiment clir --settings clir --pairs en-de,en-zh,ar-ru,de-ru --first-stage psq \
  --model zero-shot,ml-cs,auto --lambda 0.3,0.5,1
# Multilingual: (a) everything through ML-CS vs (b) per-language pair variants, calibrated.
experiment mlir --settings mlir --pairs en-all,ar-all --first-stage psq --fusion minmax \
  --model auto --strategy multilingual,per-language --lambda 0.5,1
# Alignment ablation on en->de: neither, CS only, alignment only, CS + alignment.
if has zero-shot-noalign && has bl-cs-en-de-noalign; then
  experiment ablation --settings clir --pairs en-de --first-stage psq \
    --model zero-shot-noalign,bl-cs-en-de-noalign,zero-shot,bl-cs-en-de --lambda 0.5,1
fi
# Every bilingual variant against BM25 on the monolingual tasks of its own two languages.
for variant in bl-cs-en-de:en-en,de-de bl-cs-en-zh:en-en,zh-zh bl-cs-ar-ru:ar-ar,ru-ru bl-cs-de-ru:de-de,ru-ru; do
  id=${variant%%:*}
  if has "$id"; then
    experiment "moir-$id" --settings moir --pairs "${variant#*:}" --first-stage bm25 --model "$id" --lambda 0.3,0.5
  fi
done
