#!/usr/bin/env bash
# The test split, once, for the impression-location rule (radsynth-cli-location2: removal only) beside 1.0.3's code
# (radsynth-cli-choice): same bundle, data, studies and seed (val-location.sh chose it).
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
/work/train1/radsynth-cli-choice evaluate "${COMMON[@]}" --out test-location-old > test-location-old.log 2>&1 &
/work/train1/radsynth-cli-location2 evaluate "${COMMON[@]}" --out test-location-new > test-location-new.log 2>&1 &
wait
echo TEST-DONE
