"""The tiny cross-encoder: a small BERT-style encoder that carries lexical evidence in its graph.

A 2-layer, 128-wide transformer trained from scratch on a few thousand pairs cannot
discover term matching on its own (measured: loss stays at the constant predictor).
So every token also gets a learned embedding of its *match state*, computed in the
graph from the standard three inputs:

* exact: the same token id occurs in the other segment;
* concept: a token with the same concept id occurs in the other segment. The concept
  table (token id -> concept id, 0 = none) is baked in as a buffer; it is derived
  from bilingual lexicons so that "▁house", "▁haus" and "▁casa" share a concept. This
  is the cross-lingual alignment signal: exact match cannot see that "Haus" answers
  "house".

With `knrm` on, the head also reads kernel-pooled soft-match features (KNRM, Xiong et al.
2017) next to the transformer's [CLS]: each (query token, passage token) pair gets a
similarity, the cosine of their learned embeddings raised to 1.0 where the pair matches
exactly or by concept, and RBF kernels count, per query token, the passage tokens near
each similarity level. Graded matches across languages reach the score directly instead
of only through attention, which a 2-layer model trained for minutes uses poorly.

With `idf_match` on, the head also reads how much of the query is matched, weighted by rarity
(BM25's idf over the training passages, baked in as a buffer like the concept table): the share
of the query's idf mass matched exactly, matched exactly or by concept, and the same share on the
passage side. A from-scratch model sees every match state as equally telling, so "the" matching
"the" counts as much as "Lourdes" matching "Lourdes"; first-stage BM25 never makes that mistake.

With `first_stage_input` on, the model reads a fourth input, `first_stage` [batch, 2] = [present,
the candidate's first-stage score over the best candidate's]: added to the [CLS] embedding, so
attention can weigh the text's evidence against it, and read directly by the head. The model then
learns a correction to the first stage instead of relevance from nothing. Training drops the
feature for a share of pairs ([0, 0]), so the same model serves callers without first-stage scores.

The serving interface is input_ids / attention_mask / token_type_ids (+ first_stage) -> logits.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn

from .tokenizer import SPECIAL_IDS

MATCH_STATES = 4  # none, exact, concept, exact+concept
# KNRM's kernels: one exact-match kernel at 1.0 (tiny width) and ten soft ones from 0.9 down to -0.9.
KERNEL_MUS = (1.0, 0.9, 0.7, 0.5, 0.3, 0.1, -0.1, -0.3, -0.5, -0.7, -0.9)
KERNEL_SIGMAS = (1e-3,) + (0.1,) * 10
FIRST_STAGE_FEATURES = 2  # present, score over the best candidate's score (lib/rerank feeds the same)
IDF_FEATURES = 3  # query idf share matched exactly, exactly or by concept; passage idf share matched


@dataclass
class TinyConfig:
    vocab_size: int
    hidden: int = 128
    layers: int = 2
    heads: int = 4
    ffn: int = 512
    embedding_dim: int = 48  # factorised token embeddings keep variants small on disk
    max_positions: int = 256
    dropout: float = 0.1
    exact_match: bool = True
    concept_match: bool = True
    knrm: bool = False
    idf_match: bool = False
    first_stage_input: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


class SelfAttention(nn.Module):
    """Plain multi-head attention from basic ops, so ONNX export never meets a fused kernel."""

    def __init__(self, hidden: int, heads: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.head_dim = hidden // heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        q, k, v = self.qkv(x).view(batch, length, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4).unbind(0)
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim) + bias
        weights = self.dropout(torch.softmax(scores, dim=-1))
        context = (weights @ v).transpose(1, 2).reshape(batch, length, hidden)
        return self.out(context)


class EncoderLayer(nn.Module):
    def __init__(self, config: TinyConfig):
        super().__init__()
        self.attention = SelfAttention(config.hidden, config.heads, config.dropout)
        self.norm1 = nn.LayerNorm(config.hidden)
        self.norm2 = nn.LayerNorm(config.hidden)
        self.ffn = nn.Sequential(
            nn.Linear(config.hidden, config.ffn),
            nn.GELU(),
            nn.Linear(config.ffn, config.hidden),
        )
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = x + self.dropout(self.attention(self.norm1(x), bias))
        return x + self.dropout(self.ffn(self.norm2(x)))


def cross_segment_presence(keys: torch.Tensor, token_type_ids: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
    """1.0 where a valid token's key also occurs on a valid token of the other segment."""
    same_key = keys.unsqueeze(2) == keys.unsqueeze(1)
    other_segment = token_type_ids.unsqueeze(2) != token_type_ids.unsqueeze(1)
    hits = (same_key & other_segment & valid.unsqueeze(1)).to(torch.float32).sum(-1)
    return (hits > 0).to(torch.float32) * valid.to(torch.float32)


