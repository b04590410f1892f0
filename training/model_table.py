"""python3 -m training.model_table DIR: a markdown table of the variants under DIR (for models/README.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def rows(root: Path) -> list[str]:
    lines = [
        "| id | method | pairs | p | steps | wall s | pairs/s | val MRR@10 | val P@1 | calibration a, b | size MB |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for card_path in sorted(root.glob("*/xlir-model.json")):
        card = json.loads(card_path.read_text())
        training, validation = card.get("training", {}), card.get("validation", {})
        calibration = card.get("calibration") or {}
        size = sum(f.stat().st_size for f in card_path.parent.iterdir()) / 1e6
        pairs = ", ".join("→".join(p) for p in card.get("pairs", [])) or "–"
        lines.append(
            f"| {card['id']} | {card['method']} | {pairs} | {card.get('p', 0)} | {training.get('max_steps', '')} "
            f"| {training.get('wall_seconds', '')} | {training.get('pairs_per_second', '')} "
            f"| {validation.get('mrr@10', '')} | {validation.get('p@1', '')} "
            f"| {calibration.get('a', '–')}, {calibration.get('b', '–')} | {size:.1f} |"
        )
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 -m training.model_table DIR")
    print("\n".join(rows(Path(sys.argv[1]))))
