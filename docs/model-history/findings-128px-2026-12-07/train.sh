#!/usr/bin/env bash
# The finding classifiers of 1.0.3 retrained on train-128.rsc at 128 px (the cache's resolution)
# instead of 64, into copies of models/default (the recipe's findings stage otherwise: batch 32):
#   bundle-f128w16: 128 px, width 16 (five convolutions, 16 ... 128 channels, 0.2 M parameters);
#   bundle-f128w32: 128 px, width 32 (five convolutions, 32 ... 256 channels, 0.8 M parameters).
# Usage: train.sh CLI STEPS   (CLI: a radsynth-cli under /work/train1)
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/$1 steps=${2:-3000}
cd /work/train1
for w in 16 32; do
    b=bundle-f128w$w
    rm -rf $b; cp -r /work/main/models/default $b
    $CLI train --stage findings --data train-128.rsc --bundle $b --steps $steps --batch 32 \
        --findings-size 128 --findings-width $w > f128w$w.log 2>&1 &
done
wait
