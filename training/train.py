"""python3 -m training.train: train a cross-encoder on (code-switched) query-passage pairs, export ONNX.

Reads the JSONL that `xlir pairs` (plain English: zero-shot) or `xlir codeswitch`
(BL-CS / ML-CS / Wiki-CS) writes, trains with BCE on 1:4 positive:negative pairs,
validates on held-out articles, and writes a model directory the reranker loads:
model.onnx, tokenizer.json and xlir-model.json.
"""

from __future__ import annotations

import argparse
import os
import json
import random
import sys
import time
from pathlib import Path

import torch

from .calibration import fit_logistic
from .fusion import choose_fusion
from .backbones import Backbone, hf_backbone, tiny_backbone
from .data import (
    DataError,
    collate,
    encode_pairs,
    file_sha256,
    mixed_batches,
    passage_idf,
    provenance_of,
    read_examples,
    with_random_negatives,
)
from .evaluate import score_pairs, validate
from .leakage import check_leakage
from .export import ExportError, check_parity, export_onnx, input_names
from .model import TinyConfig
from .progress import Progress
from .schedule import linear_warmup_decay

REPO_ROOT = Path(__file__).resolve().parent.parent
METHODS = ("zero-shot", "bl-cs", "ml-cs", "wiki-cs", "rt-cs")
# Round-tripped data (xlir codeswitch round-trip) is English glossed back from another language:
# the model must read glosses at serving too (lib/rerank, xlir-model.json "input").
GLOSS_METHODS = ("rt-cs",)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python3 -m training.train", description=__doc__)
    p.add_argument("--train", required=True, type=Path, help="training examples (JSONL)")
    p.add_argument("--valid", required=True, type=Path, help="validation examples from held-out articles (JSONL)")
    p.add_argument("--mono", type=Path, help="monolingual examples mixed into every batch (share --alpha)")
    p.add_argument("--alpha", type=float, default=0.5, help="share of each batch drawn from --mono")
    p.add_argument("--backbone", default="tiny", help="tiny | hf:PATH (a local Hugging Face checkpoint)")
    p.add_argument("--tokenizer", type=Path, help="tiny: directory from training.build_tokenizer")
    p.add_argument("--concept-match", choices=["on", "off"], default="on", help="tiny: in-graph translation match")
    p.add_argument("--exact-match", choices=["on", "off"], default="on", help="tiny: in-graph exact match")
    p.add_argument("--knrm", choices=["on", "off"], default="off", help="tiny: kernel-pooled soft-match features in the head")
    p.add_argument(
        "--random-negatives", type=float, default=0.0, help="extra pairs per batch, as a share of it, pairing a query with another's passage"
    )
    p.add_argument(
        "--first-stage", choices=["on", "off"], default="off", help="tiny: read each candidate's first-stage score (a 4th input)"
    )
    p.add_argument(
        "--first-stage-dropout", type=float, default=0.25, help="share of pairs trained without their first-stage score"
    )
    p.add_argument("--idf-match", choices=["on", "off"], default="off", help="tiny: idf-weighted match shares in the head")
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ffn", type=int, default=512)
    p.add_argument("--embedding-dim", type=int, default=48)
    p.add_argument("--max-steps", type=int, default=3000)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--lr", type=float)
    p.add_argument("--warmup-steps", type=int)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument(
        "--forbid", type=Path, action="append", default=[], help="SQuAD-format evaluation file whose questions must not be trained on"
    )
    p.add_argument("--limit", type=int, help="read at most N training examples")
    p.add_argument("--valid-limit", type=int, default=2000)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, help="CPU threads (default: all available)")
    p.add_argument("--fp16", choices=["auto", "on", "off"], default="auto", help="mixed precision on GPU (auto: on for hf:)")
    p.add_argument("--id", help="model id (default: from method and languages)")
    p.add_argument("--pairs", help="language pairs this variant serves, e.g. en-de,de-en (routing metadata)")
    p.add_argument("--save-checkpoint", action="store_true", help="also write the PyTorch weights (checkpoint.pt)")
    p.add_argument(
        "--snapshot-steps",
        default="",
        help="comma-separated steps at which the model is validated and written to OUT/steps/N (learning curves)",
    )
    p.add_argument("--out", required=True, type=Path)
    return p.parse_args(argv)


