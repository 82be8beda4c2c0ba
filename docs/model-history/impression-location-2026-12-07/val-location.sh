#!/usr/bin/env bash
# Impressions that move a lung finding to another lobe: charged in the draft choice and removed in
# the final pass (radsynth-cli-location) beside 1.0.3's code (radsynth-cli-choice); validation split.
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
/work/train1/radsynth-cli-choice evaluate "${COMMON[@]}" --out val-location-old > val-location-old.log 2>&1 &
/work/train1/radsynth-cli-location evaluate "${COMMON[@]}" --out val-location-new > val-location-new.log 2>&1 &
# Second version (the charge in the choice dropped, removal only), run alone afterwards:
# /work/train1/radsynth-cli-location2 evaluate "${COMMON[@]}" --out val-location-new2 > val-location-new2.log 2>&1
wait
echo LOCATION-DONE
