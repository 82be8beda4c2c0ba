#!/usr/bin/env bash
# README command 1: installs what is needed, builds, and runs the main job on the embedded
# default: the GUI opens the bundled sample study. Without a display (a server, CI), the same
# job runs through radsynth-cli and writes its output to ./radsynth-demo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
SAMPLE="$ROOT/resources/sample-study"
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$BUILD_DIR/bin/radsynth" --demo "$SAMPLE"
fi
echo "run: no display found; running the main job headless with radsynth-cli"
"$BUILD_DIR/bin/radsynth-cli" demo --out "${RADSYNTH_DEMO_OUT:-$PWD/radsynth-demo}"
