#!/usr/bin/env bash
# Validation split for a bundle whose frontal/lateral finding classifiers were retrained
# (train.sh), against 1.0.3's (the same command on models/default). Usage: val.sh CLI BUNDLE NAME
#   1. F2R and L2R on 200 validation studies of the held-out CT patient P001 and F2R on the 200
#      pediatric validation frontals the test never scores;
#   2. F2R on the real adults of the validation patients of covid-chestxray and openist-normal-pa.
# Writes /work/train1/val-ov-NAME/ and val-ov-adults-NAME/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 bundle=$2 name=$3
R=/work/shared/data/real-cxr
cd /work/train1
"$cli" evaluate --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real "" \
    --tasks F2R,L2R --real-labelled $R/pediatric-pneumonia/val --no-save-ood \
    --bundle "$bundle" --out "val-ov-$name" > "val-ov-$name.log" 2>&1
"$here/../adults.sh" "$cli" validation "$bundle" "val-ov-adults-$name"
echo "VAL-OV-$name-DONE"
