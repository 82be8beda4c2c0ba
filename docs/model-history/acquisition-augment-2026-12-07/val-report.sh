#!/usr/bin/env bash
# Validation split: F2R and L2R on 200 studies of CT patient P001 and F2R on 200 real pediatric
# frontals the test never scores, for the shipped 1.0.3 (written to val-report-NAME) and each bundle
# named after it (to val-report-BUNDLE), side by side.
# Usage: val-report.sh NAME [BUNDLE...]
#   val-report.sh shipped AR   1.0.3 and AR (1.0.3 with the report generator retrained from 0.6.0 by
#                              the recipe's report stage with --condition-augment 0.5)
#   val-report.sh merge        the final pass that merges a repeated section
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
cd /work/train1
name=$1
shift
COMMON=(--data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out "val-report-$name" > "val-report-$name.log" 2>&1 &
for b in "$@"; do $CLI evaluate "${COMMON[@]}" --bundle "$b" --out "val-report-$b" > "val-report-$b.log" 2>&1 & done
wait
echo VAL-REPORT-DONE
