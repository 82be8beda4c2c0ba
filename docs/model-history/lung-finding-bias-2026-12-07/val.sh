#!/usr/bin/env bash
# Validation split for the lung findings' bias in the choice among drafts (Request::lungFindingBias),
# one bias per call, the shipped 1.0.3 weights. Usage: val.sh CLI BIAS
#   1. F2R and L2R on 200 validation studies of the held-out CT patient P001 and F2R on the 200
#      pediatric validation frontals the test never scores (as ../impression-named-2026-12-07/val.sh);
#   2. F2R on the real adults of the validation patients of covid-chestxray and openist-normal-pa
#      (--real-patient-split: the test patients are scored only by test.sh).
# Writes /work/train1/val-bias-BIAS/ and val-bias-adults-BIAS/.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 b=$2
R=/work/shared/data/real-cxr
cd /work/train1
"$cli" evaluate --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real "" \
    --tasks F2R,L2R --real-labelled $R/pediatric-pneumonia/val --no-save-ood --lung-finding-bias "$b" \
    --bundle /work/main/models/default --out "val-bias-$b" > "val-bias-$b.log" 2>&1
"$cli" evaluate --data train-128.rsc --split validation --limit 1 --threads 1 --seed 1 --downstream 0 --real "" \
    --tasks F2R --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split --no-save-ood \
    --lung-finding-bias "$b" --bundle /work/main/models/default --out "val-bias-adults-$b" > "val-bias-adults-$b.log" 2>&1
echo "VAL-BIAS-$b-DONE"
