from pathlib import Path

import pytest
import torch

from training.export import check_parity, export_onnx, onnx_runtime_logits
from training.model import TinyConfig, TinyCrossEncoder

REPO = Path(__file__).resolve().parents[2]


def batch(rows, types):
    ids = torch.tensor(rows)
    return {
        "input_ids": ids,
        "attention_mask": (ids != 0).to(torch.int64),
        "token_type_ids": torch.tensor(types),
    }


def small_model(concepts=True, exact=True, seed=0):
    torch.manual_seed(seed)
    table = torch.zeros(32, dtype=torch.int64)
    table[10] = table[20] = 1  # tokens 10 and 20 are translations of each other
    config = TinyConfig(vocab_size=32, hidden=16, layers=1, heads=2, ffn=32, embedding_dim=8,
                        concept_match=concepts, exact_match=exact)
    return TinyCrossEncoder(config, table).eval()


def test_match_states_see_exact_and_translated_tokens_across_segments_only():
    # Prepare: [CLS] 10 11 12 [SEP] 11 20 12 12 [SEP] [PAD]
    b = batch([[2, 10, 11, 12, 3, 11, 20, 13, 13, 3, 0]], [[0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]])
    # Act
    states = small_model().match_states(b["input_ids"], b["attention_mask"], b["token_type_ids"])[0].tolist()
    # Assess: 11 matches exactly, 10/20 match by concept, 12 and 13 repeat only within their own segment
    assert states == [0, 2, 1, 0, 0, 1, 2, 0, 0, 0, 0]


def test_switching_a_feature_off_removes_its_state():
    b = batch([[2, 10, 11, 3, 11, 20, 3]], [[0, 0, 0, 0, 1, 1, 1]])
    only_exact = small_model(concepts=False).match_states(b["input_ids"], b["attention_mask"], b["token_type_ids"])
    only_concept = small_model(exact=False).match_states(b["input_ids"], b["attention_mask"], b["token_type_ids"])
    assert only_exact[0].tolist() == [0, 0, 1, 0, 1, 0, 0]
    assert only_concept[0].tolist() == [0, 2, 0, 0, 0, 2, 0]


def test_rejects_a_concept_table_of_the_wrong_size():
    with pytest.raises(ValueError, match="concept table"):
        TinyCrossEncoder(TinyConfig(vocab_size=8), torch.zeros(9, dtype=torch.int64))


def test_onnx_export_matches_pytorch_on_onnxruntime_with_other_shapes(tmp_path):
    # Prepare
    model = small_model(seed=3)
    sample = batch([[2, 10, 11, 3, 20, 3]], [[0, 0, 0, 0, 1, 1]])
    export_onnx(model, sample, tmp_path / "model.onnx")
    other = batch(
        [[2, 10, 11, 12, 3, 11, 20, 13, 3, 0, 0], [2, 5, 3, 6, 7, 8, 9, 3, 0, 0, 0], [2, 4, 3, 4, 3, 0, 0, 0, 0, 0, 0]],
        [[0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]] * 3,
    )
    # Act
    difference = check_parity(model, tmp_path / "model.onnx", other, REPO)
    logits = onnx_runtime_logits(tmp_path / "model.onnx", other, REPO)
    # Assess
    assert difference <= 1e-4
    assert logits.shape == (3, 1) and torch.isfinite(logits).all()


def test_logistic_calibration_recovers_a_known_link():
    from training.calibration import fit_logistic

    # Prepare: labels drawn from sigmoid(2x - 1)
    generator = torch.Generator().manual_seed(0)
    x = torch.linspace(-4, 4, 4000)
    y = (torch.rand(4000, generator=generator) < torch.sigmoid(2 * x - 1)).float()
    # Act
    fit = fit_logistic(x.tolist(), y.tolist())
    # Assess
    assert fit["kind"] == "logistic"
    assert abs(fit["a"] - 2) < 0.25 and abs(fit["b"] + 1) < 0.25


def knrm_model(seed=0):
    torch.manual_seed(seed)
    table = torch.zeros(32, dtype=torch.int64)
    table[10] = table[20] = 1
    config = TinyConfig(vocab_size=32, hidden=16, layers=1, heads=2, ffn=32, embedding_dim=8, knrm=True)
    return TinyCrossEncoder(config, table).eval()


def test_knrm_counts_exact_and_translated_matches_in_the_exact_kernel_only_across_segments():
    # Prepare: query 10 11; passage A has 11 (exact) and 20 (concept of 10); passage B neither
    model = knrm_model()
    hit = batch([[2, 10, 11, 3, 11, 20, 3]], [[0, 0, 0, 0, 1, 1, 1]])
    miss = batch([[2, 10, 11, 3, 5, 6, 3]], [[0, 0, 0, 0, 1, 1, 1]])
    # Act
    with torch.no_grad():
        tokens_hit = model.project(model.token(hit["input_ids"]))
        tokens_miss = model.project(model.token(miss["input_ids"]))
        f_hit = model.soft_match_features(tokens_hit, hit["input_ids"], hit["attention_mask"], hit["token_type_ids"])
        f_miss = model.soft_match_features(tokens_miss, miss["input_ids"], miss["attention_mask"], miss["token_type_ids"])
    # Assess: the exact kernel (mu 1.0) counts one passage token per query token in A, none in B
    assert f_hit.shape == (1, 11)
    assert abs(f_hit[0, 0].item() - 0.0) < 1e-3  # 2 query tokens x 0.01 x log(1)
    assert f_miss[0, 0].item() < -0.4  # 2 x 0.01 x log(1e-10)


