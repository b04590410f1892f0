import json
import random

import pytest

from training.data import (
    BUCKET_BATCHES,
    DataError,
    EncodedPair,
    collate,
    encode_pairs,
    mixed_batches,
    passage_idf,
    read_examples,
    with_random_negatives,
)
from training.leakage import check_leakage, evaluation_set, leaked_passages

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
    # Prepare: exactly one bucket's worth of pairs
    switched = pairs(0.0, 8 * BUCKET_BATCHES)
    # Act
    batches = mixed_batches(switched, None, 0.5, 8, random.Random(3))
    seen = [p.ids[1] for _ in range(BUCKET_BATCHES) for p in next(batches)]
    # Assess
    assert sorted(seen) == list(range(8 * BUCKET_BATCHES))


def test_batches_group_pairs_of_similar_length():
    # Prepare: lengths 1..512 in random order
    rng = random.Random(5)
    varied = [EncodedPair([0] * n, [0] * n, 0.0) for n in rng.sample(range(1, 513), 512)]
    # Act
    batch = next(mixed_batches(varied, None, 0.0, 16, rng))
    # Assess: a random batch would span hundreds of lengths
    lengths = [len(p.ids) for p in batch]
    assert max(lengths) - min(lengths) < 64


def squad_file(path, questions, sentences):
    paragraph = {"context": " ".join(sentences), "sentences": sentences,
                 "qas": [{"id": str(i), "question": q} for i, q in enumerate(questions)]}
    path.write_text(json.dumps({"data": [{"title": "t", "paragraphs": [paragraph]}]}))
    return path


def test_training_on_evaluation_passages_is_refused(tmp_path, train_file):
    # Prepare: an evaluation file containing one training passage (modulo case and spacing)
    evaluation = squad_file(tmp_path / "dev.json", ["Who?"], ["Unrelated.", "  THE cathedral was built in the twelfth   century."])
    examples = read_examples(train_file)
    # Act
    hits = leaked_passages(examples, evaluation_set(evaluation))
    # Assess
    assert hits and all(any("cathedral" in p for p in e.pos) for e in examples if e.id in hits)
    with pytest.raises(DataError, match="contain passages of dev.json"):
        check_leakage(examples, [evaluation])


def test_a_shared_generic_question_is_counted_not_refused(tmp_path, train_file):
    evaluation = squad_file(tmp_path / "dev.json", ["When was the cathedral built?"], ["A different passage."])
    shared = check_leakage(read_examples(train_file), [evaluation])
    assert shared == 20  # the fixture repeats that question 20 times


def test_write_examples_round_trip(tmp_path):
    path = write_examples(tmp_path / "x.jsonl", english_rows(1))
    assert [e.query for e in read_examples(path)] == [r["query"] for r in english_rows(1)]


def test_passage_idf_counts_each_distinct_passage_once_and_ranks_unseen_tokens_rarest():
    # Prepare: token 5 is in both distinct passages, 6 in one; the repeated passage must not count twice
    pairs = [
        EncodedPair([2, 9, 3, 5, 6, 3], [0, 0, 0, 1, 1, 1], 1.0),
        EncodedPair([2, 8, 3, 5, 6, 3], [0, 0, 0, 1, 1, 1], 0.0),
        EncodedPair([2, 9, 3, 5, 7, 3], [0, 0, 0, 1, 1, 1], 0.0),
    ]
    # Act
    idf = passage_idf(pairs, 12)
    # Assess
    assert idf.shape == (12,)
    assert idf[5] < idf[6] < idf[11]
    assert idf[6] == idf[7]
    assert idf[11] == 1.0  # never seen: the largest, scaled to 1
    assert idf[9] == idf[11]  # query tokens are not passages


def test_random_negatives_pair_a_query_with_another_querys_passage_labelled_zero():
    # Prepare: three pairs with distinct queries (type 0) and passages (type 1)
    batch = [
        EncodedPair([2, 10 + q, 3, 20 + q, 21 + q, 3], [0, 0, 0, 1, 1, 1], 1.0) for q in range(3)
    ]
    # Act
    out = with_random_negatives(batch, 4, 128, random.Random(1))
    # Assess: the batch is kept, and each extra pair joins one pair's query to a different pair's passage
    assert out[:3] == batch and len(out) == 7
    for pair in out[3:]:
        q, passage = pair.ids[1], pair.ids[3]
        assert pair.label == 0.0 and pair.types == [0, 0, 0, 1, 1, 1]
        assert q - 10 != passage - 20 and pair.ids[-1] == 3


def test_random_negatives_keep_the_final_separator_when_cut_to_length():
    long_query = EncodedPair([2, 10, 11, 12, 13, 3, 20, 3], [0, 0, 0, 0, 0, 0, 1, 1], 1.0)
    long_passage = EncodedPair([2, 14, 3, 21, 22, 23, 24, 3], [0, 0, 0, 1, 1, 1, 1, 1], 1.0)
    out = with_random_negatives([long_query, long_passage], 8, 8, random.Random(2))
    spliced = [p for p in out[2:] if p.ids[1] == 10]
    assert spliced, "the long query was paired at least once"
    assert all(len(p.ids) == 8 and p.ids[-1] == 3 and p.ids[:6] == [2, 10, 11, 12, 13, 3] for p in spliced)


def test_first_stage_scores_are_read_per_passage_and_collated_as_present_and_ratio(tmp_path):
    # Prepare
    path = tmp_path / "fs.jsonl"
    rows = [
        {"id": "a", "query": "q", "pos": ["p"], "neg": ["n1", "n2"], "pos_first_stage": [1.0], "neg_first_stage": [0.5, 0.0]},
        {"id": "b", "query": "q", "pos": ["p"], "neg": ["n1"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    # Act
    examples = read_examples(path)
    pairs = encode_pairs(examples, lambda q, p, n: ([2, 5, 3, 6, 3], [0, 0, 0, 1, 1]), 16)
    first_stage = collate(pairs)["first_stage"]
    # Assess: scored pairs are present with their ratio; the example without scores gets [0, 0]
    assert first_stage.tolist() == [[1.0, 1.0], [1.0, 0.5], [1.0, 0.0], [0.0, 0.0], [0.0, 0.0]]


@pytest.mark.parametrize("scores", [[0.5], [0.5, 1.5], "x"])
def test_first_stage_scores_must_be_one_ratio_per_passage(tmp_path, scores):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "a", "query": "q", "pos": ["p"], "neg": ["n1", "n2"], "neg_first_stage": scores}) + "\n")
    with pytest.raises(DataError, match=r"bad\.jsonl:1: "):
        read_examples(path)
