#!/usr/bin/env bash
# The test split, once, for impressions that name a device or fracture the findings never mention
# (radsynth-cli-only) beside the zone rule (radsynth-cli-zones): same bundle, data, studies and seed
# (val-only.sh chose it).
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
/work/train1/radsynth-cli-zones evaluate "${COMMON[@]}" --out test-only-old > test-only-old.log 2>&1 &
/work/train1/radsynth-cli-only evaluate "${COMMON[@]}" --out test-only-new > test-only-new.log 2>&1 &
wait
echo TEST-DONE
