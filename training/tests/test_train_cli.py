import json

import pytest

from training.fusion import FUSION_GRID
from training.train import main


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--backbone", "hf:/no/such/checkpoint"], "transformers|no Hugging Face checkpoint"),
        (["--backbone", "giant"], 'unknown --backbone "giant"'),
        ([], "needs --tokenizer"),
        (["--alpha", "1.5", "--mono", "MONO"], "--alpha must be in"),
        (["--random-negatives", "-0.1"], "--random-negatives must be in"),
        (["--first-stage-dropout", "2"], "--first-stage-dropout must be in"),
        (["--first-stage", "on", "--backbone", "hf:/x"], "--first-stage on needs --backbone tiny"),
    ],
)
def test_bad_arguments_fail_with_one_clear_line(tmp_path, train_file, capsys, extra, message):
    # Prepare
    extra = [str(train_file) if a == "MONO" else a for a in extra]
    argv = ["--train", str(train_file), "--valid", str(train_file), "--out", str(tmp_path / "out"), *extra]
    # Act
    code = main(argv)
    # Assess
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("train: error: ")
    assert __import__("re").search(message, err[-1])
    assert not (tmp_path / "out" / "model.onnx").exists()


def test_trains_exports_and_describes_a_tiny_model(tmp_path, train_file, tokenizer_dir):
    # Prepare
    out = tmp_path / "model"
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "20", "--batch-size", "8", "--max-length", "48", "--seed", "3", "--out", str(out),
    ]
    # Act
    code = main(argv)
    # Assess
    card = json.loads((out / "xlir-model.json").read_text())
    assert code == 0
    assert {"model.onnx", "tokenizer.json", "xlir-model.json"} <= {p.name for p in out.iterdir()}
    assert card["method"] == "zero-shot" and card["seed"] == 3 and card["max_length"] == 48
    assert card["training"]["max_steps"] == 20
    assert card["onnx"]["parity_max_abs_diff"] <= 1e-4
    assert card["calibration"]["kind"] == "logistic"
    assert len(card["training_data_sha256"]) == 64
    assert card["files"]["model.onnx"]["bytes"] == (out / "model.onnx").stat().st_size


def test_idf_match_and_random_negatives_train_export_and_are_recorded(tmp_path, train_file, tokenizer_dir):
    # Prepare
    out = tmp_path / "model"
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "12", "--batch-size", "8", "--max-length", "48", "--idf-match", "on",
        "--random-negatives", "0.5", "--out", str(out),
    ]
    # Act
    code = main(argv)
    # Assess
    card = json.loads((out / "xlir-model.json").read_text())
    assert code == 0
    assert card["backbone"]["idf_match"] is True
    assert card["training"]["random_negatives"] == 0.5
    assert card["onnx"]["parity_max_abs_diff"] <= 1e-4


def with_first_stage_scores(source, target):
    """The rows of `source` with first-stage scores that put each positive third of five."""
    rows = [json.loads(line) for line in source.read_text().splitlines()]
    for row in rows:
        row["pos_first_stage"] = [0.5]
        row["neg_first_stage"] = [1.0, 0.8] + [0.1] * (len(row["neg"]) - 2)
    target.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return target


def test_a_first_stage_model_records_the_fusion_weight_chosen_on_validation(tmp_path, train_file, tokenizer_dir):
    # Prepare: the training rows with first-stage scores, each positive below two negatives.
    scored = with_first_stage_scores(train_file, tmp_path / "scored.jsonl")
    out = tmp_path / "model"
    argv = [
        "--train", str(scored), "--valid", str(scored), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "12", "--batch-size", "8", "--max-length", "48", "--first-stage", "on", "--out", str(out),
    ]
    # Act
    code = main(argv)
    # Assess: λ is one of the grid, the one with the best validation MRR@10 (the lowest on a tie).
    card = json.loads((out / "xlir-model.json").read_text())
    assert code == 0
    assert "first_stage" in card["inputs"]
    fusion = card["fusion"]
    by_lambda = {float(lam): mrr for lam, mrr in fusion["validation_mrr@10"].items()}
    assert sorted(by_lambda) == FUSION_GRID
    best = max(by_lambda.values())
    assert fusion["lambda"] == min(lam for lam, mrr in by_lambda.items() if mrr == best)
    # The first stage alone ranks each positive third.
    assert by_lambda[0.0] == pytest.approx(1 / 3, abs=1e-4)


