#!/usr/bin/env bash
# ASan + UBSan build and unit tests (issue 24, finding 6; docs/TESTING.md, "Sanitizers").
# Configures build-sanitize/ (Clang when installed, else the default compiler) with
# RADSYNTH_SANITIZE=ON (and RADSYNTH_FUZZ=ON with Clang, so scripts/fuzz.sh reuses the same
# objects), builds the unit tests named below and runs them under the sanitizers.
#   scripts/sanitize.sh            the unit tests of the libraries that read untrusted input
#   scripts/sanitize.sh --all      every test of the suite (hours on 2 cores)
#   scripts/sanitize.sh TEST...    the named CTest tests
# Environment: RADSYNTH_SANITIZE_BUILD_DIR (default build-sanitize), RADSYNTH_JOBS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${RADSYNTH_SANITIZE_BUILD_DIR:-$ROOT/build-sanitize}"
source "$ROOT/scripts/sanitizer-env.sh"

# The unit tests run by default: the libraries that read files, network objects, reports and
# bundles (common, imaging through dicom, dicom, report, the model library's standard-library part,
# the report draft store). test_dicom_hostile needs radsynth-cli (all of core) and LibTorch.
DEFAULT_TESTS=(test_log_privacy test_dicom_fixtures test_dicom_samples test_dicom_view test_dicom_robustness
  test_report_findings test_report_document test_report_labeler test_report_consistency test_report_readability
  test_report_iu test_generation_data)

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
