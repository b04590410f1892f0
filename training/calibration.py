"""Per-variant calibration: a logistic (Platt) fit of relevance on the model's logit.

When one candidate list mixes document languages and each language group is scored by
its own pair variant, raw logits of different variants are not comparable. Each
variant's xlir-model.json therefore carries sigmoid(a * logit + b), fitted on its own
held-out validation pairs; the reranker applies it before merging groups.
"""

from __future__ import annotations

import torch


def fit_logistic(logits: list[float], labels: list[float], steps: int = 200) -> dict:
    """Maximum-likelihood a, b for P(relevant | logit) = sigmoid(a * logit + b)."""
    if len(logits) != len(labels) or not logits:
        raise ValueError("calibration needs one label per logit, and at least one pair")
    x = torch.tensor(logits, dtype=torch.float64)
    y = torch.tensor(labels, dtype=torch.float64)
    a = torch.ones((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS([a, b], max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(a * x + b, y)
        loss.backward()
        return loss

    optimiser.step(closure)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(a * x + b, y).item()
    return {"kind": "logistic", "a": round(a.item(), 6), "b": round(b.item(), 6), "fit_pairs": len(logits), "log_loss": round(loss, 4)}
