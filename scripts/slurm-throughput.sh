#!/usr/bin/env bash
# Throughput of the one-node Slurm cluster against one process (docs/SCALING.md, "Measured"):
# simulate, generate --batch, evaluate (single run vs --slurm --array-size 2 --cpus-per-task 1,
# submission to merged output, and the outputs compared), data-parallel training (one process with
# 1 and 2 data shards, train --ranks 2, srun --ntasks=2), and each rank's peak memory on a 524 MB
# training cache. Usage: scripts/slurm-throughput.sh [all|sim|gen|eval|train|memory]
# Needs a built tree (build/) and a running cluster: RADSYNTH_SLURM_DIR=DIR scripts/slurm-local.sh
# start, then SLURM_CONF=DIR/slurm.conf. Work files go to $RADSYNTH_MEASURE_DIR (default
# /tmp/radsynth-throughput).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="$ROOT/build/bin/radsynth-cli" TRAIN="$ROOT/build/bin/radsynth-train"
M="${RADSYNTH_MEASURE_DIR:-/tmp/radsynth-throughput}"
export RADSYNTH_QUIET=1
: "${SLURM_CONF:?set SLURM_CONF: scripts/slurm-local.sh start, then DIR/slurm.conf}"
mkdir -p "$M"
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
# Until the queue is empty and the merged output exists.
waitq() { while [[ -n "$(squeue -h)" || ! -e $1 ]]; do sleep 0.5; done; }
what=${1:-all}
# Evaluation data (100 phantom studies at 128 px: 10 test) and its training cache at 64 px.
if [[ ! -f $M/evdata/manifest.jsonl ]]; then
  "$CLI" simulate --count 100 --size 128 --seed 5 --no-dicom --engine phantom --threads 1 --out "$M/evdata" >/dev/null
  "$CLI" dataset prepare "$M/evdata" --out "$M/train.rsc" --size 64 >/dev/null
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $what == all || $what == sim ]]; then
  rm -rf "$M/sim1" "$M/sim2"
  t=$(now); "$CLI" simulate --count 40 --size 256 --seed 9 --no-dicom --threads 2 --out "$M/sim1" >/dev/null
  echo "simulate, one process --threads 2: $(since "$t") s"
  t=$(now); "$CLI" simulate --count 40 --size 256 --seed 9 --no-dicom --threads 2 --out "$M/sim2" --slurm --array-size 2 --cpus-per-task 1 >/dev/null
  waitq "$M/sim2/manifest.jsonl"; echo "simulate, cluster 2 tasks x 1 CPU: $(since "$t") s"
  diff -r -x shards -x slurm "$M/sim1" "$M/sim2" >/dev/null && echo "  simulated folders identical"
fi
if [[ $what == all || $what == gen ]]; then
  rm -rf "$M/gen1" "$M/gen2"
  : > "$M/cases.jsonl"
  for i in 1 2 3 4 5 6 7 8; do echo "{\"id\":\"c$i\",\"findings\":\"cardiomegaly\",\"seed\":$i,\"steps\":20}" >> "$M/cases.jsonl"; done
  t=$(now); "$CLI" generate --batch "$M/cases.jsonl" --created 2026-12-06T12:00:00Z --out "$M/gen1" >/dev/null
  echo "generate --batch (8 cases, 20 steps), one process: $(since "$t") s"
  t=$(now); "$CLI" generate --batch "$M/cases.jsonl" --created 2026-12-06T12:00:00Z --out "$M/gen2" --slurm --array-size 2 --cpus-per-task 1 >/dev/null
  waitq "$M/gen2/c8/case.json"; echo "generate --batch, cluster 2 tasks x 1 CPU: $(since "$t") s"
  diff -r -x shards -x slurm "$M/gen1" "$M/gen2" >/dev/null && echo "  libraries identical"
