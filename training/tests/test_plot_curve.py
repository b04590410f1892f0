import json

from training.plot_curve import main, read_points


def write_card(path, model_id, steps, max_steps, mrr):
    path.mkdir(parents=True, exist_ok=True)
    card = {"id": model_id, "training": {"steps": steps, "max_steps": max_steps}, "validation": {"mrr@10": mrr}}
    (path / "xlir-model.json").write_text(json.dumps(card))


def test_reads_snapshots_and_experiment_results_into_sorted_series(tmp_path):
    # Prepare
    write_card(tmp_path / "zero-shot", "zero-shot", 4000, 4000, 0.8)
    write_card(tmp_path / "zero-shot" / "steps" / "1000", "zero-shot", 1000, 4000, 0.6)
    write_card(tmp_path / "zero-shot" / "steps" / "2000", "zero-shot", 2000, 4000, 0.7)
    (tmp_path / "xquad-r").mkdir()
    results = [
        {"system": "psq", "mean": {"map": 0.5}},
        {"system": "psq>rerank:zero-shot-step2000@0.3", "mean": {"map": 0.52}},
        {"system": "psq>rerank:zero-shot-step1000@0.3", "mean": {"map": 0.51}},
        {"system": "psq>rerank:zero-shot-step2000@1", "mean": {"map": 0.3}},
    ]
    (tmp_path / "xquad-r" / "results.json").write_text(json.dumps({"results": results}))
    # Act
    points = read_points(tmp_path)
    # Assess
    assert points["validation"] == {"zero-shot": {1000: 0.6, 2000: 0.7, 4000: 0.8}}
    assert list(points["xquad_r"]["zero-shot@0.3"].items()) == [(1000, 0.51), (2000, 0.52)]
    assert points["xquad_r"]["zero-shot@1"] == {2000: 0.3}
    assert points["psq"] == 0.5


def test_writes_an_svg_with_one_line_per_series_and_fails_clearly_without_models(tmp_path, capsys):
    # Prepare
    write_card(tmp_path / "a", "a", 2000, 2000, 0.8)
    write_card(tmp_path / "a" / "steps" / "1000", "a", 1000, 2000, 0.6)
    out = tmp_path / "curve.svg"
    # Act
    code = main(["--curves", str(tmp_path), "--out", str(out)])
    empty = main(["--curves", str(tmp_path / "nothing"), "--out", str(tmp_path / "x.svg")])
    # Assess
    svg = out.read_text()
    assert code == 0 and svg.startswith("<svg") and svg.count("<polyline") == 1
    assert empty == 2 and "plot_curve: error: no xlir-model.json" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()
