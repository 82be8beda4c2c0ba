#!/usr/bin/env bash
# Real-acquisition augmentation of the conditioning views (issue 23), 2026-12-07.
# A: radsynth-default 1.0.3 with the lateral UNet and the report generator retrained from 0.6.0 exactly
#    as the recipe does (400 / 2,500 steps), but with --condition-augment 0.5.
# C: the same lateral run without augmentation (the control for the retraining's own variation).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
cd /work/train1
prepare() { # copy of models/default without the named components
  local dir=$1; shift
  rm -rf $dir && cp -r /work/main/models/default $dir
  for c in "$@"; do rm -f $dir/$c.pt $dir/train_${c%_unet}.csv
    /usr/bin/python3 -c "import json,sys; p='$dir/manifest.json'; m=json.load(open(p)); m['components'].pop('$c'); json.dump(m,open(p,'w'),indent=1)"; done
}
[[ -d A ]] || prepare A lateral_unet report_decoder
[[ -d C ]] || prepare C lateral_unet
LAT=(--stage lateral --steps 400 --batch 16 --lr 4e-4 --lr-schedule cosine --ema 0.999 --report-only 0.5 --data train-128.rsc --init-from b060 --validate-every 50 --checkpoint-every 50 --sample-every 0)
date
OMP_NUM_THREADS=1 $CLI train "${LAT[@]}" --bundle A --condition-augment 0.5 --resume > A-lateral.log 2>&1 &
OMP_NUM_THREADS=1 $CLI train "${LAT[@]}" --bundle C --resume > C-lateral.log 2>&1 &
wait
date; echo LATERAL-DONE
OMP_NUM_THREADS=2 $CLI train --stage report --steps 2500 --batch 16 --lr 3e-4 --data train-128.rsc --bundle A --init-from b060 --condition-augment 0.5 \
  --validate-every 250 --checkpoint-every 250 --sample-every 0 --resume > A-report.log 2>&1
date; echo REPORT-DONE
