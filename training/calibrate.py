"""python3 -m training.calibrate: add a logistic calibration to an exported model directory.

Scores the validation pairs with the exported ONNX model (on onnxruntime-node, as served)
and writes the fit into xlir-model.json, and for a model that reads the first-stage score the
fusion weight chosen on the same pairs (training/fusion.py). train.py does the same at the end
of training; this command calibrates models exported before that, or on other validation data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .calibration import fit_logistic
from .fusion import choose_fusion
from .data import DataError, collate, encode_pairs, file_sha256, read_examples
from .export import INPUT_NAMES, ExportError, onnx_runtime_logits
from .tokenizer import load_tokenizer

REPO_ROOT = Path(__file__).resolve().parent.parent
BATCH = 512


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m training.calibrate", description=__doc__)
    parser.add_argument("--model", required=True, type=Path, help="exported model directory")
    parser.add_argument("--tokenizer", required=True, type=Path, help="the recipe tokenizer directory it was trained with")
    parser.add_argument("--valid", required=True, type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    card_path = args.model / "xlir-model.json"
    try:
        card = json.loads(card_path.read_text())
        tokenizer, _ = load_tokenizer(args.tokenizer)
        examples = read_examples(args.valid, args.limit)
        pairs = encode_pairs(examples, tokenizer.encode_pair, card["max_length"])
        inputs = card.get("inputs", INPUT_NAMES)
        logits: list[float] = []
        for start in range(0, len(pairs), BATCH):
            batch = collate(pairs[start : start + BATCH])
            logits += onnx_runtime_logits(args.model / "model.onnx", batch, REPO_ROOT, inputs).view(-1).tolist()
        card["calibration"] = fit_logistic(logits, [p.label for p in pairs])
        if "first_stage" in inputs:
            card["fusion"] = choose_fusion(logits, card["calibration"], pairs, examples)
        card.setdefault("format", "xlir-model")
        card.setdefault("version", 1)
        card["files"] = {
            name: {"bytes": (args.model / name).stat().st_size, "sha256": file_sha256(args.model / name)}
            for name in ("model.onnx", "tokenizer.json")
        }
    except (DataError, FileNotFoundError, ExportError, KeyError, ValueError) as error:
        print(f"calibrate: error: {error}", file=sys.stderr)
        return 2
    card_path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({key: card[key] for key in ("calibration", "fusion") if key in card}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
