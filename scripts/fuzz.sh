#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (issue 24, finding 6; docs/TESTING.md, "Fuzzing").
# Builds the harnesses in fuzz/ (build-sanitize/, Clang, ASan + UBSan, shared with
# scripts/sanitize.sh) and runs each for its share of SECONDS (default 600 in all), then prints
# per harness: executions, exec/s, coverage (edges) and features, corpus size, and what it found.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]      HARNESS: dicom report manifest (default all three)
# The seed corpus in fuzz/corpus/<harness>/ is read, never written: inputs the run finds go to
# build-sanitize/fuzz-work/<harness>/corpus; crashes, leaks and timeouts to
# build-sanitize/fuzz-work/<harness>/ (crash-*, leak-*, timeout-*, oom-*). A crash found is fixed,
# then its input is added to fuzz/corpus/<harness>/ as a regression seed (named regress-*).
# Exit status: 0 when no harness found anything, 1 otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_SANITIZE_BUILD_DIR:-$ROOT/build-sanitize}"
source "$ROOT/scripts/sanitizer-env.sh"
# Leak detection is on (sanitizer-env.sh): libFuzzer checks every input that allocates more
# than it frees, and a leak is a finding like a crash.

total="${1:-600}"
shift || true
harnesses=("$@")
[[ ${#harnesses[@]} -eq 0 ]] && harnesses=(dicom report manifest)
per=$((total / ${#harnesses[@]}))

command -v clang++ >/dev/null || { echo "fuzz.sh: needs clang++ (Debian package clang) with libFuzzer" >&2; exit 2; }
radsynth_configure_sanitize_build "$BUILD_DIR"
grep -q '^RADSYNTH_FUZZ:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" || {
  echo "fuzz.sh: $BUILD_DIR was configured without RADSYNTH_FUZZ=ON (not Clang?); remove it and rerun" >&2; exit 2; }
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
nice -n 10 cmake --build "$BUILD_DIR" --parallel "${RADSYNTH_JOBS:-$(nproc)}" --target "${targets[@]}"

# The DICOM and manifest harnesses write their input to a file: a tmpfs keeps that off the disk.
scratch="$(mktemp -d "${RADSYNTH_FUZZ_TMP:-/dev/shm}/radsynth-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
declare -A maxlen=([dicom]=16384 [report]=8192 [manifest]=8192)
status=0
summary=()
for h in "${harnesses[@]}"; do
  work="$BUILD_DIR/fuzz-work/$h"
  mkdir -p "$work/corpus"
  log="$work/last-run.log"
  echo "== fuzz_$h: ${per} s (log: $log)"
  set +e
  TMPDIR="$scratch" nice -n 10 "$BUILD_DIR/fuzz/fuzz_$h" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
    -max_len="${maxlen[$h]:-8192}" -print_final_stats=1 -artifact_prefix="$work/" \
    "$work/corpus" "$ROOT/fuzz/corpus/$h" >"$log" 2>&1
  rc=$?
  set -e
  last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corpus="$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")"
  found="$(grep -hoE '(artifact_prefix=.*; )?Test unit written to [^ ]+' "$log" | sed 's/.*written to //' || true)"
  line="fuzz_$h: ${execs:-?} runs, ${rate:-?} exec/s, cov ${cov:-?} edges, ft ${ft:-?}, corpus ${corpus:-?} (inputs/size)"
  if [[ $rc -ne 0 || -n "$found" ]]; then
    status=1
    line+=", FOUND (exit $rc): ${found:-see log}"
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|FUZZ_CHECK|SUMMARY' "$log" | head -5
  else
    line+=", no crash, leak or timeout"
  fi
  summary+=("$line")
done
echo "== summary (${total} s in all)"
printf '%s\n' "${summary[@]}"
exit $status
