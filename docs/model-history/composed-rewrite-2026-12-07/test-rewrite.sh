#!/usr/bin/env bash
# The test split, once, for 1.0.3 (composed sentences rewritten from 16 continuations, chosen on
# validation: val-rewrite*.sh) beside the shipped 1.0.2 (same weights), same data, studies and seed.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-rewrite3
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0)
$CLI evaluate --bundle bundle-1.0.3 "${COMMON[@]}" --out test-rewrite-1.0.3 > test-rewrite-1.0.3.log 2>&1 &
$CLI evaluate --bundle bundle-1.0.2 "${COMMON[@]}" --no-save-ood --out test-rewrite-1.0.2 > test-rewrite-1.0.2.log 2>&1 &
wait
echo TEST-DONE
