#!/usr/bin/env bash
# Sentences speaking of an earlier study rewritten too (rewrite_earlier_study), on the validation
# split, off and on side by side, both with 1.0.3's 16 continuations per composed sentence.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-earlier
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
$CLI evaluate "${COMMON[@]}" --rewrite-earlier-study off --out val-earlier-off > val-earlier-off.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --rewrite-earlier-study on --out val-earlier-on > val-earlier-on.log 2>&1 &
wait
echo EARLIER-DONE
