#!/usr/bin/env bash
# Impression sentences stating a device or a fracture the findings never mention, which the
# classifiers do not read present, are removed too (radsynth-cli-only), beside the zone rule
# (radsynth-cli-zones); validation split.
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
/work/train1/radsynth-cli-zones evaluate "${COMMON[@]}" --out val-only-old > val-only-old.log 2>&1 &
/work/train1/radsynth-cli-only evaluate "${COMMON[@]}" --out val-only-new > val-only-new.log 2>&1 &
wait
echo ONLY-VAL-DONE
