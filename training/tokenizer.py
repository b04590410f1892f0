"""A SentencePiece Unigram tokenizer, trained here and exported as a Hugging Face tokenizer.json.

Why Unigram pieces and not whole words: the vocabulary must cover English plus five
other scripts in a few thousand entries, so rare words have to decompose. Frequent
words (and the lexicon translations of frequent English words) still come out as
single "▁word" pieces, which is what the in-graph concept table keys on.

SentencePiece only *trains* the vocabulary and encodes in bulk. Its segmentation is
the same Viterbi search over piece scores that the tokenizer.json Unigram model
runs, on the same normalised text; the parity tests check that id for id against
the JS tokenizer the reranker uses.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import sentencepiece as spm

from .text import normalize

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
PAD_ID, UNK_ID, CLS_ID, SEP_ID = 0, 1, 2, 3
SPECIAL_IDS = (PAD_ID, UNK_ID, CLS_ID, SEP_ID)
METASPACE = "\u2581"


def train_sentencepiece(lines: Iterable[str], vocab_size: int, seed_out: io.BytesIO | None = None) -> bytes:
    """Train a Unigram model on already-normalised lines and return the serialised model."""
    model = seed_out or io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=(normalize(line) for line in lines),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        # Normalisation happens in normalize() (mirrored in tokenizer.json), never inside SentencePiece.
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        split_by_whitespace=True,
        split_digits=True,
        character_coverage=0.9995,
        byte_fallback=False,
        pad_id=PAD_ID,
        unk_id=UNK_ID,
        bos_id=-1,
        eos_id=-1,
        pad_piece=PAD,
        unk_piece=UNK,
        control_symbols=[CLS, SEP],
        input_sentence_size=2_000_000,
        shuffle_input_sentence=True,
        max_sentencepiece_length=16,
        num_threads=2,
        # A soft limit: a small corpus yields fewer pieces instead of failing.
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


@dataclass
class PairTokenizer:
    """Encodes (query, passage) pairs exactly as the exported tokenizer.json does."""

    processor: spm.SentencePieceProcessor

    @classmethod
    def from_model(cls, model: bytes) -> "PairTokenizer":
        return cls(spm.SentencePieceProcessor(model_proto=model))

    @property
    def vocab_size(self) -> int:
        return self.processor.get_piece_size()

    def pieces(self) -> list[tuple[str, float]]:
        p = self.processor
        return [(p.id_to_piece(i), p.get_score(i)) for i in range(p.get_piece_size())]

    def encode_text(self, text: str) -> list[int]:
        normalised = normalize(text)
        if not normalised:
            return []
        return list(self.processor.encode(normalised, out_type=int))

    def encode_pair(self, query: str, passage: str, max_length: int) -> tuple[list[int], list[int]]:
        """[CLS] query [SEP] passage [SEP] with longest-first truncation; returns ids and type ids."""
        a, b = truncate_longest_first(self.encode_text(query), self.encode_text(passage), max_length - 3)
        ids = [CLS_ID, *a, SEP_ID, *b, SEP_ID]
        types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
        return ids, types


def truncate_longest_first(a: list[int], b: list[int], budget: int) -> tuple[list[int], list[int]]:
    """Hugging Face's longest_first: drop from the end of the longer side, one token at a time."""
    a, b = list(a), list(b)
    while len(a) + len(b) > budget:
        if len(a) > len(b):
            a.pop()
        else:
            b.pop()
    return a, b


def tokenizer_json(tokenizer: PairTokenizer, max_length: int) -> dict:
    """The tokenizer as a Hugging Face tokenizer.json (Unigram, Metaspace, [CLS]/[SEP] pair template)."""
    specials = [PAD, UNK, CLS, SEP]
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": max_length, "strategy": "LongestFirst", "stride": 0},
        "padding": None,
        "added_tokens": [
            {
                "id": i,
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for i, token in enumerate(specials)
        ],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "NFKC"},
                {"type": "Lowercase"},
                {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
                {"type": "Strip", "strip_left": True, "strip_right": True},
            ],
        },
        "pre_tokenizer": {"type": "Metaspace", "replacement": METASPACE, "prepend_scheme": "always", "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": SEP, "type_id": 1}},
            ],
            "special_tokens": {t: {"id": t, "ids": [specials.index(t)], "tokens": [t]} for t in (CLS, SEP)},
        },
        "decoder": {"type": "Metaspace", "replacement": METASPACE, "prepend_scheme": "always", "split": True},
        "model": {
            "type": "Unigram",
            "unk_id": UNK_ID,
            "vocab": [[piece, score] for piece, score in tokenizer.pieces()],
            "byte_fallback": False,
        },
    }


def save_tokenizer(tokenizer: PairTokenizer, model: bytes, out_dir: Path, max_length: int) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sentencepiece.model").write_bytes(model)
    (out_dir / "tokenizer.json").write_text(
        json.dumps(tokenizer_json(tokenizer, max_length), ensure_ascii=False), encoding="utf-8"
    )


def load_tokenizer(directory: Path) -> tuple[PairTokenizer, bytes]:
    model = (directory / "sentencepiece.model").read_bytes()
    return PairTokenizer.from_model(model), model
