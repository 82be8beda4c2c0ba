#!/usr/bin/env bash
# The test split, once, after the implied-denial contradiction rule (chosen a priori, checked on
# validation: val-rule-d16): report tasks and the real-image sections, 1.0.0 and 0.6.0 side by side
# with the same data, studies and seed (2026-12-07).
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-rule
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0)
$CLI evaluate --bundle val-bundle "${COMMON[@]}" --out test-rule-1.0.0 > test-rule-1.0.0.log 2>&1 &
$CLI evaluate --bundle old-0.6.0 "${COMMON[@]}" --out test-rule-0.6.0 > test-rule-0.6.0.log 2>&1 &
wait
echo TEST-DONE
