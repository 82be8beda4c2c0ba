#!/usr/bin/env bash
# Amendment 2's validation: sides weighed for the pleural observations only. Usage: val2.sh CLI W NAME
#   1. F2R and FL2R on 1,000 studies of the held-out validation CT patient P001 (-> val2-sides-NAME/);
#   2. F2R on the adults of the validation patients, pooled row (-> val2-sides-adults-NAME/).
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=$1 w=$2 name=$3
common=(--data train-128.rsc --split validation --threads 1 --seed 1 --downstream 0 --real "" --no-save-ood
        --bundle /work/main/models/default --side-weight "$w" --side-observations pneumothorax,pleural_effusion,pleural_other)
cd /work/train1
"$cli" evaluate "${common[@]}" --limit 1000 --tasks F2R,FL2R --out "val2-sides-$name" > "val2-sides-$name.log" 2>&1
"$here/../adults.sh" "$cli" validation /work/main/models/default "val2-sides-adults-$name" --side-weight "$w" \
    --side-observations pneumothorax,pleural_effusion,pleural_other
echo "VAL2-SIDES-$name-DONE"
