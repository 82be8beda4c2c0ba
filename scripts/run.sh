#!/usr/bin/env bash
# README command 1: installs what is needed, builds, and runs the main job on the embedded
# default: the GUI opens the bundled sample study (a simulated chest study, no real patient) and,
# when the default model bundle is installed in models/default, synthesizes its lateral view and
# drafts its report. Without a display (a server, CI) the same job runs through radsynth-cli.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
SAMPLE="$ROOT/resources/sample-study"
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$BUILD_DIR/bin/radsynth" --demo "$SAMPLE"
fi
OUT="${RADSYNTH_DEMO_OUT:-$PWD/radsynth-demo}"
mkdir -p "$OUT"
echo "run: no display found; running the main job headless with radsynth-cli (output in $OUT)"
"$BUILD_DIR/bin/radsynth-cli" info "$SAMPLE"
"$BUILD_DIR/bin/radsynth-cli" render "$(find "$SAMPLE" -name '*.dcm' | sort | head -n1)" --out "$OUT/sample-frontal.png" --size 1024
if [[ -f "$ROOT/models/default/manifest.json" ]]; then
  "$BUILD_DIR/bin/radsynth-cli" demo --out "$OUT"
else
  echo "run: the default model bundle (models/default) is not installed yet: generation skipped."
  echo "     Train it with: $BUILD_DIR/bin/radsynth-cli train --recipe models/recipes/default.json"
fi
