#!/usr/bin/env bash
# Test split, once: bundle-ov5 (the candidate) beside 1.0.3 (models/default), the same build, side
# by side on the two cores. The usual test command (../impression-named-2026-12-07/test-final.sh:
# 100 test studies of the two held-out CT patients, the shared real sets), then the real adults of
# the test patients only (--real-patient-split).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-ov
R=/work/shared/data/real-cxr
cd /work/train1
COMMON=(--data train-128.rsc --tasks F2L,F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
ADULTS=(--data train-128.rsc --limit 1 --threads 1 --seed 1 --downstream 0 --real "" --tasks F2R --no-save-ood
        --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split)
run() { # NAME BUNDLE
    $CLI evaluate "${COMMON[@]}" --bundle "$2" --out "test-ov-$1" > "test-ov-$1.log" 2>&1
    $CLI evaluate "${ADULTS[@]}" --bundle "$2" --out "test-ov-adults-$1" > "test-ov-adults-$1.log" 2>&1
}
run shipped /work/main/models/default &
run O5 /work/train1/bundle-ov5 &
wait
echo TEST-OV-DONE
