#!/bin/bash
# F2R drafts of the shipped model on real frontals, one `generate` per image: every 6th of the
# covid-chestxray adults (80 images). Usage: real-drafts.sh CLI OUT [BUNDLE]
#   real-drafts.sh /work/train1/radsynth-cli-choice /tmp/realdrafts          (1.0.3's code)
#   real-drafts.sh /work/train1/radsynth-cli-location2 /tmp/realdrafts-new2  (this change)
# then: radsynth-cli contradictions --examples 0 OUT/0*/report.txt
set -u
cli=$1 out=$2 bundle=${3:+--bundle $3}
mkdir -p "$out"
ls /work/shared/data/real-cxr/covid-chestxray/images/*.jpg /work/shared/data/real-cxr/covid-chestxray/images/*.png 2>/dev/null |
    awk 'NR%6==0' | head -80 > "$out/list.txt"
i=0
while read -r f; do
    i=$((i + 1)); d=$out/$(printf %03d $i); mkdir -p "$d"; echo "$f" > "$d/source.txt"
    XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/rt} RADSYNTH_QUIET=1 "$cli" generate --task F2R --frontal "$f" --out "$d" --no-dicom $bundle > "$d/log.txt" 2>&1
done < "$out/list.txt"
