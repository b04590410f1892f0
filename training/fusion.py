"""The fusion weight a model that reads the first-stage score is served with.

The reranker fuses (1 - λ)·norm(first stage) + λ·norm(calibrated score), min-max within each
query's candidates (lib/rerank/fusion.ts). A model with a first_stage input has learnt how far
to trust that score itself, so the λ it is served with is chosen the same way its calibration is:
on its own held-out validation groups (each question's positives and negatives, with their
first-stage scores), by MRR@10 over FUSION_GRID. The choice goes into xlir-model.json as
{"fusion": {"lambda": ...}}; a model without the input keeps the server's default, because
validation groups of a few easy negatives overrate a text-only model against its first stage.
"""

from __future__ import annotations

import math

from .data import EncodedPair, Example

FUSION_GRID = [round(i / 10, 1) for i in range(11)]


def _min_max(values: list[float]) -> list[float]:
    low, high = min(values), max(values)
    spread = high - low
    return [(v - low) / spread if spread > 0 else 1.0 for v in values]


def _calibrated(logit: float, calibration: dict) -> float:
    z = calibration["a"] * logit + calibration["b"]
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def fused_mrr(lam: float, probabilities: list[float], pairs: list[EncodedPair], examples: list[Example]) -> float:
    """MRR@10 of the fused order, ties broken by candidate position as the reranker does."""
    reciprocal = 0.0
    position = 0
    for example in examples:
        n = len(example.pos) + len(example.neg)
        group = pairs[position : position + n]
        first_stage = _min_max([p.first_stage for p in group])  # type: ignore[misc]
        model = _min_max(probabilities[position : position + n])
        position += n
        fused = [(1 - lam) * f + lam * m for f, m in zip(first_stage, model)]
        order = sorted(range(n), key=lambda i: (-fused[i], i))
        first = next(rank for rank, i in enumerate(order, 1) if group[i].label > 0)
        reciprocal += 1.0 / first if first <= 10 else 0.0
    return reciprocal / len(examples)


def choose_fusion(
    logits: list[float], calibration: dict, pairs: list[EncodedPair], examples: list[Example]
) -> dict:
    """{"lambda", "chosen_by", "validation_mrr@10": {λ: MRR@10}}: the best λ, the lower on a tie."""
    if any(p.first_stage is None for p in pairs):
        raise ValueError("choosing a fusion weight needs every validation pair's first-stage score")
    probabilities = [_calibrated(x, calibration) for x in logits]
    by_lambda = {lam: round(fused_mrr(lam, probabilities, pairs, examples), 4) for lam in FUSION_GRID}
    best = max(FUSION_GRID, key=lambda lam: (by_lambda[lam], -lam))
    return {
        "lambda": best,
        "chosen_by": "validation MRR@10 of the fused order, λ in 0, 0.1, ..., 1",
        "validation_mrr@10": {str(lam): mrr for lam, mrr in by_lambda.items()},
    }
