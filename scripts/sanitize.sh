#!/usr/bin/env bash
# ASan + UBSan build and unit tests (issue 24, finding 6; docs/TESTING.md, "Sanitizers").
# Configures build-sanitize/ (Clang when installed, else the default compiler) with
# RADSYNTH_SANITIZE=ON (and RADSYNTH_FUZZ=ON with Clang, so scripts/fuzz.sh reuses the same
# objects), builds the unit tests named below and runs them under the sanitizers.
#   scripts/sanitize.sh            the default tests below (21, no GUI)
#   scripts/sanitize.sh --all      every test of the suite (hours on 2 cores)
#   scripts/sanitize.sh TEST...    the named CTest tests
# Environment: RADSYNTH_SANITIZE_BUILD_DIR (default build-sanitize), RADSYNTH_JOBS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_SANITIZE_BUILD_DIR:-$ROOT/build-sanitize}"
source "$ROOT/scripts/sanitizer-env.sh"

# The tests run by default: those of the libraries that read files, network objects, reports and
# bundles, and the command line that hands them untrusted input (test_dicom_hostile and tst_cli
# run radsynth-cli, so all of core/ is built instrumented: about 25 minutes of both cores from
# scratch, then about 5 minutes of tests). GUI tests are left to --all.
DEFAULT_TESTS=(test_log_privacy test_dicom_fixtures test_dicom_samples test_dicom_view test_dicom_robustness
  test_dicom_hostile test_report_findings test_report_document test_report_labeler test_report_consistency
  test_report_readability test_report_iu test_generation_data test_generation test_simulation
  test_evaluation_metrics tst_dataset_layouts tst_reportdraftstore tst_modelinput tst_export tst_cli)

tests=()
all=0
for arg in "$@"; do
  case "$arg" in
    --all) all=1 ;;
    *) tests+=("$arg") ;;
  esac
done
[[ ${#tests[@]} -eq 0 && $all -eq 0 ]] && tests=("${DEFAULT_TESTS[@]}")

radsynth_configure_sanitize_build "$BUILD_DIR"
if [[ $all -eq 1 ]]; then
  nice -n 10 cmake --build "$BUILD_DIR" --parallel "${RADSYNTH_JOBS:-$(nproc)}"
  cd "$BUILD_DIR"
  nice -n 10 ctest --output-on-failure --timeout 3600 -j "${RADSYNTH_TEST_JOBS:-1}"
else
  nice -n 10 cmake --build "$BUILD_DIR" --parallel "${RADSYNTH_JOBS:-$(nproc)}" --target "${tests[@]}"
  cd "$BUILD_DIR"
  regex="^($(IFS='|'; echo "${tests[*]}"))\$"
  nice -n 10 ctest --output-on-failure --timeout 3600 -j "${RADSYNTH_TEST_JOBS:-1}" -R "$regex"
fi
