#!/usr/bin/env bash
# The finding classifiers of 1.0.3 retrained on train-128.rsc (the model card's recipe stage:
# 3,000 steps, batch 32), into copies of models/default:
#   bundle-ovC: as the recipe does (the control: the same training in this session's build);
#   bundle-ov5: the real adult sets' training records drawn five times as often.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-ov
cd /work/train1
for b in ovC ov5; do rm -rf bundle-$b; cp -r /work/main/models/default bundle-$b; done
$CLI train --stage findings --data train-128.rsc --bundle bundle-ovC --steps 3000 --batch 32 > ovC.log 2>&1 &
$CLI train --stage findings --data train-128.rsc --bundle bundle-ov5 --steps 3000 --batch 32 \
    --oversample RAD/covid-chestxray/=5 --oversample RAD/openist-normal-pa/=5 --oversample RAD/figure1-covid/=5 > ov5.log 2>&1 &
wait
