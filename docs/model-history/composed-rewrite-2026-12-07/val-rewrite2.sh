#!/usr/bin/env bash
# Composed sentences rewritten, second rule (the whole draft's findings may stand in for the sentence's), 16 and 32 continuations.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-rewrite2
COMMON=(--bundle bundle-1.0.2 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val)
$CLI evaluate "${COMMON[@]}" --composed-retries 16 --out val-rewrite2-16 > val-rewrite2-16.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --composed-retries 32 --out val-rewrite2-32 > val-rewrite2-32.log 2>&1 &
wait
echo REWRITE2-DONE
