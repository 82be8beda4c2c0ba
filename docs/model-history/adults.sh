#!/usr/bin/env bash
# The real adults by patient, F2R with the pooled row (sensitivity, specificity, AUC over
# covid-chestxray and openist-normal-pa together) and every image's record, as the model-history
# folders run it. Usage: adults.sh CLI validation|test BUNDLE OUT [more evaluate options]
#   validation: the adults of the validation patients (covid-chestxray 44 pneumonias and 2 normals,
#               openist-normal-pa 19 normals);
#   test:       the adults of the test patients (`--validation-limit 0`, as the test runs).
# Runs in /work/train1 (train-128.rsc there); writes OUT/ and OUT.log.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=$1 split=$2 bundle=$3 out=$4
shift 4
R=/work/shared/data/real-cxr
case "$split" in
    validation) which=(--split validation) ;;
    test) which=(--validation-limit 0) ;;
    *) echo "adults.sh: the split is validation or test" >&2; exit 2 ;;
esac
cd /work/train1
"$cli" evaluate --data train-128.rsc "${which[@]}" --limit 1 --threads 1 --seed 1 --downstream 0 --real "" --tasks F2R \
    --real-labelled $R/covid-chestxray --real-labelled $R/openist-normal-pa --real-patient-split --no-save-ood \
    --bundle "$bundle" "$@" --out "$out" > "$out.log" 2>&1
