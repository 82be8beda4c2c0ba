#!/usr/bin/env bash
# 1.0.3 with the generator choosing the draft the final pass keeps (fragment charge), so that the
# rewriting reaches the draft the reader gets; validation split, beside the earlier code's figures
# (val-rewrite3-16) and the no-rewrite baseline (val-rewrite-0).
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-choice
COMMON=(--bundle bundle-1.0.3 --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
$CLI evaluate "${COMMON[@]}" --composed-retries 16 --out val-choice-16 > val-choice-16.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --composed-retries 0 --out val-choice-0 > val-choice-0.log 2>&1 &
wait
echo CHOICE-DONE
