"""Learning-rate schedule: linear warm-up, then linear decay that reaches zero exactly at max_steps.

The original code decayed over the wrong length, so the rate never reached zero.
"""

from __future__ import annotations


def linear_warmup_decay(step: int, warmup_steps: int, max_steps: int) -> float:
    """Multiplier on the peak learning rate for a 0-based optimiser step."""
    if max_steps <= 0:
        raise ValueError("max_steps must be positive")
    warmup_steps = min(warmup_steps, max_steps)
    if step < warmup_steps:
        return (step + 1) / warmup_steps
    return max(0.0, (max_steps - step) / max(1, max_steps - warmup_steps))
