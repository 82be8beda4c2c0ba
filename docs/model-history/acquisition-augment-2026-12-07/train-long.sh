#!/usr/bin/env bash
# The lateral UNet trained 1,600 steps instead of 400 (recipe settings otherwise), without (L16) and
# with (L16A) --condition-augment 0.5: 1.0.3's lateral is blurred for every input, simulated
# validation frontals and a report alone included, so its 400-step stop (chosen on the denoising
# loss of the held-out CT patient) may be what blurs it.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
cd /work/train1
for d in L16 L16A; do [[ -d $d ]] || { cp -r C $d; rm -rf $d/checkpoints $d/lateral_unet.pt $d/train_lateral.csv; /usr/bin/python3 -c "import json; p='$d/manifest.json'; m=json.load(open(p)); m['components'].pop('lateral_unet'); json.dump(m,open(p,'w'),indent=1)"; }; done
LAT=(--stage lateral --steps 1600 --batch 16 --lr 4e-4 --lr-schedule cosine --ema 0.999 --report-only 0.5 --data train-128.rsc --init-from b060 --validate-every 100 --checkpoint-every 100 --sample-every 0)
date
OMP_NUM_THREADS=1 $CLI train "${LAT[@]}" --bundle L16 --resume > L16-lateral.log 2>&1 &
OMP_NUM_THREADS=1 $CLI train "${LAT[@]}" --bundle L16A --condition-augment 0.5 --resume > L16A-lateral.log 2>&1 &
wait
date; echo LONG-DONE