def build_backbone(args: argparse.Namespace) -> Backbone:
    if args.backbone == "tiny":
        if args.tokenizer is None:
            raise DataError("--backbone tiny needs --tokenizer DIR (from python3 -m training.build_tokenizer)")
        config = TinyConfig(
            vocab_size=0,
            hidden=args.hidden,
            layers=args.layers,
            heads=args.heads,
            ffn=args.ffn,
            embedding_dim=args.embedding_dim,
        )
        return tiny_backbone(
            args.tokenizer,
            config,
            args.concept_match == "on",
            args.exact_match == "on",
            args.knrm == "on",
            args.idf_match == "on",
            args.first_stage == "on",
        )
    if args.backbone.startswith("hf:"):
        return hf_backbone(Path(args.backbone[3:]))
    raise DataError(f'unknown --backbone "{args.backbone}"; use tiny or hf:PATH')


def one_epoch_subset(examples: list, pairs_needed: int, rng: random.Random) -> list:
    """A seeded sample of just enough examples for one pass, so short runs skip encoding the rest."""
    per_example = sum(len(e.pos) + len(e.neg) for e in examples) / len(examples)
    wanted = int(pairs_needed / per_example) + 1
    if wanted >= len(examples):
        return examples
    log(f"training on a seeded sample of {wanted} of {len(examples)} examples (one pass at {pairs_needed} pairs)")
    return rng.sample(examples, wanted)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def snapshot_steps(text: str, max_steps: int) -> set[int]:
    try:
        steps = {int(s) for s in text.split(",") if s.strip()}
    except ValueError:
        raise DataError(f'--snapshot-steps must be comma-separated step numbers, got "{text}"') from None
    outside = sorted(s for s in steps if not 0 < s < max_steps)
    if outside:
        raise DataError(f"--snapshot-steps {outside[0]} is not between 1 and --max-steps {max_steps} (exclusive)")
    return steps


def evaluate_model(
    model: torch.nn.Module, valid_pairs: list, valid_examples: list
) -> tuple[dict, dict, dict | None]:
    """Validation metrics, the logistic calibration fitted on the same scores and, for a model that
    reads the first-stage score, the fusion weight chosen on them (the model is in eval mode)."""

    def score(batch: dict[str, torch.Tensor]) -> torch.Tensor:
        return model(*(batch[name] for name in input_names(model)))

    logits = score_pairs(score, valid_pairs)
    calibration = fit_logistic(logits, [p.label for p in valid_pairs])
    fusion = (
        choose_fusion(logits, calibration, valid_pairs, valid_examples)
        if "first_stage" in input_names(model)
        else None
    )
    return validate(logits, valid_pairs, valid_examples), calibration, fusion


