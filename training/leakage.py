"""Guards against training on the evaluation: XQuAD-R is built from SQuAD dev."""

from __future__ import annotations

import json
from pathlib import Path

from .data import DataError, Example
from .text import normalize


def evaluation_questions(path: Path) -> set[str]:
    """Questions of a SQuAD-format file (SQuAD dev, an XQuAD-R language file), normalised."""
    if not path.is_file():
        raise DataError(f"evaluation file not found: {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        normalize(qa["question"])
        for article in data["data"]
        for paragraph in article["paragraphs"]
        for qa in paragraph["qas"]
    }


def leaked(examples: list[Example], forbidden: set[str]) -> list[str]:
    """Ids of training examples whose query is an evaluation question."""
    return [e.id for e in examples if normalize(e.query) in forbidden]


def assert_no_leakage(examples: list[Example], forbidden_files: list[Path]) -> None:
    forbidden: set[str] = set()
    for path in forbidden_files:
        forbidden |= evaluation_questions(path)
    hits = leaked(examples, forbidden)
    if hits:
        raise DataError(f"{len(hits)} training queries are evaluation questions (first: {hits[0]}); refusing to train")
