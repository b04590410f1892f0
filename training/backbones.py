"""The two backbones: the offline tiny encoder, and any local Hugging Face checkpoint."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch

from .model import TinyConfig, TinyCrossEncoder
from .tokenizer import load_tokenizer

EncodeFn = Callable[[str, str, int], tuple[list[int], list[int]]]


@dataclass
class Backbone:
    kind: str
    model: torch.nn.Module
    encode: EncodeFn
    config: dict
    defaults: dict
    save_tokenizer: Callable[[Path], None]


TINY_DEFAULTS = {"lr": 1e-3, "warmup_steps": 200, "batch_size": 32, "weight_decay": 0.01}
# The paper's fine-tuning recipe (mMiniLMv2, 200k steps in the paper; shorter here by --max-steps).
HF_DEFAULTS = {"lr": 2e-5, "warmup_steps": 5000, "batch_size": 64, "weight_decay": 0.01}


def tiny_backbone(
    tokenizer_dir: Path,
    config: TinyConfig,
    concepts: bool,
    exact: bool,
    knrm: bool = False,
    idf_match: bool = False,
    first_stage: bool = False,
) -> Backbone:
    tokenizer, _ = load_tokenizer(tokenizer_dir)
    table = torch.load(tokenizer_dir / "concepts.pt")
    config.vocab_size = tokenizer.vocab_size
    config.concept_match = concepts
    config.exact_match = exact
    config.knrm = knrm
    config.idf_match = idf_match
    config.first_stage_input = first_stage
    model = TinyCrossEncoder(config, table)

    def save(out_dir: Path) -> None:
        shutil.copyfile(tokenizer_dir / "tokenizer.json", out_dir / "tokenizer.json")

    return Backbone("tiny", model, tokenizer.encode_pair, config.to_dict(), TINY_DEFAULTS, save)


class LogitsOnly(torch.nn.Module):
    """Hugging Face models return an output object; ONNX export wants the logits tensor."""

    def __init__(self, inner: torch.nn.Module):
        super().__init__()
        self.inner = inner

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits


def hf_backbone(path: Path) -> Backbone:
    # transformers is only needed on this path; Debian does not package it.
    try:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as error:
        raise RuntimeError("--backbone hf:PATH needs the transformers package (pip install transformers)") from error
    if not path.is_dir():
        raise FileNotFoundError(f"no Hugging Face checkpoint directory at {path}")
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    model = AutoModelForSequenceClassification.from_pretrained(str(path), num_labels=1)

    def encode(query: str, passage: str, max_length: int) -> tuple[list[int], list[int]]:
        encoded = tokenizer(query, passage, truncation="longest_first", max_length=max_length)
        types = encoded.get("token_type_ids") or [0] * len(encoded["input_ids"])
        return encoded["input_ids"], types

    def save(out_dir: Path) -> None:
        tokenizer.save_pretrained(str(out_dir))

    return Backbone("hf", LogitsOnly(model), encode, {"checkpoint": path.name}, HF_DEFAULTS, save)