def train(args: argparse.Namespace) -> dict:
    for option, share in (("--alpha", args.alpha), ("--first-stage-dropout", args.first_stage_dropout),
                          ("--random-negatives", args.random_negatives)):
        if not 0.0 <= share <= 1.0:
            raise DataError(f"{option} must be in [0, 1], got {share}")
    if args.first_stage == "on" and args.backbone != "tiny":
        raise DataError("--first-stage on needs --backbone tiny")
    snapshots = snapshot_steps(args.snapshot_steps, args.max_steps)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads or len(os.sched_getaffinity(0)))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    log(f"seed {args.seed}; device {device}; threads {torch.get_num_threads()}")

    backbone = build_backbone(args)
    settings = {**backbone.defaults, **{k: v for k, v in vars(args).items() if k in backbone.defaults and v is not None}}
    train_examples = read_examples(args.train, args.limit)
    valid_examples = read_examples(args.valid, args.valid_limit)
    mono_examples = read_examples(args.mono, args.limit) if args.mono else []
    if args.forbid:
        shared = check_leakage(train_examples + valid_examples + mono_examples, args.forbid)
        log(f"leakage check: no evaluation passages; {shared} generic questions share an evaluation question's wording")
    started = time.monotonic()
    train_examples = one_epoch_subset(train_examples, args.max_steps * settings["batch_size"], rng)
    train_pairs = encode_pairs(train_examples, backbone.encode, args.max_length)
    if mono_examples:
        mono_examples = one_epoch_subset(mono_examples, int(args.max_steps * settings["batch_size"] * args.alpha) + 1, rng)
    mono_pairs = encode_pairs(mono_examples, backbone.encode, args.max_length) if mono_examples else None
    valid_pairs = encode_pairs(valid_examples, backbone.encode, args.max_length)
    log(f"{len(train_pairs)} training pairs, {len(valid_pairs)} validation pairs, encoded in {time.monotonic() - started:.0f}s")

    if backbone.config.get("first_stage_input"):
        for name, pairs in (("training", train_pairs), ("validation", valid_pairs)):
            if any(p.first_stage is None for p in pairs):
                raise DataError(
                    f"--first-stage on needs first-stage scores on every {name} example "
                    "(xlir pairs squad --first-stage-scores DEPTH, then xlir codeswitch keeps them)"
                )
    if backbone.config.get("idf_match"):
        backbone.model.set_idf(passage_idf(train_pairs + (mono_pairs or []), backbone.config["vocab_size"]))
    model = backbone.model.to(device)
    training_started = time.monotonic()
    optimiser = torch.optim.AdamW(model.parameters(), lr=settings["lr"], weight_decay=settings["weight_decay"])
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: linear_warmup_decay(step, settings["warmup_steps"], args.max_steps)
    )
    fp16 = args.fp16 == "on" or (args.fp16 == "auto" and backbone.kind == "hf")
    scaler = torch.cuda.amp.GradScaler(enabled=fp16 and device.type == "cuda")
    loss_fn = torch.nn.BCEWithLogitsLoss()
    random_count = round(args.random_negatives * settings["batch_size"])
    batches = mixed_batches(train_pairs, mono_pairs, args.alpha, settings["batch_size"], rng)
    progress = Progress(args.max_steps, "train", every=100)
    common = {
        "model": model,
        "backbone": backbone,
        "settings": settings,
        "train_examples": train_examples,
        "valid_pairs": valid_pairs,
    }
    running = None
    model.train()
    for step in range(args.max_steps):
        drawn = with_random_negatives(next(batches), random_count, args.max_length, rng)
        collated = collate(drawn)
        if args.first_stage == "on" and args.first_stage_dropout > 0:
            # Train the same model for callers without a first stage (lib/rerank feeds [0, 0] then).
            dropped = torch.tensor([rng.random() < args.first_stage_dropout for _ in drawn])
            collated["first_stage"][dropped] = 0.0
        batch = {k: v.to(device) for k, v in collated.items()}
        with torch.autocast(device.type, enabled=scaler.is_enabled()):
            logits = model(*(batch[name] for name in input_names(model))).view(-1)
            loss = loss_fn(logits.float(), batch["labels"])
        optimiser.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.unscale_(optimiser)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        scaler.step(optimiser)
        scaler.update()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        progress.update(step + 1, loss=running, lr=schedule.get_last_lr()[0])
        if step + 1 in snapshots:
            # A learning-curve point: the weights as they are mid-run (the LR has not decayed to zero yet).
            seconds = time.monotonic() - training_started
            model.eval().cpu()
            metrics, calibration, fusion = evaluate_model(model, valid_pairs, valid_examples)
            log(f"step {step + 1} validation: {json.dumps(metrics)}")
            outcome = {**common, "metrics": metrics, "calibration": calibration, "fusion": fusion,
                       "train_seconds": seconds,
                       "pairs_per_second": (step + 1) * settings["batch_size"] / max(seconds, 1e-9)}
            write_model(args, outcome, args.out / "steps" / str(step + 1), step + 1)
            model.to(device).train()
    train_seconds = time.monotonic() - training_started
    model.eval().cpu()
    metrics, calibration, fusion = evaluate_model(model, valid_pairs, valid_examples)
    log(f"validation: {json.dumps(metrics)}")
    if fusion is not None:
        log(f"fusion weight: {fusion['lambda']} (validation MRR@10 by λ: {json.dumps(fusion['validation_mrr@10'])})")
    return {
        **common,
        "metrics": metrics,
        "calibration": calibration,
        "fusion": fusion,
        "train_seconds": train_seconds,
        "pairs_per_second": args.max_steps * settings["batch_size"] / max(train_seconds, 1e-9),
    }


