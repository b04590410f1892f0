"""python3 -m training.plot_curve: learning curves from training/learning_curve.sh's output.

Reads, under --curves, each variant's snapshots (VARIANT/steps/N/xlir-model.json and the final
VARIANT/xlir-model.json: validation MRR@10) and the XQuAD-R experiment over them
(xquad-r/results.json: MAP of `psq>rerank:VARIANT-stepN@LAMBDA` and of PSQ alone). Prints the
points as JSON and writes an SVG with one panel per metric, steps on a log axis.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

SYSTEM = re.compile(r"^psq>rerank:(?P<variant>.+)-step(?P<step>\d+)@(?P<lam>[\d.]+)$")
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def read_points(curves: Path) -> dict:
    """{"validation": {variant: {step: mrr}}, "xquad_r": {"variant@lambda": {step: map}}, "psq": map}."""
    validation: dict[str, dict[int, float]] = {}
    for card_path in sorted(curves.glob("*/xlir-model.json")) + sorted(curves.glob("*/steps/*/xlir-model.json")):
        card = json.loads(card_path.read_text())
        steps = card["training"].get("steps", card["training"]["max_steps"])
        validation.setdefault(card["id"], {})[steps] = card["validation"]["mrr@10"]
    xquad: dict[str, dict[int, float]] = {}
    psq = None
    results_path = curves / "xquad-r" / "results.json"
    if results_path.exists():
        for result in json.loads(results_path.read_text())["results"]:
            if result["system"] == "psq":
                psq = result["mean"]["map"]
                continue
            match = SYSTEM.match(result["system"])
            if match:
                key = f'{match["variant"]}@{match["lam"]}'
                xquad.setdefault(key, {})[int(match["step"])] = result["mean"]["map"]
    return {"validation": sort_series(validation), "xquad_r": sort_series(xquad), "psq": psq}


def sort_series(series: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
    return {name: dict(sorted(points.items())) for name, points in sorted(series.items())}


def panel(title: str, series: dict[str, dict[int, float]], x0: float, reference: float | None) -> list[str]:
    """One 420x300 chart at horizontal offset x0: log-scaled steps, linear metric."""
    width, height, left, top, bottom = 420, 300, 50, 30, 40
    steps = [s for points in series.values() for s in points]
    values = [v for points in series.values() for v in points.values()] + ([reference] if reference else [])
    if not steps:
        return []
    lo_x, hi_x = math.log10(min(steps)), math.log10(max(steps))
    lo_y, hi_y = min(values), max(values)
    pad = (hi_y - lo_y) * 0.1 or 0.05
    lo_y, hi_y = lo_y - pad, hi_y + pad

    def x(step: float) -> float:
        span = hi_x - lo_x or 1.0
        return x0 + left + (math.log10(step) - lo_x) / span * (width - left - 20)

    def y(value: float) -> float:
        return top + (hi_y - value) / (hi_y - lo_y) * (height - top - bottom)

    out = [f'<text x="{x0 + width / 2}" y="18" text-anchor="middle" font-weight="bold">{title}</text>']
    out.append(f'<line x1="{x0 + left}" y1="{height - bottom}" x2="{x0 + width - 20}" y2="{height - bottom}" stroke="#444"/>')
    out.append(f'<line x1="{x0 + left}" y1="{top}" x2="{x0 + left}" y2="{height - bottom}" stroke="#444"/>')
    for step in sorted(set(steps)):
        out.append(f'<text x="{x(step):.1f}" y="{height - bottom + 14}" text-anchor="middle" font-size="10">{step // 1000}k</text>')
    for i in range(5):
        value = lo_y + (hi_y - lo_y) * i / 4
        out.append(f'<text x="{x0 + left - 4}" y="{y(value) + 3:.1f}" text-anchor="end" font-size="10">{value:.3f}</text>')
    if reference is not None:
        out.append(
            f'<line x1="{x0 + left}" y1="{y(reference):.1f}" x2="{x0 + width - 20}" y2="{y(reference):.1f}" '
            'stroke="#888" stroke-dasharray="4 3"/>'
        )
        out.append(f'<text x="{x0 + width - 22}" y="{y(reference) - 3:.1f}" text-anchor="end" font-size="10">PSQ</text>')
    for i, (name, points) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in points.items())
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        # The legend sits a third of the way down, where fused and alone curves leave room.
        legend_top = top + (height - top - bottom) / 3
        out.append(f'<text x="{x0 + left + 6}" y="{legend_top + 12 * i:.1f}" font-size="10" fill="{colour}">{name}</text>')
    return out


def render_svg(points: dict) -> str:
    charts = panel("validation MRR@10", points["validation"], 0, None)
    charts += panel("XQuAD-R en→de MAP (PSQ, depth 100)", points["xquad_r"], 440, points["psq"])
    body = "\n".join(charts)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="880" height="300" font-family="sans-serif" font-size="12">\n'
        f'<rect width="880" height="300" fill="white"/>\n{body}\n</svg>\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m training.plot_curve", description=__doc__)
    parser.add_argument("--curves", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path, help="SVG to write")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    points = read_points(args.curves)
    if not points["validation"]:
        print(f"plot_curve: error: no xlir-model.json under {args.curves}", file=sys.stderr)
        return 2
    args.out.write_text(render_svg(points))
    print(json.dumps(points, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