def parity_after_export(model, tmp_path, sample_inputs=None, other_inputs=None):
    """Exports on a one-pair sample, then checks ONNX Runtime against PyTorch on a two-pair padded batch."""
    sample = {**batch([[2, 10, 11, 3, 20, 3]], [[0, 0, 0, 0, 1, 1]]), **(sample_inputs or {})}
    export_onnx(model, sample, tmp_path / "model.onnx")
    other = batch([[2, 10, 11, 12, 3, 11, 20, 13, 3, 0], [2, 5, 3, 6, 7, 8, 9, 3, 0, 0]], [[0, 0, 0, 0, 0, 1, 1, 1, 1, 1]] * 2)
    return check_parity(model, tmp_path / "model.onnx", {**other, **(other_inputs or {})}, REPO)


def test_knrm_model_exports_to_onnx_with_parity(tmp_path):
    assert parity_after_export(knrm_model(seed=5), tmp_path) <= 1e-4


def idf_model(seed=0):
    torch.manual_seed(seed)
    table = torch.zeros(32, dtype=torch.int64)
    table[10] = table[20] = 1
    config = TinyConfig(vocab_size=32, hidden=16, layers=1, heads=2, ffn=32, embedding_dim=8, idf_match=True)
    model = TinyCrossEncoder(config, table)
    idf = torch.full((32,), 0.1)
    idf[10] = idf[20] = 0.9  # a rare word and its translation
    model.set_idf(idf)
    return model.eval()


def test_idf_match_shares_weigh_rare_query_tokens_and_count_translations_as_matches():
    # Prepare: query 10 (rare) 11 (common); passage A holds 11 exactly, B holds 20 (10's translation)
    model = idf_model()
    common = batch([[2, 10, 11, 3, 11, 5, 3]], [[0, 0, 0, 0, 1, 1, 1]])
    rare = batch([[2, 10, 11, 3, 20, 5, 3]], [[0, 0, 0, 0, 1, 1, 1]])
    # Act
    with torch.no_grad():
        def features(b):
            states = model.match_states(b["input_ids"], b["attention_mask"], b["token_type_ids"])
            return model.idf_match_features(states, b["input_ids"], b["attention_mask"], b["token_type_ids"])[0]

        f_common, f_rare = features(common), features(rare)
    # Assess: exact share, exact-or-concept share (query side), then the passage side
    assert torch.allclose(f_common, torch.tensor([0.1, 0.1, 0.5]), atol=1e-5)
    assert torch.allclose(f_rare, torch.tensor([0.0, 0.9, 0.9]), atol=1e-5)


def test_idf_table_must_fit_the_vocabulary_and_the_model_must_have_one():
    with pytest.raises(ValueError, match="expected \\(32,\\)"):
        idf_model().set_idf(torch.ones(31))
    with pytest.raises(ValueError, match="idf_match"):
        small_model().set_idf(torch.ones(32))


def test_idf_model_exports_to_onnx_with_parity(tmp_path):
    assert parity_after_export(idf_model(seed=7), tmp_path) <= 1e-4


def first_stage_model(seed=0):
    torch.manual_seed(seed)
    table = torch.zeros(32, dtype=torch.int64)
    config = TinyConfig(vocab_size=32, hidden=16, layers=1, heads=2, ffn=32, embedding_dim=8, first_stage_input=True)
    return TinyCrossEncoder(config, table).eval()


def test_a_first_stage_model_needs_its_fourth_input_and_reads_it():
    model = first_stage_model()
    b = batch([[2, 10, 11, 3, 11, 20, 3]] * 2, [[0, 0, 0, 0, 1, 1, 1]] * 2)
    with pytest.raises(ValueError, match="first_stage"):
        model(b["input_ids"], b["attention_mask"], b["token_type_ids"])
    with torch.no_grad():
        logits = model(b["input_ids"], b["attention_mask"], b["token_type_ids"], torch.tensor([[1.0, 1.0], [0.0, 0.0]]))
    # The same text with and without a first-stage score scores differently: the input reaches the logit
    assert abs(logits[0, 0].item() - logits[1, 0].item()) > 1e-4
    assert model.input_names == ["input_ids", "attention_mask", "token_type_ids", "first_stage"]
    assert small_model().input_names == ["input_ids", "attention_mask", "token_type_ids"]


def test_first_stage_model_exports_four_inputs_with_parity(tmp_path):
    sample = {"first_stage": torch.tensor([[1.0, 0.5]])}
    other = {"first_stage": torch.tensor([[1.0, 0.25], [0.0, 0.0]])}
    assert parity_after_export(first_stage_model(seed=3), tmp_path, sample, other) <= 1e-4
