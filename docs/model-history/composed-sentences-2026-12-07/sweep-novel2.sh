#!/usr/bin/env bash
# Second part of the composed-sentence penalty sweep on validation (sweep-novel.sh): smaller penalties.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-sent
COMMON=(--bundle sent-bundle --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/train1/pediatric-val-not-test/val)
seed_classifiers() { mkdir -p "$2"; cp "$1"/finding-classifier-* "$2"/ 2>/dev/null || true; }
run() { seed_classifiers val-drafts-d16 val-novel-p$1; $CLI evaluate "${COMMON[@]}" --novel-penalty $1 --out val-novel-p$1 > val-novel-p$1.log 2>&1; }
(run 0.25) & (run 0.5) & wait
echo NOVEL-SWEEP2-DONE
