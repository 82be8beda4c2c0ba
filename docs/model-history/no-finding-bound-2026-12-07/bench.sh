#!/usr/bin/env bash
# F2R generation time, 1.0.3 against 1.0.4 (drafts weighed as finished), the two alternating in one
# loop on an idle machine, one LibTorch thread, `timings (ms)` total of radsynth-cli generate.
# Usage: bench.sh CLI BUNDLE_1.0.3 BUNDLE_1.0.4 [RUNS]
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=$1 old=$2 new=$3 runs=${4:-4}
root=$(cd "$(dirname "$0")/../../.." && pwd)
for input in "$root/resources/sample-study/SIM000001-PA.dcm" /work/shared/data/dicom/chest/cr-chest-pa-jpeg-baseline-monochrome1.dcm \
    /work/shared/data/real-cxr/covid-chestxray/images/000010-5.jpg; do
    for i in $(seq "$runs"); do
        for b in "$old" "$new"; do
            t=$("$cli" generate --bundle "$b" --task F2R --frontal "$input" --no-dicom --out /tmp/bench-f2r 2>&1 | sed -n 's/^timings (ms):.*total \([0-9.]*\).*/\1/p')
            echo "$(basename "$input") $(basename "$b") $t"
        done
    done
done