fi
if [[ $what == all || $what == eval ]]; then
  rm -rf "$M/ev1" "$M/ev2"
  E=(evaluate --data "$M/evdata" --tasks F2L,R2F,F2R --limit 10 --steps 20 --downstream 0 --no-save-ood --real '' --threads 1)
  t=$(now); "$CLI" "${E[@]}" --out "$M/ev1" >/dev/null; echo "evaluate (3 tasks x 10 studies, 20 steps), one process: $(since "$t") s"
  t=$(now); "$CLI" "${E[@]}" --out "$M/ev2" --slurm --array-size 2 --cpus-per-task 1 >/dev/null
  waitq "$M/ev2/metrics.md"; echo "evaluate, cluster 2 tasks x 1 CPU + merge: $(since "$t") s"
  diff <(grep -v -e '"seconds"' -e runtime_seconds "$M/ev1/metrics.json") <(grep -v -e '"seconds"' -e runtime_seconds "$M/ev2/metrics.json") >/dev/null &&
    echo "  metrics equal but for the timings"
fi
if [[ $what == all || $what == train ]]; then
  STEPS=${STEPS:-150}
  T=(--stage autoencoder --preset tiny --steps "$STEPS" --batch 16 --lr 0.001 --seed 7 --validate-every 0 --sample-every 0 --checkpoint-every 0)
  rm -rf "$M/tr1" "$M/tr2" "$M/tr3" "$M/tr4"
  t=$(now); "$TRAIN" --cache "$M/train.rsc" --bundle "$M/tr1" "${T[@]}" >/dev/null; echo "train, one process, 1 shard: $(since "$t") s"
  t=$(now); "$TRAIN" --cache "$M/train.rsc" --bundle "$M/tr2" "${T[@]}" --data-shards 2 >/dev/null; echo "train, one process, 2 shards: $(since "$t") s"
  t=$(now); "$CLI" train --data "$M/train.rsc" --bundle "$M/tr3" "${T[@]}" --ranks 2 >/dev/null; echo "train --ranks 2: $(since "$t") s"
  t=$(now); srun --ntasks=2 --nodes=1 --cpus-per-task=1 "$TRAIN" --cache "$M/train.rsc" --bundle "$M/tr4" "${T[@]}" | grep '^rank'
  echo "srun --ntasks=2 radsynth-train: $(since "$t") s"
  for b in tr1 tr2 tr3 tr4; do
    python3 -c "import json; a=json.load(open('$M/$b/manifest.json'))['components']['autoencoder']
print('  $b: training %.2f s, %.3f s a step, autoencoder.pt sha256 %s' % (a['metrics']['seconds'], a['metrics']['seconds'] / $STEPS, a['sha256'][:16]))"
  done
fi
if [[ $what == all || $what == memory ]]; then
  # A 2000-record cache at 256 px, both views (524 MB; 1600 training, 400 validation), random pixels.
  [[ -f $M/big.rsc ]] || python3 - "$M/big.rsc" <<'PY'
import os, struct, sys
n, R = 2000, 256
with open(sys.argv[1], 'wb') as f:
    f.write(b'RSCACHE1' + struct.pack('<III', R, n, 14))
    for i in range(n):
        sid = b's%06d' % i
        f.write(struct.pack('<BBH', 0 if i < n * 8 // 10 else 1, 1 | 2 | 4, len(sid)) + sid)
        f.write(os.urandom(R * R * 2) + os.urandom(R * R * 2) + bytes(14))
        report = b'Heart size is normal. Lungs are clear.'
        f.write(struct.pack('<I', len(report)) + report)
PY
  T=(--stage autoencoder --preset tiny --steps 20 --batch 16 --lr 0.001 --seed 7 --validate-every 0 --sample-every 0 --checkpoint-every 0)
  rm -rf "$M/mem1" "$M/mem2"
  /usr/bin/time -f "one process: peak RSS %M KB, %e s" "$TRAIN" --cache "$M/big.rsc" --bundle "$M/mem1" "${T[@]}" >/dev/null
  srun --ntasks=2 --nodes=1 --cpus-per-task=1 /usr/bin/time -f "an srun rank: peak RSS %M KB, %e s" "$TRAIN" --cache "$M/big.rsc" --bundle "$M/mem2" "${T[@]}" 2>&1 |
    grep -E '^rank|RSS'
fi
