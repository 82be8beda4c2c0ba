#!/usr/bin/env bash
# Reproduces the shipped default model (models/default) from scratch on this machine:
#   1. the sentence bank from the real IU train-split reports (../shared/data/iu-xray),
#   2. 10,545 simulated studies at 128 px: one per real IU report (its text, its MeSH findings
#      rendered by the simulator) and 7,000 random cases whose reports are composed from the bank,
#   3. the training cache, 4. the recipe models/recipes/default.json (resumable: run the script
#      again after an interruption and it continues where it stopped), 5. the evaluation.
# Usage: scripts/train-default.sh [WORK_DIR] [BUNDLE_DIR]   (defaults: ./radsynth-training, models/default)
# RADSYNTH_RECIPE=models/recipes/default-long.json selects the longer schedule; RADSYNTH_DEVICE=cuda
# trains on a GPU with a CUDA build of LibTorch (Debian's is CPU-only; see docs/GENERATION.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="${RADSYNTH_BUILD_DIR:-$ROOT/build}/bin/radsynth-cli"
WORK="${1:-$PWD/radsynth-training}"
BUNDLE="${2:-$ROOT/models/default}"
RECIPE="${RADSYNTH_RECIPE:-$ROOT/models/recipes/default.json}"
IU="${RADSYNTH_SHARED_DATA_DIR:-$ROOT/../shared/data}/iu-xray"
[[ -x "$CLI" ]] || { echo "train-default: build first (scripts/build.sh): $CLI is missing" >&2; exit 2; }
[[ -f "$IU/reports-train-val.tgz" ]] || { echo "train-default: the IU X-ray reports are needed at $IU (see docs/DATASETS.md)" >&2; exit 2; }
mkdir -p "$WORK"
DATA="$WORK/sim-default"
if [[ ! -f "$WORK/bank.json" ]]; then
  "$CLI" sentence-bank --iu "$IU/reports-train-val.tgz" --out "$WORK/bank.json.tmp"
  mv "$WORK/bank.json.tmp" "$WORK/bank.json"
fi
if [[ ! -f "$DATA/.complete" ]]; then
  rm -rf "$DATA"
  "$CLI" simulate --engine phantom --from-reports "$IU/reports-train-val.tgz" --count 100000 --size 128 --no-dicom --seed 11 --id-prefix IU --out "$DATA"
  "$CLI" simulate --engine phantom --count 7000 --size 128 --no-dicom --bank "$WORK/bank.json" --seed 12 --id-prefix RND --append --out "$DATA"
  touch "$DATA/.complete"
fi
if [[ ! -f "$WORK/default-128.rsc" ]]; then
  "$CLI" dataset prepare "$DATA" --out "$WORK/default-128.rsc.tmp" --size 128
  mv "$WORK/default-128.rsc.tmp" "$WORK/default-128.rsc"
fi
DEVICE="${RADSYNTH_DEVICE:-}"
"$CLI" train --recipe "$RECIPE" --data "$WORK/default-128.rsc" --bundle "$BUNDLE" ${DEVICE:+--device "$DEVICE"} \
  --validate-every 100 --sample-every 300 --checkpoint-every 100
if "$CLI" evaluate --help > /dev/null 2>&1; then
  # As in the model card: every task on the first 100 test studies, one LibTorch thread.
  "$CLI" evaluate --bundle "$BUNDLE" --data "$WORK/default-128.rsc" --tasks all --limit 100 --threads 1 --out "$WORK/evaluation"
fi
