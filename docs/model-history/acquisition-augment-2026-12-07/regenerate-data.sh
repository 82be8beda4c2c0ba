#!/usr/bin/env bash
# Regenerates train-128.rsc exactly as the model card's 2026-12-06 commands (seeds 21/22).
set -euo pipefail
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/main/build/bin/radsynth-cli
S=/work/shared/data
cd /work/train1
[[ -f bank.json ]] || $CLI sentence-bank --iu $S/iu-xray/reports-train-val.tgz --out bank.json
date; $CLI simulate --engine ct --ct-dir $S/ct --from-reports $S/iu-xray/reports-train-val.tgz --count 100000 --size 128 --no-dicom --seed 21 --id-prefix IU --out sim
date; $CLI simulate --engine ct --ct-dir $S/ct --count 17000 --size 128 --no-dicom --bank bank.json --seed 22 --id-prefix RND --append --out sim
date; $CLI dataset prepare sim $S/real-cxr --out train-128.rsc --size 128
date; echo REGEN-DONE
