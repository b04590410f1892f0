import json
import random

import pytest

from training.data import DataError, EncodedPair, mixed_batches, read_examples
from training.leakage import assert_no_leakage, evaluation_questions, leaked

from .conftest import english_rows, write_examples


def test_reads_grouped_examples(train_file):
    examples = read_examples(train_file)
    assert len(examples) == len(english_rows())
    assert examples[0].pos and len(examples[0].neg) == 4


@pytest.mark.parametrize(
    "line, message",
    [("{not json", "not a training example"), ('{"id": "x", "query": "q", "pos": []}', "no positive")],
)
def test_malformed_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "ok", "query": "q", "pos": ["p"]}) + "\n" + line + "\n")
    with pytest.raises(DataError, match=rf"bad.jsonl:2: .*{message}"):
        read_examples(path)


def test_missing_and_empty_files_are_data_errors(tmp_path):
    with pytest.raises(DataError, match="not found"):
        read_examples(tmp_path / "absent.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(DataError, match="no training examples"):
        read_examples(tmp_path / "empty.jsonl")


def pairs(label: float, n: int) -> list[EncodedPair]:
    return [EncodedPair([label, i], [0, 0], label) for i in range(n)]


@pytest.mark.parametrize("alpha, expected", [(0.0, 0), (0.25, 4), (0.5, 8), (1.0, 16)])
def test_mixed_batches_take_a_share_alpha_from_the_monolingual_set(alpha, expected):
    # Prepare
    switched, mono = pairs(0.0, 50), pairs(1.0, 30)
    # Act
    batches = mixed_batches(switched, mono, alpha, 16, random.Random(1))
    first = [next(batches) for _ in range(10)]
    # Assess
    assert all(sum(p.label for p in batch) == expected for batch in first)


def test_mixed_batches_visit_every_pair_once_per_epoch():
    switched = pairs(0.0, 32)
    batches = mixed_batches(switched, None, 0.5, 8, random.Random(3))
    seen = [p.ids[1] for _ in range(4) for p in next(batches)]
    assert sorted(seen) == list(range(32))


def squad_file(path, questions):
    data = {"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": [{"id": str(i), "question": q}
                                                                             for i, q in enumerate(questions)]}]}]}
    path.write_text(json.dumps(data))
    return path


def test_training_on_evaluation_questions_is_refused(tmp_path, train_file):
    # Prepare: an evaluation file that shares one question (modulo case and spacing) with the training data
    examples = read_examples(train_file)
    evaluation = squad_file(tmp_path / "dev.json", ["Unrelated question?", "  WHEN was the cathedral   built?"])
    # Act
    hits = leaked(examples, evaluation_questions(evaluation))
    # Assess
    assert hits and all("cathedral" in e.query for e in examples if e.id in hits)
    with pytest.raises(DataError, match="evaluation questions"):
        assert_no_leakage(examples, [evaluation])


def test_disjoint_evaluation_passes(tmp_path, train_file):
    evaluation = squad_file(tmp_path / "dev.json", ["Who painted the ceiling?"])
    assert_no_leakage(read_examples(train_file), [evaluation])


def test_write_examples_round_trip(tmp_path):
    path = write_examples(tmp_path / "x.jsonl", english_rows(1))
    assert [e.query for e in read_examples(path)] == [r["query"] for r in english_rows(1)]
