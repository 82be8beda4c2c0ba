#!/usr/bin/env bash
# packaging_deb: build the .deb, check its content, run the packaged CLI from an extracted tree.
set -euo pipefail
BUILD_DIR="$1"
VERSION="$2"
cd "$BUILD_DIR"
rm -rf packages
cpack -G DEB --config CPackConfig.cmake >cpack.log 2>&1 || { cat cpack.log; echo "FAIL: cpack failed"; exit 1; }
DEB=$(ls packages/radsynth_*.deb | head -n1)
echo "package: $DEB ($(du -h "$DEB" | cut -f1))"
LIST=$(dpkg-deb -c "$DEB" | awk '{print $6}')
missing=0
for expected in ./usr/bin/radsynth ./usr/bin/radsynth-cli \
                ./usr/share/applications/org.radsynth.RadSynth.desktop \
                ./usr/share/metainfo/org.radsynth.RadSynth.metainfo.xml \
                ./usr/share/icons/hicolor/scalable/apps/org.radsynth.RadSynth.svg \
                ./usr/share/radsynth/models/; do
  if ! grep -qx -- "$expected" <<<"$LIST"; then
    echo "FAIL: $expected missing from the package"
    missing=1
  fi
done
[[ $missing -eq 0 ]] || exit 1
# Control fields
dpkg-deb -f "$DEB" Package Version Depends | tee control.txt
grep -q "^Version: $VERSION" control.txt || { echo "FAIL: wrong version"; exit 1; }
grep -q "^Depends: .*libqt6" control.txt || { echo "FAIL: Depends lacks Qt 6"; exit 1; }
# The packaged CLI runs and says its version
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT"
OUT=$("$ROOT/usr/bin/radsynth-cli" --version)
echo "$OUT"
[[ "$OUT" == "radsynth-cli $VERSION" ]] || { echo "FAIL: unexpected version output"; exit 1; }
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$ROOT/usr/share/applications/org.radsynth.RadSynth.desktop"; fi
echo "packaging_deb: package content and packaged CLI OK"
