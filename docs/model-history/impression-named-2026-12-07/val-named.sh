#!/usr/bin/env bash
# Validation split: the final pass that names a composed finding in an added impression (the shipped 1.0.3 weights; the code before it is val-report-shipped).
# frontals the test never scores, for the shipped 1.0.3 and AR (1.0.3 with the report generator
# retrained from 0.6.0 by the recipe's report stage with --condition-augment 0.5), side by side.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-named
cd /work/train1
COMMON=(--data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
:
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out val-report-named > val-report-named.log 2>&1 &
wait
echo VAL-REPORT-DONE