def test_calibrate_rechooses_the_fusion_weight_of_an_exported_first_stage_model(tmp_path, train_file, tokenizer_dir):
    # Prepare: a first-stage model trained as above, its card's fusion removed.
    from training.calibrate import main as calibrate

    scored = with_first_stage_scores(train_file, tmp_path / "scored.jsonl")
    out = tmp_path / "model"
    assert main([
        "--train", str(scored), "--valid", str(scored), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "12", "--batch-size", "8", "--max-length", "48", "--first-stage", "on", "--out", str(out),
    ]) == 0
    card_path = out / "xlir-model.json"
    trained = json.loads(card_path.read_text())
    card_path.write_text(json.dumps({k: v for k, v in trained.items() if k != "fusion"}))
    # Act: scored by onnxruntime-node, as served.
    code = calibrate(["--model", str(out), "--tokenizer", str(tokenizer_dir), "--valid", str(scored), "--limit", "10000"])
    # Assess
    card = json.loads(card_path.read_text())
    assert code == 0
    assert card["fusion"]["lambda"] == trained["fusion"]["lambda"]
    assert card["fusion"]["validation_mrr@10"]["0.0"] == pytest.approx(1 / 3, abs=1e-4)


def test_a_text_model_records_no_fusion_weight(tmp_path, train_file, tokenizer_dir):
    # Prepare
    out = tmp_path / "model"
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "4", "--batch-size", "8", "--max-length", "48", "--out", str(out),
    ]
    # Act
    code = main(argv)
    # Assess
    assert code == 0
    assert "fusion" not in json.loads((out / "xlir-model.json").read_text())


def test_first_stage_on_refuses_data_without_scores_in_one_line(tmp_path, train_file, tokenizer_dir, capsys):
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "4", "--batch-size", "8", "--first-stage", "on", "--out", str(tmp_path / "out"),
    ]
    assert main(argv) == 2
    assert "--first-stage-scores" in capsys.readouterr().err.strip().splitlines()[-1]


def test_snapshot_steps_write_a_loadable_model_per_learning_curve_point(tmp_path, train_file, tokenizer_dir):
    # Prepare
    out = tmp_path / "model"
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--hidden", "16", "--layers", "1", "--heads", "2", "--ffn", "32", "--embedding-dim", "8",
        "--max-steps", "12", "--batch-size", "8", "--max-length", "48", "--snapshot-steps", "4,8", "--out", str(out),
    ]
    # Act
    code = main(argv)
    # Assess
    assert code == 0
    assert sorted(p.name for p in (out / "steps").iterdir()) == ["4", "8"]
    for steps in (4, 8):
        card = json.loads((out / "steps" / str(steps) / "xlir-model.json").read_text())
        assert card["training"]["steps"] == steps and card["training"]["max_steps"] == 12
        assert card["onnx"]["parity_max_abs_diff"] <= 1e-4
        assert 0.0 < card["validation"]["mrr@10"] <= 1.0
    final = json.loads((out / "xlir-model.json").read_text())
    assert final["training"]["steps"] == 12


@pytest.mark.parametrize("steps", ["12", "0", "five"])
def test_snapshot_steps_outside_the_run_fail_with_one_clear_line(tmp_path, train_file, tokenizer_dir, capsys, steps):
    # Prepare
    argv = [
        "--train", str(train_file), "--valid", str(train_file), "--tokenizer", str(tokenizer_dir),
        "--max-steps", "12", "--snapshot-steps", steps, "--out", str(tmp_path / "out"),
    ]
    # Act
    code = main(argv)
    # Assess
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("train: error: --snapshot-steps")
    assert not (tmp_path / "out").exists()
