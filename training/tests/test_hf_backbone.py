"""The hf:PATH backbone's plumbing, with a stand-in `transformers` module.

Debian has no transformers and no GPU was available, so this cannot prove compatibility
with real checkpoints. It does pin what xlir relies on: pair encoding with longest-first
truncation through the checkpoint's tokenizer, a one-logit head, training, ONNX export of
the logits (checked on onnxruntime-node) and the tokenizer saved beside the model.
"""

import json
import sys
import types

import pytest
import torch

from training.train import main


class FakeTokenizer:
    calls: list = []

    def __call__(self, query, passage, truncation, max_length):
        FakeTokenizer.calls.append((truncation, max_length))
        a = [10 + (ord(c) % 50) for c in query][:max_length]
        b = [10 + (ord(c) % 50) for c in passage]
        while len(a) + len(b) > max_length - 3:
            (a if len(a) > len(b) else b).pop()
        ids = [1, *a, 2, *b, 2]
        return {"input_ids": ids, "token_type_ids": [0] * (len(a) + 2) + [1] * (len(b) + 1)}

    def save_pretrained(self, directory):
        with open(f"{directory}/tokenizer.json", "w") as handle:
            json.dump({"fake": True}, handle)


class FakeClassifier(torch.nn.Module):
    def __init__(self, num_labels):
        super().__init__()
        self.embed = torch.nn.Embedding(64, 8)
        self.head = torch.nn.Linear(8, num_labels)

    def forward(self, input_ids, attention_mask, token_type_ids):
        pooled = (self.embed(input_ids) * attention_mask.unsqueeze(-1)).sum(1) / attention_mask.sum(1, keepdim=True)
        return types.SimpleNamespace(logits=self.head(pooled + token_type_ids.float().mean(1, keepdim=True)))


@pytest.fixture
def fake_transformers(monkeypatch):
    module = types.ModuleType("transformers")
    module.AutoTokenizer = types.SimpleNamespace(from_pretrained=lambda path: FakeTokenizer())
    module.AutoModelForSequenceClassification = types.SimpleNamespace(
        from_pretrained=lambda path, num_labels: FakeClassifier(num_labels)
    )
    monkeypatch.setitem(sys.modules, "transformers", module)
    FakeTokenizer.calls = []
    return module


def test_hf_backbone_trains_and_exports_through_the_checkpoint_tokenizer(tmp_path, train_file, fake_transformers):
    # Prepare
    checkpoint = tmp_path / "checkpoint"
    checkpoint.mkdir()
    out = tmp_path / "model"
    # Act
    code = main([
        "--train", str(train_file), "--valid", str(train_file), "--backbone", f"hf:{checkpoint}",
        "--max-steps", "5", "--batch-size", "4", "--warmup-steps", "1", "--max-length", "32", "--out", str(out),
    ])
    # Assess
    card = json.loads((out / "xlir-model.json").read_text())
    assert code == 0
    assert card["backbone"] == {"kind": "hf", "checkpoint": "checkpoint"}
    assert card["training"]["lr"] == 2e-5 and card["training"]["warmup_steps"] == 1
    assert set(FakeTokenizer.calls) == {("longest_first", 32)}
    assert card["onnx"]["parity_max_abs_diff"] <= 1e-4
    assert json.loads((out / "tokenizer.json").read_text()) == {"fake": True}
