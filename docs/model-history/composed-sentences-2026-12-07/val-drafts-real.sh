#!/usr/bin/env bash
# The draft-count decision's real children's figures again, on the 200 children's frontals a test run
# never scores (evaluate --split validation picks them since 2026-12-07); the earlier sweep's came from
# the test run's 200. Real section only (F2R on one simulated study).
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-unsup
COMMON=(--bundle bundle-1.0.2 --data train-128.rsc --split validation --limit 1 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val)
run() { $CLI evaluate "${COMMON[@]}" --drafts $1 --out val-drafts-real-d$1 > val-drafts-real-d$1.log 2>&1; }
(run 16; run 4) & (run 8; run 32) & wait
echo DRAFTS-REAL-DONE
