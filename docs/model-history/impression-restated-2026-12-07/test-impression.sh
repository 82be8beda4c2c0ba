#!/usr/bin/env bash
# The test split, once, for the restated impression (radsynth-cli-impression3: the val-impression-new2
# code plus the with_impression_rate figure) beside the code before it (radsynth-cli-location2):
# same bundle, data, studies and seed.
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
/work/train1/radsynth-cli-location2 evaluate "${COMMON[@]}" --out test-impression-old > test-impression-old.log 2>&1 &
/work/train1/radsynth-cli-impression3 evaluate "${COMMON[@]}" --out test-impression-new > test-impression-new.log 2>&1 &
wait
echo TEST-DONE
