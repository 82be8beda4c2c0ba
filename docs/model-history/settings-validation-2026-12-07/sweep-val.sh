#!/usr/bin/env bash
# Settings of radsynth-default 1.0 chosen on the validation split (CT patient P001; real: pediatric val).
# Never the test split. Run 2026-12-07 by the issue 23 session.
set -u
cd /work/train1
CLI=/work/train1/radsynth-cli-val
COMMON=(--bundle val-bundle --data train-128.rsc --split validation --limit 200 --threads 1 --seed 1 --downstream 0 --real "")
seed_classifiers() { mkdir -p "$2"; cp "$1"/finding-classifier-* "$2"/ 2>/dev/null || true; }
guidance() {
  for G in 12 6 9 16; do
    seed_classifiers val-guidance-g12 val-guidance-g$G
    $CLI evaluate "${COMMON[@]}" --tasks R2F,R2L --guidance $G --out val-guidance-g$G > val-guidance-g$G.log 2>&1
  done
}
drafts() {
  for D in 16 1 4 8 32; do
    seed_classifiers val-drafts-d16 val-drafts-d$D
    $CLI evaluate "${COMMON[@]}" --tasks F2R,L2R --drafts $D --real-labelled /work/shared/data/real-cxr/pediatric-pneumonia/val \
      --out val-drafts-d$D > val-drafts-d$D.log 2>&1
  done
}
guidance & drafts & wait
echo SWEEP-DONE
