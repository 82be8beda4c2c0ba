#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (munge + slurmctld + slurmd), for the tests and for
# trying radsynth-cli's --slurm runs without a cluster: scripts/slurm-local.sh start|stop|status.
# Everything lives in $RADSYNTH_SLURM_DIR (default /tmp/radsynth-slurm); the daemons listen on
# this machine only (127.0.0.1). Needs root and Debian's slurmctld, slurmd, slurm-client, munge.
# After `start`, use the cluster with: export SLURM_CONF=$RADSYNTH_SLURM_DIR/slurm.conf
set -euo pipefail
RUN="${RADSYNTH_SLURM_DIR:-/tmp/radsynth-slurm}"
CONF="$RUN/slurm.conf"
export SLURM_CONF="$CONF"

stop() {
  for pid in "$RUN/slurmd.pid" "$RUN/slurmctld.pid" "$RUN/munged.pid"; do
    [[ -f $pid ]] && kill "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
  sleep 1
}

case "${1:-start}" in
start)
  for program in munged slurmctld slurmd sbatch sinfo; do
    command -v "$program" >/dev/null || { echo "slurm-local: $program is not installed (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 2; }
  done
  stop
  mkdir -p "$RUN/state" "$RUN/spool" "$RUN/log" "$RUN/munge"
  # munge: a key of our own and a socket in $RUN (no system service needed).
  [[ -f $RUN/munge/munge.key ]] || { dd if=/dev/urandom of="$RUN/munge/munge.key" bs=1 count=1024 status=none; chmod 600 "$RUN/munge/munge.key"; }
  chmod 700 "$RUN/munge"
  munged --force --key-file="$RUN/munge/munge.key" --socket="$RUN/munge/munge.socket" --pid-file="$RUN/munged.pid" \
    --log-file="$RUN/log/munged.log" --seed-file="$RUN/munge/munge.seed"
  node="$(hostname -s)"
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  cat > "$CONF" <<CONFIG
ClusterName=radsynth
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$RUN/munge/munge.socket
StateSaveLocation=$RUN/state
SlurmdSpoolDir=$RUN/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$RUN/log/slurmctld.log
SlurmdLogFile=$RUN/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONFIG
  slurmctld -f "$CONF"
  slurmd -f "$CONF"
  for _ in $(seq 1 30); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
      echo "slurm-local: one-node cluster up (SLURM_CONF=$CONF)"
      exit 0
    fi
    sleep 1
  done
  echo "slurm-local: the cluster did not come up; logs in $RUN/log" >&2
  tail -5 "$RUN/log/slurmctld.log" "$RUN/log/slurmd.log" >&2 2>/dev/null || true
  stop
  exit 1
  ;;
stop) stop; echo "slurm-local: stopped" ;;
status) sinfo ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
