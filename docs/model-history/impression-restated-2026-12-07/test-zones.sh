#!/usr/bin/env bash
# The test split, once, for lung zones and restated impressions holding only training sentences
# (radsynth-cli-zones) beside the restated impression alone (radsynth-cli-impression3): same bundle,
# data, studies and seed (val-zones.sh chose it).
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
/work/train1/radsynth-cli-impression3 evaluate "${COMMON[@]}" --out test-zones-old > test-zones-old.log 2>&1 &
/work/train1/radsynth-cli-zones evaluate "${COMMON[@]}" --out test-zones-new > test-zones-new.log 2>&1 &
wait
echo TEST-DONE
