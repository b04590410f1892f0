"""The fusion weight a model that reads the first-stage score is served with.

The reranker fuses (1 - λ)·norm(first stage) + λ·norm(calibrated score), min-max within each
query's candidates (lib/rerank/fusion.ts). A model with a first_stage input has learnt how far
to trust that score itself, so the λ it is served with is chosen the same way its calibration is:
on its own held-out validation groups (each question's positives and negatives, with their
first-stage scores), by MRR@10 over FUSION_GRID, with the one-standard-error rule (Hastie,
Tibshirani and Friedman, ESL 7.10): the lowest λ whose MRR@10 is within one standard error of the
best λ's. Groups of five candidates cannot tell λ 0.6 from 1 apart (rt-cs-fs: 0.8063 against
0.8110, SE 0.006), and the first stage is what a real collection adds that they lack: on XQuAD-R a
list fused against query and document translation at 0.6 beat the model alone (models/README.md,
"Document translation next to PSQ"). The choice goes into xlir-model.json as
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


def reciprocal_ranks(lam: float, probabilities: list[float], pairs: list[EncodedPair], examples: list[Example]) -> list[float]:
    """Each group's reciprocal rank (0 past 10) in the fused order, ties broken by candidate position as the reranker does."""
    ranks: list[float] = []
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
        ranks.append(1.0 / first if first <= 10 else 0.0)
    return ranks


def fused_mrr(lam: float, probabilities: list[float], pairs: list[EncodedPair], examples: list[Example]) -> float:
    """MRR@10 of the fused order."""
    ranks = reciprocal_ranks(lam, probabilities, pairs, examples)
    return sum(ranks) / len(ranks)


def _standard_error(values: list[float]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1) / n)


def choose_fusion(
    logits: list[float], calibration: dict, pairs: list[EncodedPair], examples: list[Example]
) -> dict:
    """{"lambda", "chosen_by", "validation_mrr@10", "standard_error"}: the lowest λ within one SE of the best."""
    if any(p.first_stage is None for p in pairs):
        raise ValueError("choosing a fusion weight needs every validation pair's first-stage score")
    probabilities = [_calibrated(x, calibration) for x in logits]
    ranks = {lam: reciprocal_ranks(lam, probabilities, pairs, examples) for lam in FUSION_GRID}
    by_lambda = {lam: sum(r) / len(r) for lam, r in ranks.items()}
    best = max(FUSION_GRID, key=lambda lam: (by_lambda[lam], -lam))
    error = _standard_error(ranks[best])
    chosen = min(lam for lam in FUSION_GRID if by_lambda[lam] >= by_lambda[best] - error - 1e-12)
    return {
        "lambda": chosen,
        "chosen_by": "the lowest λ in 0, 0.1, ..., 1 whose validation MRR@10 of the fused order is within one standard error of the best",
        "validation_mrr@10": {str(lam): round(mrr, 4) for lam, mrr in by_lambda.items()},
        "standard_error": round(error, 4),
    }
