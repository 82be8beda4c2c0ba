#!/usr/bin/env bash
# Configures and builds RadSynth into build/ (Ninja, ccache). Usage: scripts/build.sh [extra cmake args]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_BUILD_DIR:-$ROOT/build}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
fi
# Two parallel jobs on the 2-core machine; LibTorch translation units need about 1.5 GB each.
cmake --build "$BUILD_DIR" --parallel "${RADSYNTH_JOBS:-$(nproc)}"
