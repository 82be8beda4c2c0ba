#!/usr/bin/env bash
# Validation split: F2L on 100 studies of the validation CT patient (P001) and on 150 real pediatric
# frontals the test never scores (their synthesized laterals read by the evaluation's lateral
# classifier), for the shipped 1.0.3, C (lateral retrained without augmentation: the control) and
# AL (lateral retrained with --condition-augment 0.5; C's other components).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
cd /work/train1
COMMON=(--data train-128.rsc --split validation --limit 100 --threads 1 --seed 1 --downstream 0 --real "" --real-limit 150
        --tasks F2L --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood)
for b in "$@"; do
  bundle=$b; [[ $b == shipped ]] && bundle=/work/main/models/default
  $CLI evaluate "${COMMON[@]}" --bundle $bundle --out val-f2l-$b > val-f2l-$b.log 2>&1 &
done
wait
echo VAL-DONE
