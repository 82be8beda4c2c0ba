#!/usr/bin/env bash
# The test split for 1.0.3 again after the choice fix (the generator picks the draft the final pass keeps, so the
# rewriting reaches the shown draft; val-choice.sh), beside 1.0.2 in the same run, same data, studies and seed.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-choice
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0)
$CLI evaluate --bundle bundle-1.0.3 "${COMMON[@]}" --out test-choice-1.0.3 > test-choice-1.0.3.log 2>&1 &
$CLI evaluate --bundle bundle-1.0.2 "${COMMON[@]}" --no-save-ood --out test-choice-1.0.2 > test-choice-1.0.2.log 2>&1 &
wait
echo TEST-DONE
