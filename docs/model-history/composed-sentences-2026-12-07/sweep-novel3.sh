#!/usr/bin/env bash
# Third part of the composed-sentence penalty sweep: the real children's frontals that the test runs
# never score (pediatric-val-not-test, 200 of its 582) for the penalties of sweep-novel.sh, whose real
# figures came from the same 200 images the test run scores.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-sent
COMMON=(--bundle sent-bundle --data train-128.rsc --split validation --limit 1 --threads 1 --seed 1 --downstream 0 --real ""
        --tasks F2R --real-labelled /work/train1/pediatric-val-not-test/val)
run() { $CLI evaluate "${COMMON[@]}" --novel-penalty $1 --out val-novel-real-p$1 > val-novel-real-p$1.log 2>&1; }
(run 0; run 2) & (run 1) & wait
echo NOVEL-SWEEP3-DONE
