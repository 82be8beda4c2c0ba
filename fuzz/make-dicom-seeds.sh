#!/usr/bin/env bash
# Writes the DICOM seed corpus (fuzz/corpus/dicom/seed-*.dcm) with DCMTK's tools: tiny synthetic
# objects (8x8 pixels or less, invented names), never real data. Each covers a branch of the loader:
# 16-bit MONOCHROME2 with rescale and windows, MONOCHROME1 with a VOI LUT sequence, a modality LUT,
# signed pixels, 8-bit RGB (interleaved and planar), palette colour, two frames, 32-bit, a Basic
# Text SR, then the first image in implicit LE, big endian, deflated, JPEG lossless, JPEG-LS, RLE.
# The JPEG 2000 seeds come from build-sanitize/fuzz/radsynth-write-j2k-seed (the test fixtures,
# through GDCM) when it is built: cmake --build build-sanitize --target radsynth-write-j2k-seed.
# Usage: fuzz/make-dicom-seeds.sh [OUT_DIR]
set -euo pipefail
OUT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus/dicom}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

words() { # COUNT START STEP -> "hhhh\hhhh..." 16-bit values
  local n=$1 v=$2 step=$3 out=()
  for ((i = 0; i < n; i++)); do out+=("$(printf '%04x' $(((v + i * step) & 0xffff)))"); done
  (IFS='\'; echo "${out[*]}")
}
bytes() { # COUNT START STEP -> "hh\hh..." 8-bit values
  local n=$1 v=$2 step=$3 out=()
  for ((i = 0; i < n; i++)); do out+=("$(printf '%02x' $(((v + i * step) & 0xff)))"); done
  (IFS='\'; echo "${out[*]}")
}

common() { # SOP_CLASS MODALITY
  cat <<DUMP
(0002,0010) UI =LittleEndianExplicit
(0008,0016) UI $1
(0008,0018) UI 1.2.826.0.1.3680043.2.1143.1.3
(0008,0060) CS $2
(0010,0010) PN Seed^Fuzz
(0010,0020) LO SEED-1
(0020,000d) UI 1.2.826.0.1.3680043.2.1143.1.1
(0020,000e) UI 1.2.826.0.1.3680043.2.1143.1.2
(0020,0013) IS 1
DUMP
}
image() { # ROWS COLS SAMPLES PHOTOMETRIC ALLOCATED STORED REPRESENTATION
  cat <<DUMP
(0028,0002) US $3
(0028,0004) CS $4
(0028,0010) US $1
(0028,0011) US $2
(0028,0100) US $5
(0028,0101) US $6
(0028,0102) US $(($6 - 1))
(0028,0103) US $7
DUMP
}
make() { # NAME (dump on stdin)
  cat > "$WORK/$1.dump"
  dump2dcm --write-file "$WORK/$1.dump" "$OUT/seed-$1.dcm"
}

CR=1.2.840.10008.5.1.4.1.1.1
{ common $CR CR; echo "(0018,5101) CS PA"; image 8 8 1 MONOCHROME2 16 12 0
  echo '(0028,0030) DS 0.15\0.15'; echo '(0028,1050) DS 2048\1000'; echo '(0028,1051) DS 4096\500'
  echo '(0028,1052) DS -1024'; echo '(0028,1053) DS 1'
  echo "(7fe0,0010) OW $(words 64 0 61)"; } | make cr16
{ common $CR CR; echo "(0020,0020) CS L\F"; image 4 4 1 MONOCHROME1 16 10 0
  echo '(0028,3010) SQ (Sequence with undefined length #=1)'
  echo '(fffe,e000) na (Item with undefined length #=3)'
  echo '(0028,3002) US 16\0\10'; echo '(0028,3003) LO TEST'; echo "(0028,3006) US $(words 16 0 60)"
  echo '(fffe,e00d) na (ItemDelimitationItem)'; echo '(fffe,e0dd) na (SequenceDelimitationItem)'
  echo "(7fe0,0010) OW $(words 16 0 63)"; } | make mono1-voilut
{ common 1.2.840.10008.5.1.4.1.1.7 OT; image 4 4 1 MONOCHROME2 16 16 1
  echo '(0028,3000) SQ (Sequence with undefined length #=1)'
  echo '(fffe,e000) na (Item with undefined length #=3)'
  echo '(0028,3002) US 8\65532\16'; echo '(0028,3004) LO HU'; echo "(0028,3006) US $(words 8 100 900)"
  echo '(fffe,e00d) na (ItemDelimitationItem)'; echo '(fffe,e0dd) na (SequenceDelimitationItem)'
  echo "(7fe0,0010) OW $(words 16 65528 1)"; } | make signed-modlut
{ common 1.2.840.10008.5.1.4.1.1.7 OT; image 4 4 3 RGB 8 8 0; echo '(0028,0006) US 0'
  echo "(7fe0,0010) OB $(bytes 48 0 5)"; } | make rgb8
{ common 1.2.840.10008.5.1.4.1.1.7 OT; image 2 2 3 YBR_FULL 8 8 0; echo '(0028,0006) US 1'
  echo "(7fe0,0010) OB $(bytes 12 16 20)"; } | make ybr-planar
{ common 1.2.840.10008.5.1.4.1.1.7 OT; image 2 2 1 "PALETTE COLOR" 8 8 0
  echo '(0028,1101) US 4\0\16'; echo '(0028,1102) US 4\0\16'; echo '(0028,1103) US 4\0\16'
  echo "(0028,1201) OW $(words 4 0 16000)"; echo "(0028,1202) OW $(words 4 100 8000)"; echo "(0028,1203) OW $(words 4 65535 -9000)"
  echo "(7fe0,0010) OB 00\01\02\03"; } | make palette
{ common 1.2.840.10008.5.1.4.1.1.7.2 OT; image 2 3 1 MONOCHROME2 8 8 0; echo '(0028,0008) IS 2'
  echo "(7fe0,0010) OB $(bytes 12 0 20)"; } | make two-frames
{ common 1.2.840.10008.5.1.4.1.1.7 OT; image 2 2 1 MONOCHROME2 32 32 1
  echo "(7fe0,0010) OW $(words 8 0 9000)"; } | make gray32
{ common 1.2.840.10008.5.1.4.1.1.88.11 SR
  echo '(0040,a040) CS CONTAINER'; echo '(0040,a050) CS SEPARATE'; echo '(0040,a491) CS COMPLETE'; echo '(0040,a493) CS UNVERIFIED'
  echo '(0040,a043) SQ (Sequence with undefined length #=1)'; echo '(fffe,e000) na (Item with undefined length #=3)'
  echo '(0008,0100) SH 121070'; echo '(0008,0102) SH DCM'; echo '(0008,0104) LO Findings'
  echo '(fffe,e00d) na (ItemDelimitationItem)'; echo '(fffe,e0dd) na (SequenceDelimitationItem)'
  echo '(0040,a730) SQ (Sequence with undefined length #=1)'; echo '(fffe,e000) na (Item with undefined length #=3)'
  echo '(0040,a010) CS CONTAINS'; echo '(0040,a040) CS TEXT'; echo '(0040,a160) UT No pleural effusion.'
  echo '(fffe,e00d) na (ItemDelimitationItem)'; echo '(fffe,e0dd) na (SequenceDelimitationItem)'; } | make text-sr

# The first image in the other transfer syntaxes the loader decodes.
dcmconv +ti "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-implicit.dcm"
dcmconv +tb "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-big.dcm"
dcmconv +td "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-deflated.dcm"
dcmcjpeg +e1 "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-jpeg-lossless.dcm"
dcmcjpls "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-jpegls.dcm"
dcmcrle "$OUT/seed-cr16.dcm" "$OUT/seed-cr16-rle.dcm"
dcmcjpeg +eb "$OUT/seed-rgb8.dcm" "$OUT/seed-rgb8-jpeg-baseline.dcm"
J2K_TOOL="${RADSYNTH_J2K_SEED_TOOL:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build-sanitize/fuzz/radsynth-write-j2k-seed}"
if [[ -x "$J2K_TOOL" ]]; then
  "$J2K_TOOL" "$OUT"
else
  echo "make-dicom-seeds.sh: $J2K_TOOL not built, JPEG 2000 seeds left as they are" >&2
fi
ls -l "$OUT"
