#!/usr/bin/env bash
# Validation split with sides weighed or not. Usage: val.sh CLI W NAME
#   1. F2R and FL2R on 200 studies of the held-out validation CT patient P001
#      (-> /work/train1/val-sides-NAME/);
#   2. F2R on the adults of the validation patients of covid-chestxray and openist-normal-pa, with
#      the pooled row (-> /work/train1/val-sides-adults-NAME/).
# The shipped bundle (radsynth-default 1.0.5) with --side-weight W (0: sides not weighed).
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=$1 w=$2 name=$3
common=(--data train-128.rsc --split validation --threads 1 --seed 1 --downstream 0 --real "" --no-save-ood
        --bundle /work/main/models/default --side-weight "$w")
cd /work/train1
"$cli" evaluate "${common[@]}" --limit 200 --tasks F2R,FL2R --out "val-sides-$name" > "val-sides-$name.log" 2>&1 &
"$here/../adults.sh" "$cli" validation /work/main/models/default "val-sides-adults-$name" --side-weight "$w"
wait
echo "VAL-SIDES-$name-DONE"
