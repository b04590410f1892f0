#!/usr/bin/env bash
# Installs the CPU training environment from Debian packages (run as root, or with sudo).
# Without libopenblas0-pthread, Debian's torch falls back to reference BLAS and trains ~20x slower.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  python3 python3-torch python3-sentencepiece python3-onnx python3-numpy python3-pytest python3-snowballstemmer \
  libopenblas0-pthread
/usr/bin/python3 - <<'PY'
import sys
import onnx, sentencepiece, snowballstemmer, torch
if sys.version_info < (3, 11):
    sys.exit(f"training needs Python >= 3.11, found {sys.version.split()[0]}")
print(f"training environment ready: python {sys.version.split()[0]}, torch {torch.__version__}, onnx {onnx.__version__}")
PY
