#!/usr/bin/env bash
# A draft left without an impression gets one restating its findings (radsynth-cli-impression)
# beside the code before it (radsynth-cli-location2, the impression-location change); validation split.
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
# first run: /work/train1/radsynth-cli-location2 evaluate "${COMMON[@]}" --out val-impression-old > val-impression-old.log 2>&1 &
# first run (composed sentences could be restated): /work/train1/radsynth-cli-impression evaluate "${COMMON[@]}" --out val-impression-new > val-impression-new.log 2>&1 &
/work/train1/radsynth-cli-impression2 evaluate "${COMMON[@]}" --out val-impression-new2 > val-impression-new2.log 2>&1 &
wait
echo IMPRESSION-VAL-DONE
