"""Training examples: the JSONL that `xlir pairs` / `xlir codeswitch` write, turned into tensors.

One line is one query with its positives and negatives (sentence-transformers style):
{"id", "query", "pos": [...], "neg": [...], "query_lang", "doc_lang", "article"?, "switches"?, "provenance"?,
 "pos_first_stage"?: [...], "neg_first_stage"?: [...]}

The optional first-stage lists (`xlir pairs squad --first-stage-scores`) hold each passage's BM25 score
over the question's best hit, for models that read the first stage (`train.py --first-stage on`).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import torch

from .tokenizer import PAD_ID


class DataError(ValueError):
    """Input data a user can fix: missing file, malformed line, empty set."""


@dataclass
class Example:
    id: str
    query: str
    pos: list[str]
    neg: list[str]
    article: str | None
    provenance: dict | None
    pos_first_stage: list[float] | None = None
    neg_first_stage: list[float] | None = None


def _first_stage(record: dict, key: str, passages: list[str]) -> list[float] | None:
    values = record.get(key)
    if values is None:
        return None
    scores = [float(v) for v in values]
    if len(scores) != len(passages) or not all(0.0 <= v <= 1.0 for v in scores):
        raise TypeError(f"{key} must hold one number in [0, 1] per passage")
    return scores


def read_examples(path: Path, limit: int | None = None) -> list[Example]:
    if not path.is_file():
        raise DataError(f"training data not found: {path}")
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                example = Example(
                    id=str(record["id"]),
                    query=str(record["query"]),
                    pos=[str(p) for p in record["pos"]],
                    neg=[str(n) for n in record.get("neg", [])],
                    article=record.get("article"),
                    provenance=record.get("provenance"),
                )
                example.pos_first_stage = _first_stage(record, "pos_first_stage", example.pos)
                example.neg_first_stage = _first_stage(record, "neg_first_stage", example.neg)
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise DataError(f"{path}:{number}: not a training example ({error})") from None
            if not example.pos:
                raise DataError(f"{path}:{number}: example {example.id} has no positive")
            examples.append(example)
            if limit is not None and len(examples) >= limit:
                break
    if not examples:
        raise DataError(f"{path} holds no training examples")
    return examples


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def provenance_of(examples: list[Example]) -> dict:
    """The code-switching provenance shared by a file, or zero-shot when there is none."""
    first = examples[0].provenance
    return first if first else {"method": "zero-shot", "p": 0.0, "languages": ["en"], "lexicons": []}


@dataclass
class EncodedPair:
    ids: list[int]
    types: list[int]
    label: float
    first_stage: float | None = None  # the passage's first-stage ratio, when the data has one


def encode_pairs(examples: list[Example], encode: Callable[[str, str, int], tuple[list[int], list[int]]], max_length: int) -> list[EncodedPair]:
    pairs = []
    for example in examples:
        passages = [(p, 1.0) for p in example.pos] + [(n, 0.0) for n in example.neg]
        scores = (
            example.pos_first_stage + example.neg_first_stage
            if example.pos_first_stage is not None and example.neg_first_stage is not None
            else [None] * len(passages)
        )
        for (passage, label), score in zip(passages, scores):
            ids, types = encode(example.query, passage, max_length)
            pairs.append(EncodedPair(ids, types, label, score))
    return pairs


def with_random_negatives(
    batch: list[EncodedPair], count: int, max_length: int, rng: random.Random
) -> list[EncodedPair]:
    """`batch` plus `count` pairs of one pair's query with another query's passage, labelled 0.

    The recipe's negatives all come from the positive's own article or from BM25, so the model never
    sees the passages a first stage mostly returns: ones about something else that share a word or
    two. Pairing queries with passages drawn for other queries adds them at no encoding cost. Works on
    [CLS] query [SEP] passage [SEP] pairs (token type 0, then 1); a spliced pair longer than
    max_length loses passage tokens, keeping its final [SEP].
    """
    if count <= 0 or len(batch) < 2:
        return batch
    extra = []
    for _ in range(count):
        a, b = rng.sample(batch, 2)
        query = [(i, t) for i, t in zip(a.ids, a.types) if t == 0]
        passage = [(i, t) for i, t in zip(b.ids, b.types) if t == 1]
        if not passage or query == [(i, t) for i, t in zip(b.ids, b.types) if t == 0]:
            continue  # a pair without a passage segment, or the same query: not a negative
        spliced = query + passage
        if len(spliced) > max_length:
            spliced = spliced[: max_length - 1] + [passage[-1]]
        # Another query's passage has no first-stage score for this query.
        extra.append(EncodedPair([i for i, _ in spliced], [t for _, t in spliced], 0.0))
    return batch + extra


def passage_idf(pairs: list[EncodedPair], vocab_size: int) -> torch.Tensor:
    """BM25's idf of every token id over the distinct passages of `pairs`, scaled to [0, 1].

    A token no passage holds gets the largest idf: rarer than anything seen. Scaling by the
    largest value keeps the features in the same range whatever the corpus size.
    """
    seen: set[tuple[int, ...]] = set()
    df = torch.zeros(vocab_size, dtype=torch.float64)
    for pair in pairs:
        passage = tuple(i for i, t in zip(pair.ids, pair.types) if t == 1)
        if passage in seen:
            continue
        seen.add(passage)
        df[list(set(passage))] += 1
    n = max(len(seen), 1)
    idf = torch.log(1 + (n - df + 0.5) / (df + 0.5))
    return (idf / idf.max()).to(torch.float32)


def collate(pairs: list[EncodedPair]) -> dict[str, torch.Tensor]:
    """Dynamic padding to the longest pair in the batch."""
    length = max(len(p.ids) for p in pairs)
    ids = torch.full((len(pairs), length), PAD_ID, dtype=torch.int64)
    types = torch.zeros((len(pairs), length), dtype=torch.int64)
    mask = torch.zeros((len(pairs), length), dtype=torch.int64)
    for row, pair in enumerate(pairs):
        ids[row, : len(pair.ids)] = torch.tensor(pair.ids)
        types[row, : len(pair.types)] = torch.tensor(pair.types)
        mask[row, : len(pair.ids)] = 1
    labels = torch.tensor([p.label for p in pairs], dtype=torch.float32)
    # [present, ratio] per pair, the layout lib/rerank feeds; [0, 0] where the data has no score.
    first_stage = torch.tensor(
        [[0.0, 0.0] if p.first_stage is None else [1.0, p.first_stage] for p in pairs], dtype=torch.float32
    )
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types, "first_stage": first_stage, "labels": labels}


BUCKET_BATCHES = 32


def mixed_batches(
    primary: list[EncodedPair],
    secondary: list[EncodedPair] | None,
    alpha: float,
    batch_size: int,
    rng: random.Random,
) -> Iterator[list[EncodedPair]]:
    """Endless batches; with a secondary (monolingual) set, a share alpha of each batch comes from it.

    After "Synergistic Approach for Simultaneous Optimization of Monolingual, Cross-lingual,
    and Multilingual IR" (arXiv 2408.10536): alpha=0.5 mixes monolingual and code-switched
    pairs half and half in every batch.

    Length bucketing: pairs are drawn BUCKET_BATCHES batches at a time, sorted by length
    within each source and cut into batches, so padding (most of the compute on CPU) stays
    small; the batches of a bucket are then shuffled.
    """
    from_secondary = round(alpha * batch_size) if secondary else 0
    streams = [_epochs(primary, rng), _epochs(secondary or [], rng)]
    takes = [batch_size - from_secondary, from_secondary]
    while True:
        chunks = []
        for stream, take in zip(streams, takes):
            drawn = sorted((next(stream) for _ in range(take * BUCKET_BATCHES)), key=lambda p: len(p.ids))
            chunks.append([drawn[i * take : (i + 1) * take] for i in range(BUCKET_BATCHES)])
        bucket = [chunks[0][i] + chunks[1][i] for i in range(BUCKET_BATCHES)]
        rng.shuffle(bucket)
        yield from bucket


def _epochs(pairs: list[EncodedPair], rng: random.Random) -> Iterator[EncodedPair]:
    """Every pair once per epoch, in a fresh random order each epoch."""
    while pairs:
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for index in order:
            yield pairs[index]
