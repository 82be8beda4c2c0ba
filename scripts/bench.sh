#!/usr/bin/env bash
# Runs every benchmark program (build/bench/bench-*) one after the other and prints its figures.
# Usage: scripts/bench.sh [build dir] [name filter]
set -uo pipefail
BUILD_DIR="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build}"
FILTER="${2:-}"
status=0
for program in "$BUILD_DIR"/bench/bench-*; do
  [[ -x "$program" ]] || continue
  [[ -z "$FILTER" || "$(basename "$program")" == *"$FILTER"* ]] || continue
  echo "=== $(basename "$program") ==="
  /usr/bin/time -v "$program" 2> >(grep -E "Maximum resident|Elapsed" >&2) || status=1
done
exit $status
