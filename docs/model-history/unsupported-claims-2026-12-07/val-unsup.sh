#!/usr/bin/env bash
# The unsupported-composed-claim removal on the validation split (RULE.md), with and without, side by side.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-unsup
COMMON=(--bundle bundle-1.0.2 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val)
seed_classifiers() { mkdir -p "$2"; cp "$1"/finding-classifier-* "$2"/ 2>/dev/null || true; }
seed_classifiers val-drafts-d16 val-unsup-off; seed_classifiers val-drafts-d16 val-unsup-on
$CLI evaluate "${COMMON[@]}" --out val-unsup-off > val-unsup-off.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --drop-unsupported --out val-unsup-on > val-unsup-on.log 2>&1 &
wait
echo UNSUP-DONE
