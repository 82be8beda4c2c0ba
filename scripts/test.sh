#!/usr/bin/env bash
# README command 2: installs what is needed, builds, and runs every test (CTest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 900 -j "${RADSYNTH_TEST_JOBS:-2}" "$@"
