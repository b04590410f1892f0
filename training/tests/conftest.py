"""Shared fixtures: a tiny hand-written multilingual corpus, lexicons and a trained tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ENGLISH = [
    ("Which river flows through the city?", "The river Elbe flows through the city of Dresden."),
    ("When was the cathedral built?", "The cathedral was built in the twelfth century."),
    ("Who wrote the novel?", "The novel was written by a young teacher from the village."),
    ("How many people live in the house?", "Five people live in the old house near the bridge."),
    ("What colour is the bird?", "The small bird has a bright red colour."),
    ("Where is the school?", "The school stands next to the church on the hill."),
]
NEGATIVES = [
    "Bread and cheese are sold at the market.",
    "The train leaves the station at noon.",
    "Snow covers the mountains in winter.",
    "The library opens on Monday morning.",
]
LEXICONS = {
    "de": [("river", "fluss"), ("city", "stadt"), ("cathedral", "kathedrale"), ("house", "haus"), ("bird", "vogel"),
           ("school", "schule"), ("church", "kirche"), ("people", "leute"), ("novel", "roman"), ("bridge", "brücke")],
    "ru": [("river", "река"), ("city", "город"), ("house", "дом"), ("bird", "птица"), ("school", "школа")],
    "zh": [("river", "河"), ("city", "城市"), ("house", "房子"), ("school", "学校")],
}


def write_examples(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def english_rows(repeat: int = 20) -> list[dict]:
    rows = []
    for copy in range(repeat):
        for index, (query, positive) in enumerate(ENGLISH):
            negatives = NEGATIVES + [p for j, (_, p) in enumerate(ENGLISH) if j != index][:2]
            rows.append({"id": f"q{copy}-{index}", "query": query, "pos": [positive], "neg": negatives[:4],
                         "query_lang": "en", "doc_lang": "en", "article": f"a{index}"})
    return rows


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("training")


@pytest.fixture(scope="session")
def lexicon_specs(workdir: Path) -> list[str]:
    specs = []
    for lang, pairs in LEXICONS.items():
        path = workdir / f"en-{lang}.tsv"
        path.write_text("".join(f"{s}\t{t}\t1\n" for s, t in pairs), encoding="utf-8")
        specs.append(f"{lang}={path}")
    return specs


@pytest.fixture(scope="session")
def train_file(workdir: Path) -> Path:
    return write_examples(workdir / "train.jsonl", english_rows())


@pytest.fixture(scope="session")
def tokenizer_dir(workdir: Path, train_file: Path, lexicon_specs: list[str]) -> Path:
    from training.build_tokenizer import main

    out = workdir / "tokenizer"
    args = ["--english", str(train_file), "--vocab-size", "200", "--out", str(out)]
    for spec in lexicon_specs:
        args += ["--lexicon", spec]
    assert main(args) == 0
    return out
