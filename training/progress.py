"""A dependency-free progress line: redrawn in place on a TTY, periodic log lines otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, every: int = 100):
        self.total, self.label, self.every = total, label, every
        self.start = time.monotonic()
        self.tty = sys.stderr.isatty()

    def update(self, done: int, **fields: float) -> None:
        if not self.tty and done % self.every and done != self.total:
            return
        elapsed = time.monotonic() - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else 0.0
        extra = " ".join(f"{k}={v:.4f}" for k, v in fields.items())
        line = f"{self.label} {done}/{self.total} {100 * done / self.total:5.1f}% {rate:.1f}/s eta {eta:4.0f}s {extra}"
        if self.tty:
            sys.stderr.write("\r" + line)
            if done == self.total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
