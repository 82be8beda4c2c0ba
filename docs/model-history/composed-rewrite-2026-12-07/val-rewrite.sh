#!/usr/bin/env bash
# Composed sentences rewritten by the model (composed_retries) on the validation split: 0 / 16 / 32 side by side.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-rewrite
COMMON=(--bundle bundle-1.0.2 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val)
seed_classifiers() { mkdir -p "$2"; cp "$1"/finding-classifier-* "$2"/ 2>/dev/null || true; }
for n in 0 16 32; do seed_classifiers val-drafts-d16 val-rewrite-$n; done
$CLI evaluate "${COMMON[@]}" --composed-retries 0 --out val-rewrite-0 > val-rewrite-0.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --composed-retries 16 --out val-rewrite-16 > val-rewrite-16.log 2>&1 &
wait
$CLI evaluate "${COMMON[@]}" --composed-retries 32 --out val-rewrite-32 > val-rewrite-32.log 2>&1
echo REWRITE-DONE
