"""Guards against training on the evaluation: XQuAD-R is built from SQuAD dev.

Leakage means training on evaluation *items*: a passage that is an evaluation sentence
or context. Such a file is refused. A question string alone is not an item: generic
questions ("What was the average family size?") recur across unrelated SQuAD train
and dev articles, so equal questions are only counted and reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .data import DataError, Example
from .text import normalize


@dataclass
class EvaluationSet:
    questions: set[str]
    passages: set[str]


def evaluation_set(path: Path) -> EvaluationSet:
    """Questions and passages (sentences where given, and contexts) of a SQuAD-format file."""
    if not path.is_file():
        raise DataError(f"evaluation file not found: {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    questions: set[str] = set()
    passages: set[str] = set()
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            passages.add(normalize(paragraph["context"]))
            passages.update(normalize(s) for s in paragraph.get("sentences", []))
            questions.update(normalize(qa["question"]) for qa in paragraph["qas"])
    return EvaluationSet(questions, passages)


def leaked_passages(examples: list[Example], evaluation: EvaluationSet) -> list[str]:
    """Ids of examples that train on an evaluation passage."""
    return [e.id for e in examples if any(normalize(p) in evaluation.passages for p in e.pos + e.neg)]


def shared_questions(examples: list[Example], evaluation: EvaluationSet) -> list[str]:
    return [e.id for e in examples if normalize(e.query) in evaluation.questions]


def check_leakage(examples: list[Example], forbidden_files: list[Path]) -> int:
    """Raises on leaked passages; returns how many queries merely share an evaluation question's wording."""
    shared = 0
    for path in forbidden_files:
        evaluation = evaluation_set(path)
        hits = leaked_passages(examples, evaluation)
        if hits:
            raise DataError(
                f"{len(hits)} training examples contain passages of {path.name} (first: {hits[0]}); refusing to train"
            )
        shared += len(shared_questions(examples, evaluation))
    return shared
