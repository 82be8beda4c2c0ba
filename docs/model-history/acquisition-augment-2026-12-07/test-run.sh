#!/usr/bin/env bash
# Test split, once: the shipped 1.0.3 (written to test-NAME) and each bundle named after it (to
# test-BUNDLE) on the 100 test studies of the two held-out CT patients and the shared real sets, with
# the synthesized laterals of the labelled real frontals and the normal adults of openist-normal-pa.
# Usage: test-run.sh NAME [BUNDLE...]
#   test-run.sh shipped    1.0.3 with the code of stop 37's start
#   test-run.sh merge      the final pass that merges a repeated section (the same command)
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=${CLI:-/work/main/build/bin/radsynth-cli} # an older build kept under /work/train1: CLI=/work/train1/radsynth-cli-NAME test-run.sh NAME
cd /work/train1
name=$1
shift
COMMON=(--data train-128.rsc --tasks F2L,F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out "test-$name" > "test-$name.log" 2>&1 &
for b in "$@"; do $CLI evaluate "${COMMON[@]}" --bundle "$b" --out "test-$b" > "test-$b.log" 2>&1 & done
wait
echo TEST-DONE
