#!/usr/bin/env bash
# The test split, once, for the composed-sentence share (a new measure; no setting chosen with it:
# the shipped 1.0.2 drafts exactly as 1.0.0): report tasks and the real-image sections, 1.0.2 and
# 0.6.0 side by side with the same data, studies and seed (2026-12-07).
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-102
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0)
$CLI evaluate --bundle bundle-1.0.2 "${COMMON[@]}" --out test-composed-1.0.2 > test-composed-1.0.2.log 2>&1 &
$CLI evaluate --bundle old-0.6.0 "${COMMON[@]}" --out test-composed-0.6.0 > test-composed-0.6.0.log 2>&1 &
wait
echo TEST-DONE
