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


def test_a_best_lambda_within_one_standard_error_of_a_lower_one_gives_way_to_it():
    # Prepare: one group only the model gets right (λ ≥ 0.5 lifts it from rank 3 to 1), two both
    # get right, two both get wrong. MRR@10 0.7333 from λ 0.5 on against 0.6 below: a lead of
    # 0.1333 inside one standard error of the best λ's reciprocal ranks (1, 1, 1, 1/3, 1/3: 0.1633).
    logits, pairs, examples = groups(
        [[0.1, 0.9, 0.5]] + [[0.9, 0.1, 0.5]] * 2 + [[0.1, 0.9, 0.5]] * 2,
        [[3.0, -1.0, 0.0]] + [[3.0, -1.0, 0.0]] * 2 + [[-3.0, 1.0, 0.0]] * 2,
    )
    # Act
    fusion = choose_fusion(logits, IDENTITY, pairs, examples)
    # Assess
    mrr = fusion["validation_mrr@10"]
    assert mrr["1.0"] == pytest.approx(0.7333, abs=1e-4) and mrr["0.0"] == pytest.approx(0.6, abs=1e-4)
    assert fusion["standard_error"] == pytest.approx(0.1633, abs=1e-4)
    assert fusion["lambda"] == 0.0


def test_a_lead_beyond_one_standard_error_keeps_the_best_lambda():
    # Prepare: as above with the model right on three groups of five: 0.8667 against 0.4667, SE 0.1333.
    logits, pairs, examples = groups(
        [[0.1, 0.9, 0.5]] * 3 + [[0.9, 0.1, 0.5]] + [[0.1, 0.9, 0.5]],
        [[3.0, -1.0, 0.0]] * 3 + [[3.0, -1.0, 0.0]] + [[-3.0, 1.0, 0.0]],
    )
    # Act
    fusion = choose_fusion(logits, IDENTITY, pairs, examples)
    # Assess
    assert fusion["standard_error"] == pytest.approx(0.1333, abs=1e-4)
    assert fusion["lambda"] == 0.5
