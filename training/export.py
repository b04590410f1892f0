"""ONNX export of a trained cross-encoder, checked against ONNX Runtime.

Python has no onnxruntime here (Debian does not package it), so the parity check
runs the exported graph with onnxruntime-node, the runtime xlir serves with: the
same binary, the same kernels.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import torch

INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OPSET = 14
PARITY_ATOL = 1e-4
ORT_SCRIPT = Path(__file__).parent / "node" / "ort_score.mjs"


class ExportError(RuntimeError):
    pass


def input_names(model: torch.nn.Module) -> list[str]:
    """The graph's inputs: the three of every cross-encoder, plus first_stage for models that read it."""
    return list(getattr(model, "input_names", INPUT_NAMES))


def export_onnx(model: torch.nn.Module, sample: dict[str, torch.Tensor], path: Path) -> None:
    model.eval()
    names = input_names(model)
    inputs = tuple(sample[name] for name in names)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES}
    if "first_stage" in names:
        axes["first_stage"] = {0: "batch"}
    axes["logits"] = {0: "batch"}
    torch.onnx.export(
        model,
        inputs,
        str(path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=OPSET,
        do_constant_folding=True,
    )


def onnx_runtime_logits(
    path: Path, batch: dict[str, torch.Tensor], repo_root: Path, names: list[str] = INPUT_NAMES
) -> torch.Tensor:
    request = {name: batch[name].tolist() for name in names}
    result = subprocess.run(
        ["node", str(ORT_SCRIPT), str(path)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=repo_root,
        check=False,
    )
    if result.returncode != 0:
        raise ExportError(f"onnxruntime-node could not run {path}: {result.stderr.strip().splitlines()[-1:]}")
    return torch.tensor(json.loads(result.stdout)["logits"], dtype=torch.float32)


@torch.no_grad()
def check_parity(model: torch.nn.Module, path: Path, batch: dict[str, torch.Tensor], repo_root: Path) -> float:
    model.eval()
    names = input_names(model)
    expected = model(*(batch[name] for name in names))
    actual = onnx_runtime_logits(path, batch, repo_root, names)
    if actual.shape != expected.shape:
        raise ExportError(f"ONNX logits have shape {tuple(actual.shape)}, PyTorch {tuple(expected.shape)}")
    difference = (actual - expected).abs().max().item()
    if difference > PARITY_ATOL:
        raise ExportError(f"ONNX Runtime and PyTorch differ by {difference:.2e} (> {PARITY_ATOL})")
    return difference
