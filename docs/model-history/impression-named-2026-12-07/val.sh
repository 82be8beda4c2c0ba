#!/usr/bin/env bash
# Validation split, one build: F2R and L2R on 200 validation studies of the held-out CT patient
# P001, and F2R on the 200 pediatric validation frontals the test never scores; the shipped 1.0.3
# weights. Usage: val.sh CLI NAME   (writes val-report-NAME/ and val-report-NAME.log in /work/train1)
# The builds of 2026-12-07, each a copy of build/bin/radsynth-cli at one step of README.md, in order:
#   val.sh radsynth-cli-named named        1. a composed finding named in an added impression
#   val.sh radsynth-cli-noacute noacute    2. "no acute ..." denies acute findings (the finding stays)
#   val.sh radsynth-cli-correlate correlate 3. "correlate clinically for X" is a hedge
#   val.sh radsynth-cli-fragments fragments 4. "is may", a part of the chest alone (not charged)
#   val.sh radsynth-cli-place place        4. a place with nothing in it
#   val.sh radsynth-cli-empty empty        5. composed sentences stating nothing removed
# The code before them: `../acquisition-augment-2026-12-07/val-report.sh merge` (bb28267).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 name=$2
cd /work/train1
"$cli" evaluate --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real "" \
    --tasks F2R,L2R --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val --no-save-ood \
    --bundle /work/main/models/default --out "val-report-$name" > "val-report-$name.log" 2>&1
echo VAL-REPORT-DONE