def model_card(args: argparse.Namespace, outcome: dict, parity: float, steps: int) -> dict:
    provenance = provenance_of(outcome["train_examples"])
    method = provenance.get("method", "zero-shot")
    if method not in METHODS:
        raise DataError(f'training data has unknown method "{method}"')
    # Code-switched text is English with words switched into the target languages: English is covered too.
    languages = list(dict.fromkeys(["en", *provenance.get("languages", [])]))
    pairs = [pair.split("-") for pair in args.pairs.split(",")] if args.pairs else []
    default_id = "zero-shot" if method == "zero-shot" else "-".join([method, *languages])
    model_id = args.id or default_id
    return {
        "format": "xlir-model",
        "version": 1,
        "id": model_id,
        "method": method,
        "languages": languages,
        "pairs": pairs,
        "p": provenance.get("p", 0.0),
        "lexicons": provenance.get("lexicons", []),
        "seed": args.seed,
        "max_length": args.max_length,
        "training_data_sha256": file_sha256(args.train),
        "mono_data_sha256": file_sha256(args.mono) if args.mono else None,
        "alpha": args.alpha if args.mono else None,
        "backbone": {"kind": outcome["backbone"].kind, **outcome["backbone"].config},
        "training": {
            **outcome["settings"],
            "max_steps": args.max_steps,
            "steps": steps,
            "random_negatives": args.random_negatives,
            "first_stage_dropout": args.first_stage_dropout if args.first_stage == "on" else None,
            "wall_seconds": round(outcome["train_seconds"], 1),
            "pairs_per_second": round(outcome["pairs_per_second"], 1),
        },
        "validation": {k: round(v, 4) for k, v in outcome["metrics"].items()},
        "calibration": outcome["calibration"],
        **({"fusion": outcome["fusion"]} if outcome.get("fusion") else {}),
        "onnx": {"opset": 14, "parity_max_abs_diff": parity},
        "inputs": input_names(outcome["model"]),
        "output": "logits",
        "input": "english-gloss" if method in GLOSS_METHODS else "text",
    }


def write_model(args: argparse.Namespace, outcome: dict, out: Path, steps: int) -> float:
    """model.onnx, tokenizer.json and xlir-model.json in `out`; returns the ONNX parity (max abs diff)."""
    out.mkdir(parents=True, exist_ok=True)
    model = outcome["model"]
    probe = collate(outcome["valid_pairs"][:16])
    export_onnx(model, probe, out / "model.onnx")
    parity = check_parity(model, out / "model.onnx", probe, REPO_ROOT)
    outcome["backbone"].save_tokenizer(out)
    if args.save_checkpoint:
        torch.save(model.state_dict(), out / "checkpoint.pt")
    card = model_card(args, outcome, parity, steps)
    card["files"] = {
        name: {"bytes": (out / name).stat().st_size, "sha256": file_sha256(out / name)}
        for name in ("model.onnx", "tokenizer.json")
    }
    (out / "xlir-model.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {out} (ONNX parity {parity:.1e})")
    return parity


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        outcome = train(args)
        write_model(args, outcome, args.out, args.max_steps)
    except (DataError, FileNotFoundError, RuntimeError, ExportError) as error:
        print(f"train: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
