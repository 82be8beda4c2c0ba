#!/usr/bin/env bash
# Validation split for a bundle as it recommends its own settings. Usage: val-bundle.sh CLI BUNDLE NAME
# -> /work/train1/val-b-NAME/ (200 P001 studies F2R + L2R, the 200 pediatric validation frontals)
#    and val-b-adults-NAME/ (the adults of the validation patients, pooled).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 bundle=$2 name=$3
R=/work/shared/data/real-cxr
common=(--data train-128.rsc --split validation --threads 1 --seed 1 --downstream 0 --real "" --no-save-ood --bundle "$bundle")
cd /work/train1
"$cli" evaluate "${common[@]}" --limit 200 --tasks F2R,L2R --real-labelled $R/pediatric-pneumonia/val --out "val-b-$name" > "val-b-$name.log" 2>&1 &
"$cli" evaluate "${common[@]}" --limit 1 --tasks F2R --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split \
    --out "val-b-adults-$name" > "val-b-adults-$name.log" 2>&1
wait
echo "VAL-B-$name-DONE"
