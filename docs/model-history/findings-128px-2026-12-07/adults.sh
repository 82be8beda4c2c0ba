#!/usr/bin/env bash
# The real adults of the validation patients (covid-chestxray: 44 pneumonias, 2 normals;
# openist-normal-pa: 19 normals), F2R, with the pooled row (sensitivity, specificity, AUC over the
# 65) and every image's record. Usage: adults.sh CLI BUNDLE NAME -> /work/train1/val-adults-NAME/
set -u
here=$(cd "$(dirname "$0")" && pwd)
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
cli=/work/train1/$1 bundle=$2 name=$3
"$here/../adults.sh" "$cli" validation "$bundle" "val-adults-$name"
cd /work/train1
grep "sets pooled" "val-adults-$name/metrics.md"
