#!/usr/bin/env bash
# Validation split with the drafts weighed as finished or not. Usage: val.sh CLI 0|1 NAME
#   1. F2R and L2R on 200 studies of the held-out CT patient P001, F2R on the 200 pediatric
#      validation frontals the test never scores (-> /work/train1/val-fd-NAME/);
#   2. F2R on the adults of the validation patients of covid-chestxray and openist-normal-pa, with
#      the pooled row (-> /work/train1/val-fd-adults-NAME/).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 fd=$2 name=$3
R=/work/shared/data/real-cxr
common="--data train-128.rsc --split validation --threads 1 --seed 1 --downstream 0 --real '' --no-save-ood --bundle /work/main/models/default --finished-drafts $fd"
cd /work/train1
eval "$cli" evaluate $common --limit 200 --tasks F2R,L2R --real-labelled $R/pediatric-pneumonia/val --out "val-fd-$name" > "val-fd-$name.log" 2>&1 &
eval "$cli" evaluate $common --limit 1 --tasks F2R --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split \
    --out "val-fd-adults-$name" > "val-fd-adults-$name.log" 2>&1
wait
echo "VAL-FD-$name-DONE"