def kernel_pooling(
    similarity: torch.Tensor, query: torch.Tensor, passage: torch.Tensor, mus: torch.Tensor, sigmas: torch.Tensor
) -> torch.Tensor:
    """KNRM features [batch, kernels]: sum over query tokens of log(soft count of passage tokens per kernel)."""
    weights = torch.exp(-((similarity.unsqueeze(-1) - mus) ** 2) / (2 * sigmas**2))  # [b, q, p, k]
    counts = (weights * passage.unsqueeze(1).unsqueeze(-1)).sum(2)  # [b, q, k]
    logs = torch.log(torch.clamp(counts, min=1e-10)) * 0.01
    return (logs * query.unsqueeze(-1)).sum(1)


class TinyCrossEncoder(nn.Module):
    def __init__(self, config: TinyConfig, concept_table: torch.Tensor):
        super().__init__()
        if concept_table.shape != (config.vocab_size,):
            raise ValueError(f"concept table has shape {tuple(concept_table.shape)}, expected ({config.vocab_size},)")
        self.config = config
        self.token = nn.Embedding(config.vocab_size, config.embedding_dim)
        self.project = nn.Linear(config.embedding_dim, config.hidden, bias=False)
        self.position = nn.Embedding(config.max_positions, config.hidden)
        self.segment = nn.Embedding(2, config.hidden)
        self.match = nn.Embedding(MATCH_STATES, config.hidden)
        self.register_buffer("concept_table", concept_table.to(torch.int64), persistent=True)
        self.register_buffer("special_ids", torch.tensor(SPECIAL_IDS, dtype=torch.int64), persistent=False)
        self.embedding_norm = nn.LayerNorm(config.hidden)
        self.dropout = nn.Dropout(config.dropout)
        self.layers = nn.ModuleList(EncoderLayer(config) for _ in range(config.layers))
        self.final_norm = nn.LayerNorm(config.hidden)
        self.head = nn.Linear(config.hidden, 1)
        if config.knrm:
            self.register_buffer("kernel_mus", torch.tensor(KERNEL_MUS), persistent=False)
            self.register_buffer("kernel_sigmas", torch.tensor(KERNEL_SIGMAS), persistent=False)
            self.kernel_head = nn.Linear(len(KERNEL_MUS), 1)
        if config.idf_match:
            # Filled from the training passages by set_idf() before training; saved with the weights.
            self.register_buffer("idf", torch.zeros(config.vocab_size), persistent=True)
            self.lexical_head = nn.Linear(IDF_FEATURES, 1)
        if config.first_stage_input:
            self.first_stage_embedding = nn.Linear(FIRST_STAGE_FEATURES, config.hidden)
            self.first_stage_head = nn.Linear(FIRST_STAGE_FEATURES, 1)

    @property
    def input_names(self) -> list[str]:
        names = ["input_ids", "attention_mask", "token_type_ids"]
        return names + ["first_stage"] if self.config.first_stage_input else names

    def set_idf(self, idf: torch.Tensor) -> None:
        if not self.config.idf_match:
            raise ValueError("set_idf needs a model built with idf_match")
        if idf.shape != (self.config.vocab_size,):
            raise ValueError(f"idf table has shape {tuple(idf.shape)}, expected ({self.config.vocab_size},)")
        self.idf.copy_(idf.to(torch.float32))

    def content_tokens(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """True on real tokens: not padding and not one of SPECIAL_IDS ([PAD], [UNK], [CLS], [SEP])."""
        special = (input_ids.unsqueeze(-1) == self.special_ids).to(torch.float32).sum(-1) > 0
        return (attention_mask > 0) & ~special

    def match_states(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor):
        valid = self.content_tokens(input_ids, attention_mask)
        state = torch.zeros_like(input_ids, dtype=torch.float32)
        if self.config.exact_match:
            state = state + cross_segment_presence(input_ids, token_type_ids, valid)
        if self.config.concept_match:
            concepts = self.concept_table[input_ids]
            has_concept = valid & (concepts > 0)
            state = state + 2 * cross_segment_presence(concepts, token_type_ids, has_concept)
        return state.to(torch.int64)

    def idf_match_features(
        self, state: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        """[batch, IDF_FEATURES]: the idf-weighted share of each segment that finds a match in the other."""
        valid = self.content_tokens(input_ids, attention_mask).to(torch.float32)
        weight = self.idf[input_ids] * valid
        query = weight * (token_type_ids == 0).to(torch.float32)
        passage = weight * (token_type_ids == 1).to(torch.float32)
        exact = ((state == 1) | (state == 3)).to(torch.float32)  # bit 0: exact
        any_match = (state > 0).to(torch.float32)

        def share(mass: torch.Tensor, matched: torch.Tensor) -> torch.Tensor:
            return (mass * matched).sum(-1) / torch.clamp(mass.sum(-1), min=1e-6)

        return torch.stack([share(query, exact), share(query, any_match), share(passage, any_match)], dim=-1)

    def soft_match_features(
        self, tokens: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        valid = self.content_tokens(input_ids, attention_mask).to(torch.float32)
        query = valid * (token_type_ids == 0).to(torch.float32)
        passage = valid * (token_type_ids == 1).to(torch.float32)
        unit = tokens / torch.clamp(tokens.norm(dim=-1, keepdim=True), min=1e-6)
        similarity = unit @ unit.transpose(1, 2)
        matched = (input_ids.unsqueeze(2) == input_ids.unsqueeze(1)).to(torch.float32)
        if self.config.concept_match:
            concepts = self.concept_table[input_ids]
            same_concept = (concepts.unsqueeze(2) == concepts.unsqueeze(1)) & (concepts.unsqueeze(2) > 0)
            matched = torch.maximum(matched, same_concept.to(torch.float32))
        # A lexical or lexicon match is a perfect match whatever the embeddings have learnt so far.
        similarity = torch.maximum(similarity, matched)
        return kernel_pooling(similarity, query, passage, self.kernel_mus, self.kernel_sigmas)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
        first_stage: torch.Tensor | None = None,
    ):
        if self.config.first_stage_input and first_stage is None:
            raise ValueError("this model reads the first stage: pass first_stage [batch, 2]")
        length = input_ids.shape[1]
        positions = torch.arange(length, device=input_ids.device).unsqueeze(0)
        tokens = self.project(self.token(input_ids))
        states = self.match_states(input_ids, attention_mask, token_type_ids)
        x = (
            tokens
            + self.position(positions)
            + self.segment(token_type_ids)
            + self.match(states)
        )
        if first_stage is not None and self.config.first_stage_input:
            at_cls = (positions == 0).to(torch.float32).unsqueeze(-1)  # [1, length, 1]
            x = x + at_cls * self.first_stage_embedding(first_stage).unsqueeze(1)
        x = self.dropout(self.embedding_norm(x))
        bias = (1.0 - attention_mask.to(torch.float32)).unsqueeze(1).unsqueeze(1) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        logits = self.head(self.final_norm(x[:, 0]))
        if self.config.knrm:
            features = self.soft_match_features(tokens, input_ids, attention_mask, token_type_ids)
            logits = logits + self.kernel_head(features)
        if self.config.idf_match:
            logits = logits + self.lexical_head(self.idf_match_features(states, input_ids, attention_mask, token_type_ids))
        if first_stage is not None and self.config.first_stage_input:
            logits = logits + self.first_stage_head(first_stage)
        return logits
