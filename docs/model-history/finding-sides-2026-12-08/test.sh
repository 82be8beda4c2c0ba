#!/usr/bin/env bash
# Test split, once, after the decision: radsynth-default 1.0.6 (/work/train1/bundle-106: 1.0.5 with
# the sides of the pleural findings weighed) beside 1.0.5 (models/default before it ships), the same
# build. 1. F2R, L2R, FL2R on the 100 test studies of the two held-out CT patients and the shared real
# sets (test-sides-shipped/, test-sides-bundle-106/); 2. the adults by their test patients, pooled
# (test-sides-adults-105/, test-sides-adults-106/). Usage: test.sh CLI (under /work/train1)
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/$1
cd /work/train1
COMMON=(--data train-128.rsc --tasks F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out test-sides-shipped > test-sides-shipped.log 2>&1 &
$CLI evaluate "${COMMON[@]}" --bundle /work/train1/bundle-106 --out test-sides-bundle-106 > test-sides-bundle-106.log 2>&1 &
wait
for b in 105 106; do
    bundle=/work/main/models/default; [ $b = 106 ] && bundle=/work/train1/bundle-106
    "$here/../adults.sh" $CLI test $bundle test-sides-adults-$b &
done
wait
echo TEST-SIDES-DONE
