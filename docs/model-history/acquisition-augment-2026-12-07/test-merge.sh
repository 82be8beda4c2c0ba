#!/usr/bin/env bash
# Test split, once: the shipped 1.0.3 weights with the final pass that merges a repeated section (code before it: test-shipped, the same command) on the 100 test
# studies of the two held-out CT patients and the shared real sets, now with the synthesized
# laterals of the labelled real frontals and the normal adults of openist-normal-pa.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
cd /work/train1
COMMON=(--data train-128.rsc --tasks F2L,F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out test-merge > test-merge.log 2>&1 &
for b in "$@"; do $CLI evaluate "${COMMON[@]}" --bundle $b --out test-$b > test-$b.log 2>&1 & done
wait
echo TEST-DONE
