"""The token -> concept table baked into the tiny model (its cross-lingual alignment signal).

A concept is an English headword. An English piece "▁house" maps to the concept
"house"; a foreign piece "▁haus" maps to the concept of its best English translation
in the en->xx lexicons (highest score, ties to the more frequent English word). So
translation-equivalent whole-word pieces share an id across all languages, and a
German query can match a Russian passage through the English pivot. Pieces that are
not whole words, or that no lexicon knows, get concept 0 (no concept).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import torch

from .text import normalize
from .tokenizer import METASPACE, PairTokenizer


@dataclass(frozen=True)
class LexiconFile:
    lang: str
    path: Path

    @classmethod
    def parse(cls, spec: str) -> "LexiconFile":
        lang, sep, path = spec.partition("=")
        if not sep or not lang or not path:
            raise ValueError(f'lexicon must be given as LANG=FILE.tsv, got "{spec}"')
        return cls(lang, Path(path))


def read_lexicon(path: Path) -> list[tuple[str, str, float]]:
    """src<TAB>tgt<TAB>score lines, as `xlir lexicon import` writes them; phrases are skipped."""
    if not path.is_file():
        raise FileNotFoundError(f"lexicon not found: {path}")
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2 or row[0].startswith("#"):
                continue
            src, tgt = normalize(row[0]), normalize(row[1])
            score = float(row[2]) if len(row) > 2 and row[2] else 1.0
            if " " in src or " " in tgt or not src.isalpha() or not tgt.isalpha():
                continue
            entries.append((src, tgt, score))
    if not entries:
        raise ValueError(f"lexicon {path} has no usable single-word entries")
    return entries


def foreign_to_english(lexicons: list[LexiconFile], english_frequency: Counter) -> dict[str, str]:
    best: dict[str, tuple[float, int, str]] = {}
    for lexicon in lexicons:
        for src, tgt, score in read_lexicon(lexicon.path):
            candidate = (score, english_frequency[src], src)
            if tgt not in best or candidate > best[tgt]:
                best[tgt] = candidate
    return {word: choice[2] for word, choice in best.items()}


def build_concept_table(
    tokenizer: PairTokenizer,
    lexicons: list[LexiconFile],
    english_frequency: Counter,
) -> tuple[torch.Tensor, dict]:
    """Concept id per token id, plus coverage figures for the training log."""
    english = {word for lexicon in lexicons for word, _, _ in read_lexicon(lexicon.path)}
    english.update(word for word, count in english_frequency.items() if count >= 2)
    to_english = foreign_to_english(lexicons, english_frequency)
    concept_ids: dict[str, int] = {}
    table = torch.zeros(tokenizer.vocab_size, dtype=torch.int64)
    whole_words = via_english = via_lexicon = 0
    for token_id, (piece, _) in enumerate(tokenizer.pieces()):
        if not piece.startswith(METASPACE) or len(piece) < 2:
            continue
        word = piece[1:]
        whole_words += 1
        if word in english:
            head = word
            via_english += 1
        elif word in to_english:
            head = to_english[word]
            via_lexicon += 1
        else:
            continue
        table[token_id] = concept_ids.setdefault(head, len(concept_ids) + 1)
    stats = {
        "vocab": tokenizer.vocab_size,
        "whole_word_pieces": whole_words,
        "english_concepts": via_english,
        "translated_concepts": via_lexicon,
        "concepts": len(concept_ids),
    }
    return table, stats
