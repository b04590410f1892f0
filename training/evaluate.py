"""Validation metrics on grouped examples: each query ranks its positives among its negatives."""

from __future__ import annotations

from typing import Callable

import torch

from .data import EncodedPair, Example, collate

ScoreFn = Callable[[dict[str, torch.Tensor]], torch.Tensor]


@torch.no_grad()
def score_pairs(score: ScoreFn, pairs: list[EncodedPair], batch_size: int = 256) -> list[float]:
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i].ids))
    scores = [0.0] * len(pairs)
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        batch = collate([pairs[i] for i in chunk])
        for index, value in zip(chunk, score(batch).view(-1).tolist()):
            scores[index] = value
    return scores


def group_metrics(examples: list[Example], scores: list[float], labels: list[float]) -> dict[str, float]:
    """MRR@10 and P@1 per query over its own candidates."""
    reciprocal = top1 = 0.0
    position = 0
    for example in examples:
        n = len(example.pos) + len(example.neg)
        group = list(zip(scores[position : position + n], labels[position : position + n]))
        position += n
        ranked = sorted(group, key=lambda item: -item[0])
        first = next(rank for rank, (_, label) in enumerate(ranked, 1) if label > 0)
        reciprocal += 1.0 / first if first <= 10 else 0.0
        top1 += 1.0 if first == 1 else 0.0
    return {"mrr@10": reciprocal / len(examples), "p@1": top1 / len(examples)}


def validate(scores: list[float], pairs: list[EncodedPair], examples: list[Example]) -> dict[str, float]:
    """Loss and ranking metrics from the scores of `pairs` (as encode_pairs laid them out from `examples`)."""
    labels = [p.label for p in pairs]
    logits = torch.tensor(scores)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(labels)).item()
    return {"loss": loss, **group_metrics(examples, scores, labels)}
