#!/usr/bin/env bash
# The composed-sentence penalty chosen on the validation split (CT patient P001; real: pediatric val),
# never the test split. 1.0.0 with its training sentences (train --stage sentences), 16 drafts.
# Run 2026-12-07 by the issue 23 session.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-sent
COMMON=(--bundle sent-bundle --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val)
seed_classifiers() { mkdir -p "$2"; cp "$1"/finding-classifier-* "$2"/ 2>/dev/null || true; }
run() { seed_classifiers val-drafts-d16 val-novel-p$1; $CLI evaluate "${COMMON[@]}" --novel-penalty $1 --out val-novel-p$1 > val-novel-p$1.log 2>&1; }
(run 0; run 2; run 5) & (run 1; run 3) & wait
echo NOVEL-SWEEP-DONE
