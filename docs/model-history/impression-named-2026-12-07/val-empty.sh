#!/usr/bin/env bash
# Validation split: composed sentences the labeler reads nothing in are removed, on top of val-place.
# F2R and L2R on 200 validation studies of the held-out CT patient P001, and F2R on the pediatric
# validation frontals the test never scores; the shipped 1.0.3 weights.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-empty
cd /work/train1
COMMON=(--data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
:
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out val-report-empty > val-report-empty.log 2>&1 &
wait
echo VAL-REPORT-DONE
