#!/usr/bin/env bash
# Reproduces the shipped default model (models/default, radsynth-default 1.0) from scratch on this machine:
#   1. the sentence bank from the real IU train-split reports (../shared/data/iu-xray);
#   2. phase 1, the phantom model (radsynth-default 0.6.0): 10,545 simulated studies from the geometric
#      phantom, trained with models/recipes/default.json (skipped when RADSYNTH_PARENT names an existing
#      0.6.0 bundle, e.g. one checked out from git history: git show v0.6.0 ... or the previous models/default);
#   3. phase 2, the real-anatomy model: 20,545 paired studies from the CT-based simulator at 128 px (one per
#      real IU report, its text and MeSH findings written into a real CT's anatomy, and 17,000 random cases
#      with reports composed from the bank; split by CT patient), packed together with the real unpaired
#      radiographs of ../shared/data/real-cxr into one training cache, and trained with
#      models/recipes/default-real.json starting from phase 1's weights (train --init-from);
#   4. the evaluation, with the real-image sections (evaluate --shared-real).
# Every step is resumable: run the script again after an interruption and it continues where it stopped.
# Usage: scripts/train-default.sh [WORK_DIR] [BUNDLE_DIR]   (defaults: ./radsynth-training, models/default)
# RADSYNTH_DEVICE=cuda trains on a GPU with a CUDA build of LibTorch (Debian's is CPU-only; docs/GENERATION.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="${RADSYNTH_BUILD_DIR:-$ROOT/build}/bin/radsynth-cli"
WORK="${1:-$PWD/radsynth-training}"
BUNDLE="${2:-$ROOT/models/default}"
SHARED="${RADSYNTH_SHARED_DATA_DIR:-$ROOT/../shared/data}"
IU="$SHARED/iu-xray"
[[ -x "$CLI" ]] || { echo "train-default: build first (scripts/build.sh): $CLI is missing" >&2; exit 2; }
[[ -f "$IU/reports-train-val.tgz" ]] || { echo "train-default: the IU X-ray reports are needed at $IU (see docs/DATASETS.md)" >&2; exit 2; }
[[ -d "$SHARED/ct" && -d "$SHARED/real-cxr" ]] || { echo "train-default: the chest CTs and real radiographs are needed at $SHARED/ct and $SHARED/real-cxr" >&2; exit 2; }
mkdir -p "$WORK"
DEVICE="${RADSYNTH_DEVICE:-}"
if [[ ! -f "$WORK/bank.json" ]]; then
  "$CLI" sentence-bank --iu "$IU/reports-train-val.tgz" --out "$WORK/bank.json.tmp"
  mv "$WORK/bank.json.tmp" "$WORK/bank.json"
fi

# Phase 1: the phantom model (0.6.0).
PARENT="${RADSYNTH_PARENT:-$WORK/phantom-bundle}"
if [[ -z "${RADSYNTH_PARENT:-}" ]]; then
  if [[ ! -f "$WORK/sim-phantom/.complete" ]]; then
    rm -rf "$WORK/sim-phantom"
    "$CLI" simulate --engine phantom --from-reports "$IU/reports-train-val.tgz" --count 100000 --size 128 --no-dicom --seed 11 --id-prefix IU --out "$WORK/sim-phantom"
    "$CLI" simulate --engine phantom --count 7000 --size 128 --no-dicom --bank "$WORK/bank.json" --seed 12 --id-prefix RND --append --out "$WORK/sim-phantom"
    touch "$WORK/sim-phantom/.complete"
  fi
  if [[ ! -f "$WORK/phantom-128.rsc" ]]; then
    "$CLI" dataset prepare "$WORK/sim-phantom" --out "$WORK/phantom-128.rsc.tmp" --size 128
    mv "$WORK/phantom-128.rsc.tmp" "$WORK/phantom-128.rsc"
  fi
  "$CLI" train --recipe "$ROOT/models/recipes/default.json" --data "$WORK/phantom-128.rsc" --bundle "$PARENT" ${DEVICE:+--device "$DEVICE"} \
    --validate-every 100 --sample-every 300 --checkpoint-every 100
fi

# Phase 2: real anatomy (CT-based pairs) and real appearance (unpaired real radiographs).
if [[ ! -f "$WORK/sim-ct/.complete" ]]; then
  rm -rf "$WORK/sim-ct"
  "$CLI" simulate --engine ct --ct-dir "$SHARED/ct" --from-reports "$IU/reports-train-val.tgz" --count 100000 --size 128 --no-dicom --seed 21 --id-prefix IU --out "$WORK/sim-ct"
  "$CLI" simulate --engine ct --ct-dir "$SHARED/ct" --count 17000 --size 128 --no-dicom --bank "$WORK/bank.json" --seed 22 --id-prefix RND --append --out "$WORK/sim-ct"
  touch "$WORK/sim-ct/.complete"
fi
if [[ ! -f "$WORK/ct-real-128.rsc" ]]; then
  "$CLI" dataset prepare "$WORK/sim-ct" "$SHARED/real-cxr" --out "$WORK/ct-real-128.rsc.tmp" --size 128
  mv "$WORK/ct-real-128.rsc.tmp" "$WORK/ct-real-128.rsc"
fi
"$CLI" train --recipe "$ROOT/models/recipes/default-real.json" --data "$WORK/ct-real-128.rsc" --bundle "$BUNDLE" --init-from "$PARENT" \
  ${DEVICE:+--device "$DEVICE"} --validate-every 100 --sample-every 300 --checkpoint-every 100

# As in the model card: every task on the first 100 test studies (the held-out CT patients), one LibTorch
# thread, the real-image sections; writes ood.json into the bundle.
"$CLI" evaluate --bundle "$BUNDLE" --data "$WORK/ct-real-128.rsc" --tasks all --limit 100 --threads 1 --validation-limit 0 \
  --shared-real --save-ood --out "$WORK/evaluation"
