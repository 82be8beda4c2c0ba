#!/usr/bin/env bash
# Test split, once: the shipped 1.0.3 weights with the report changes of 2026-12-07 17:00-17:40
# (a composed finding named in an added impression; "no acute ..." denies acute findings; the
# labeler reads "correlate clinically for X" as uncertain; three more fragment rules; composed sentences stating nothing removed), beside the code
# before them (test-merge: the same command at bb28267, figures in
# ../acquisition-augment-2026-12-07), on the 100 test studies of the two held-out CT patients and
# the shared real sets.
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-empty
cd /work/train1
COMMON=(--data train-128.rsc --tasks F2L,F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out test-final > test-final.log 2>&1
echo TEST-DONE
