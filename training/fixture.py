"""python3 -m training.fixture --out DIR: the recipe end to end at toy scale, in about a minute.

Builds a tokenizer, trains a tiny cross-encoder on a few hundred hand-written pairs,
exports it, and records reference.json (pairs, token ids and PyTorch scores) so the
Node reranker can prove it reproduces the Python pipeline. This is both the CI smoke
test of the recipe and the generator of the committed test fixture.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import torch

from . import build_tokenizer, train
from .model import TinyConfig, TinyCrossEncoder
from .tokenizer import load_tokenizer

TOPICS = [
    ("Which river flows through the city?", "The river Elbe flows through the city of Dresden."),
    ("When was the cathedral built?", "The cathedral was built in the twelfth century."),
    ("Who wrote the novel?", "The novel was written by a young teacher from the village."),
    ("How many people live in the house?", "Five people live in the old house near the bridge."),
    ("What colour is the bird?", "The small bird has a bright red colour."),
    ("Where is the school?", "The school stands next to the church on the hill."),
    ("What do the farmers grow?", "The farmers grow wheat and potatoes in the valley."),
    ("Which king built the castle?", "King Henry built the castle after the long war."),
]
LEXICON = {
    "de": [("river", "fluss"), ("city", "stadt"), ("cathedral", "kathedrale"), ("house", "haus"),
           ("bird", "vogel"), ("school", "schule"), ("church", "kirche"), ("castle", "burg"), ("king", "könig")],
    "zh": [("river", "河"), ("city", "城市"), ("house", "房子"), ("school", "学校"), ("bird", "鸟")],
}
REFERENCE_PAIRS = [
    ("Which river flows through the city?", "The river Elbe flows through the city of Dresden."),
    ("Which river flows through the city?", "The farmers grow wheat and potatoes in the valley."),
    ("Where is the school?", "Die Schule steht neben der Kirche auf dem Hügel."),
    ("学校在哪里？", "The school stands next to the church on the hill."),
    ("Где находится школа?", "Школа стоит рядом с церковью."),
    ("ＦＵＬＬＷＩＤＴＨ İstanbul “quotes”", "☃ " + "long passage words " * 60),
]


def write_inputs(work: Path) -> tuple[Path, Path, list[str]]:
    rows = []
    for copy in range(40):
        for index, (query, positive) in enumerate(TOPICS):
            negatives = [p for j, (_, p) in enumerate(TOPICS) if j != index]
            negatives = negatives[copy % len(negatives) :] + negatives[: copy % len(negatives)]
            rows.append({"id": f"{copy}-{index}", "query": query, "pos": [positive], "neg": negatives[:4],
                         "query_lang": "en", "doc_lang": "en", "article": str(index)})
    train_file, valid_file = work / "train.jsonl", work / "valid.jsonl"
    train_file.write_text("".join(json.dumps(r) + "\n" for r in rows[:-16]))
    valid_file.write_text("".join(json.dumps(r) + "\n" for r in rows[-16:]))
    specs = []
    for lang, pairs in LEXICON.items():
        path = work / f"en-{lang}.tsv"
        path.write_text("".join(f"{s}\t{t}\t1\n" for s, t in pairs), encoding="utf-8")
        specs.append(f"{lang}={path}")
    return train_file, valid_file, specs


def reference(out: Path, tokenizer_dir: Path) -> dict:
    card = json.loads((out / "xlir-model.json").read_text())
    config = TinyConfig(**{k: v for k, v in card["backbone"].items() if k != "kind"})
    model = TinyCrossEncoder(config, torch.load(tokenizer_dir / "concepts.pt"))
    model.load_state_dict(torch.load(out / "checkpoint.pt"))
    model.eval()
    tokenizer, _ = load_tokenizer(tokenizer_dir)
    encoded = [tokenizer.encode_pair(q, p, card["max_length"]) for q, p in REFERENCE_PAIRS]
    scores = []
    with torch.no_grad():
        for ids, types in encoded:
            batch = torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.int64), torch.tensor([types])
            scores.append(model(*batch).item())
    return {
        "max_length": card["max_length"],
        "pairs": [list(p) for p in REFERENCE_PAIRS],
        "input_ids": [ids for ids, _ in encoded],
        "token_type_ids": [types for _, types in encoded],
        "scores": scores,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m training.fixture", description=__doc__)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        train_file, valid_file, specs = write_inputs(work)
        tokenizer_args = ["--english", str(train_file), "--vocab-size", "300", "--max-length", "64", "--out", str(work / "tok")]
        for spec in specs:
            tokenizer_args += ["--lexicon", spec]
        if build_tokenizer.main(tokenizer_args) != 0:
            return 2
        code = train.main([
            "--train", str(train_file), "--valid", str(valid_file), "--tokenizer", str(work / "tok"),
            "--hidden", "32", "--layers", "1", "--heads", "2", "--ffn", "64", "--embedding-dim", "16",
            "--max-steps", str(args.steps), "--batch-size", "16", "--lr", "3e-3", "--warmup-steps", "10",
            "--max-length", "64", "--seed", str(args.seed), "--id", "tiny-fixture", "--pairs", "en-en",
            "--save-checkpoint", "--out", str(args.out),
        ])
        if code != 0:
            return code
        (args.out / "reference.json").write_text(json.dumps(reference(args.out, work / "tok"), ensure_ascii=False) + "\n")
        (args.out / "checkpoint.pt").unlink()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
