#!/usr/bin/env bash
# The real adults of the validation patients (covid-chestxray: 44 pneumonias, 2 normals;
# openist-normal-pa: 19 normals), F2R, with the pooled row (sensitivity, specificity, AUC over the
# 65) and every image's record. Usage: adults.sh CLI BUNDLE NAME -> /work/train1/val-adults-NAME/
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 bundle=$2 name=$3
R=/work/shared/data/real-cxr
cd /work/train1
"$cli" evaluate --data train-128.rsc --split validation --limit 1 --threads 1 --seed 1 --downstream 0 --real "" \
    --tasks F2R --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split --no-save-ood \
    --bundle "$bundle" --out "val-adults-$name" > "val-adults-$name.log" 2>&1
grep "sets pooled" "val-adults-$name/metrics.md"
