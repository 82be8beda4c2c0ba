#!/usr/bin/env bash
# Test split, once: radsynth-default 1.0.4 (1.0.3's weights, drafts weighed as finished:
# "finished_drafts": true for F2R, L2R and FL2R; /work/train1/bundle-fd) beside 1.0.3, the same
# build. 1. the usual command (../acquisition-augment-2026-12-07/test-run.sh): test-fd-shipped/
# and test-bundle-fd/; 2. the adults by their test patients, pooled: test-adults-{shipped,fd}/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-nfb6
CLI=$CLI "$(dirname "$0")/../acquisition-augment-2026-12-07/test-run.sh" fd-shipped bundle-fd
cd /work/train1
for b in shipped fd; do
    bundle=/work/main/models/default; [ $b = fd ] && bundle=/work/train1/bundle-fd
    "$here/../adults.sh" $CLI test $bundle test-adults-$b &
done
wait
echo TEST-FD-DONE
