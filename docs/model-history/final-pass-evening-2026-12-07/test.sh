#!/usr/bin/env bash
# Test split, once: the final pass's changes of the evening of 2026-12-07 (an effusion or
# pneumothorax moved to the other side in the impression; "no acute ..." after only pleural
# thickening or devices; a heart that "is" a lung finding; a sentence repeated in its section),
# shipped 1.0.3 weights, beside test-final (the same command at 2014c22,
# ../impression-named-2026-12-07/test-final.sh).
set -u
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/radsynth-cli-final39
cd /work/train1
COMMON=(--data train-128.rsc --tasks F2L,F2R,L2R,FL2R --limit 100 --threads 1 --validation-limit 0 --shared-real --seed 1 --downstream 0 --no-save-ood)
$CLI evaluate "${COMMON[@]}" --bundle /work/main/models/default --out test-evening > test-evening.log 2>&1
echo TEST-DONE
