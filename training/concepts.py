"""The token -> concept table baked into the tiny model (its cross-lingual alignment signal).

A concept is an English stem. An English piece "▁houses" maps to the concept "hous";
a foreign piece maps to the concept of its best English translation in the en->xx
lexicons (highest score, ties to the more frequent English word). Translation-equivalent
pieces therefore share an id across all languages, and a German query can match a
Russian passage through the English pivot.

Lexicons list lemmas while text is inflected ("Häuser", "домами"), so a foreign piece
that is not itself a lexicon word is also tried through its language's Snowball stem
("häuser" -> "haus" -> "house"). The language of a piece is guessed from its script:
Cyrillic is Russian, Arabic script is Arabic, Latin is tried as German, then Spanish.
Chinese has no spaces, so its pieces carry no "▁" word-start mark; a piece made only
of CJK characters that the lexicon knows is a concept wherever it occurs.
Everything else (sub-word pieces, unknown words) gets concept 0: no concept.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import snowballstemmer
import torch

from .text import normalize
from .tokenizer import METASPACE

SNOWBALL = {"en": "english", "de": "german", "es": "spanish", "ru": "russian", "ar": "arabic"}
CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


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


@functools.lru_cache(maxsize=None)
def read_lexicon(path: Path) -> tuple[tuple[str, str, float], ...]:
    """src<TAB>tgt<TAB>score lines, as `xlir lexicon import` writes them; phrases are skipped.

    Cached: the tokenizer corpus, the English word set and the translation maps all read it.
    """
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
    return tuple(entries)


def stemmer(lang: str) -> Callable[[str], str]:
    algorithm = SNOWBALL.get(lang)
    if algorithm is None:
        return lambda word: word
    return snowballstemmer.stemmer(algorithm).stemWord


def candidate_languages(word: str) -> list[str]:
    if CYRILLIC.search(word):
        return ["ru"]
    if ARABIC.search(word):
        return ["ar"]
    return ["de", "es"]


class ConceptIndex:
    """Word -> English head, exactly or through a language's stem."""

    def __init__(self, lexicons: list[LexiconFile], english_frequency: Counter):
        self.english = {src for lexicon in lexicons for src, _, _ in read_lexicon(lexicon.path)}
        self.english.update(word for word, count in english_frequency.items() if count >= 2)
        exact: dict[str, tuple[float, int, str]] = {}
        stems: dict[str, dict[str, tuple[float, int, str]]] = {}
        for lexicon in lexicons:
            stem = stemmer(lexicon.lang)
            by_stem = stems.setdefault(lexicon.lang, {})
            for src, tgt, score in read_lexicon(lexicon.path):
                candidate = (score, english_frequency[src], src)
                for table, key in ((exact, tgt), (by_stem, stem(tgt))):
                    if key not in table or candidate > table[key]:
                        table[key] = candidate
        self.exact = {word: choice[2] for word, choice in exact.items()}
        self.stems = {lang: {s: c[2] for s, c in table.items()} for lang, table in stems.items()}
        self.stemmers = {lang: stemmer(lang) for lang in set(self.stems) | {"en"}}
        self.english_stems = {self.stemmers["en"](word): word for word in sorted(self.english)}

    def head(self, word: str) -> tuple[str | None, str]:
        """The English word a token word stands for, and how it was found."""
        if word in self.english:
            return word, "english"
        if word in self.exact:
            return self.exact[word], "lexicon"
        if not CYRILLIC.search(word) and not ARABIC.search(word):
            english = self.english_stems.get(self.stemmers["en"](word))
            if english is not None:
                return english, "stem"
        for lang in candidate_languages(word):
            table = self.stems.get(lang)
            if table is not None:
                english = table.get(self.stemmers[lang](word))
                if english is not None:
                    return english, "stem"
        return None, "none"

    def concept_key(self, english: str) -> str:
        return self.stemmers["en"](english)


def piece_word(piece: str) -> str | None:
    """The word a piece spells: a "▁"-initial piece, or a CJK-only piece anywhere in a word."""
    if piece.startswith(METASPACE) and len(piece) > 1:
        return piece[1:]
    if CJK.match(piece):
        return piece
    return None


def build_concept_table(tokenizer, lexicons: list[LexiconFile], english_frequency: Counter) -> tuple[torch.Tensor, dict]:
    """Concept id per token id, plus coverage figures for the training log."""
    index = ConceptIndex(lexicons, english_frequency)
    concept_ids: dict[str, int] = {}
    table = torch.zeros(tokenizer.vocab_size, dtype=torch.int64)
    found: Counter = Counter()
    for token_id, (piece, _) in enumerate(tokenizer.pieces()):
        word = piece_word(piece)
        if word is None:
            continue
        found["word_pieces"] += 1
        english, how = index.head(word)
        found[how] += 1
        if english is not None:
            table[token_id] = concept_ids.setdefault(index.concept_key(english), len(concept_ids) + 1)
    stats = {
        "vocab": tokenizer.vocab_size,
        "word_pieces": found["word_pieces"],
        "english_concepts": found["english"],
        "lexicon_concepts": found["lexicon"],
        "stem_concepts": found["stem"],
        "concepts": len(concept_ids),
    }
    return table, stats
