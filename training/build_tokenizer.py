"""python3 -m training.build_tokenizer: train the shared tokenizer and concept table.

All variants share one tokenizer, trained on the English training text plus the
lexicons' target-side words (repeated by the frequency of their English source, so
translations of common words become whole pieces), and one concept table.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import torch

from .concepts import LexiconFile, build_concept_table, read_lexicon
from .data import DataError, read_examples
from .text import words
from .tokenizer import PairTokenizer, save_tokenizer, train_sentencepiece

MAX_REPEAT = 20
WORDS_PER_LINE = 12


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m training.build_tokenizer", description=__doc__)
    parser.add_argument("--english", required=True, type=Path, help="English training examples (JSONL)")
    parser.add_argument("--lexicon", action="append", default=[], help="LANG=FILE.tsv, an en->LANG lexicon")
    parser.add_argument("--vocab-size", type=int, default=16000)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", required=True, type=Path)
    return parser.parse_args(argv)


def corpus(english_text: list[str], lexicons: list[LexiconFile], frequency: Counter, seed: int) -> list[str]:
    rng = random.Random(seed)
    foreign: list[str] = []
    for lexicon in lexicons:
        for src, tgt, _ in read_lexicon(lexicon.path):
            foreign.extend([tgt] * (1 + min(MAX_REPEAT, frequency[src])))
    rng.shuffle(foreign)
    lines = [" ".join(foreign[i : i + WORDS_PER_LINE]) for i in range(0, len(foreign), WORDS_PER_LINE)]
    return english_text + lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        lexicons = [LexiconFile.parse(spec) for spec in args.lexicon]
        examples = read_examples(args.english)
        text = sorted({e.query for e in examples} | {p for e in examples for p in e.pos + e.neg})
        frequency = Counter(w for line in text for w in words(line))
        lines = corpus(text, lexicons, frequency, args.seed)
        model = train_sentencepiece(lines, args.vocab_size)
        tokenizer = PairTokenizer.from_model(model)
        table, stats = build_concept_table(tokenizer, lexicons, frequency)
    except (DataError, ValueError, FileNotFoundError) as error:
        print(f"build_tokenizer: error: {error}", file=sys.stderr)
        return 2
    save_tokenizer(tokenizer, model, args.out, args.max_length)
    torch.save(table, args.out / "concepts.pt")
    stats.update(lexicons=[f"{l.lang}={l.path.name}" for l in lexicons], lines=len(lines), seed=args.seed)
    (args.out / "tokenizer-stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
