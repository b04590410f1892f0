"""The fusion weight chosen on validation groups: it follows whichever score ranks the positives."""

import pytest

from training.data import EncodedPair, Example
from training.fusion import FUSION_GRID, choose_fusion, fused_mrr

IDENTITY = {"a": 1.0, "b": 0.0}


def groups(first_stage: list[list[float]], logits: list[list[float]]):
    """One example per group, its first candidate the positive; pairs and logits laid out as encode_pairs does."""
    examples, pairs, flat = [], [], []
    for g, (scores, model) in enumerate(zip(first_stage, logits)):
        examples.append(Example(f"q{g}", "q", ["p"], ["n"] * (len(scores) - 1), None, None))
        for i, (score, logit) in enumerate(zip(scores, model)):
            pairs.append(EncodedPair(ids=[1], types=[0], label=1.0 if i == 0 else 0.0, first_stage=score))
            flat.append(logit)
    return flat, pairs, examples


def test_a_model_that_ranks_better_than_its_first_stage_gets_the_lowest_lambda_where_it_decides():
    # Prepare: the first stage puts the positive last, the model first; normalised, the positive
    # scores (0, 1) and the first stage's favourite (1, 0), so from λ 0.5 on (a tie kept in
    # candidate order) the positive leads.
    logits, pairs, examples = groups([[0.1, 0.9, 0.5]] * 3, [[3.0, -1.0, 0.0]] * 3)
    # Act
    fusion = choose_fusion(logits, IDENTITY, pairs, examples)
    # Assess
    assert fusion["lambda"] == 0.5
    mrr = fusion["validation_mrr@10"]
    assert [mrr[str(lam)] for lam in FUSION_GRID if lam >= 0.5] == [1.0] * 6
    assert all(mrr[str(lam)] < 1.0 for lam in FUSION_GRID if lam < 0.5)
    assert mrr["0.0"] == pytest.approx(1 / 3, abs=1e-4)


def test_a_model_worse_than_its_first_stage_gets_the_lowest_lambda_that_ties():
    # Prepare: the first stage is right, the model wrong; every λ up to the flip ties at MRR 1.
    logits, pairs, examples = groups([[0.9, 0.1, 0.5]] * 2, [[-2.0, 2.0, 0.0]] * 2)
    # Act
    fusion = choose_fusion(logits, IDENTITY, pairs, examples)
    # Assess
    assert fusion["lambda"] == 0.0
    assert [fused_mrr(lam, [0.1, 0.9, 0.5] * 2, pairs, examples) for lam in (0.0, 1.0)] == [1.0, pytest.approx(1 / 3)]
    assert set(fusion["validation_mrr@10"]) == {str(lam) for lam in FUSION_GRID}


def test_pairs_without_first_stage_scores_are_refused():
    # Prepare
    logits, pairs, examples = groups([[0.9, 0.1]], [[1.0, 0.0]])
    pairs[1].first_stage = None
    # Act / Assess
    with pytest.raises(ValueError, match="first-stage score"):
        choose_fusion(logits, IDENTITY, pairs, examples)
