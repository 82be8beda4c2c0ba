#!/usr/bin/env bash
# Impressions that move a lung finding to another lung ZONE (base, upper lung, midlung; not only
# lobes) are removed too, and a restated impression drops "there is" only where a training report
# has the sentence without it (radsynth-cli-zones), beside the restated impression alone
# (radsynth-cli-impression3); validation split.
set -u
cd /work/train1
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
/work/train1/radsynth-cli-impression3 evaluate "${COMMON[@]}" --out val-zones-old > val-zones-old.log 2>&1 &
/work/train1/radsynth-cli-zones evaluate "${COMMON[@]}" --out val-zones-new > val-zones-new.log 2>&1 &
wait
echo ZONES-VAL-DONE
