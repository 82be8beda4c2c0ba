#!/usr/bin/env bash
# Installs every Debian 12 package RadSynth needs to build, run and test. Idempotent: packages
# already present are skipped by apt. Run as root (or through sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev qt6-qpa-plugins
  libvtk9-dev libdcmtk-dev dcmtk libgdcm-dev libopenjp2-7-dev libtorch-dev libgloo-dev libopencv-dev libspdlog-dev zlib1g-dev
  # Debian's LibTorch calls BLAS through libblas.so.3; without an optimised provider that is the
  # reference BLAS, which makes every matrix product (attention, linear layers) ~10x slower.
  libopenblas0-pthread
  xvfb xauth xfonts-base libgl1-mesa-dri fonts-dejavu-core
  dicom3tools file dpkg-dev
  orthanc libqt6sql6-sqlite
  # A one-node Slurm cluster for the job-array tests (scripts/slurm-local.sh).
  slurmctld slurmd slurm-client munge
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
