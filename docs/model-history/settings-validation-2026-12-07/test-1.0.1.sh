#!/usr/bin/env bash
# The test split, once, for the settings chosen on validation (1.0.1: 8 finding-guided drafts instead
# of 16; OOD percentile 97 confirmed). 1.0.0 and 1.0.1 with the same data, studies and seed, side by side.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-ood
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0)
$CLI evaluate --bundle val-bundle "${COMMON[@]}" --out test-1.0.0-reports > test-1.0.0-reports.log 2>&1 &
$CLI evaluate --bundle bundle-1.0.1 "${COMMON[@]}" --out test-1.0.1-reports > test-1.0.1-reports.log 2>&1 &
wait
echo TEST-DONE
