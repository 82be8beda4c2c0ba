#!/usr/bin/env bash
# Test split, once: radsynth-default 1.0.5 (1.0.4 with the width-32, 128 px frontal finding
# classifier; /work/train1/bundle-w32f) beside 1.0.4 (models/default), the same build.
# 1. the usual command: test-w32f-shipped/ and test-bundle-w32f/; 2. the adults by their test
# patients, pooled: test-adults-104/ and test-adults-w32f/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-104
CLI=$CLI "$(dirname "$0")/../acquisition-augment-2026-12-07/test-run.sh" w32f-shipped bundle-w32f
cd /work/train1
for b in 104 w32f; do
    bundle=/work/main/models/default; [ $b = w32f ] && bundle=/work/train1/bundle-w32f
    "$here/../adults.sh" $CLI test $bundle test-adults-$b &
done
wait
echo TEST-W32F-DONE
