#!/usr/bin/env bash
# Builds "PACE Casework.app" (the spec's BUNDLE step, macOS only) and a compressed .dmg with it
# and an /Applications link. Run on a Mac from any folder:
#
#   installers/macos/build-dmg.sh [OUT_DIR]      (default OUT_DIR: dist/)
#
# Unsigned: for distribution sign with `codesign --deep --options runtime` and notarise with
# `xcrun notarytool` first. Not built or tested on the Linux CI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pace-dmg.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
VERSION="$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("pace-casework"))')"

"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$WORK/dist" --workpath "$WORK/build" "$ROOT/installers/pace-casework.spec"

STAGE="$WORK/stage"
mkdir -p "$STAGE"
cp -R "$WORK/dist/PACE Casework.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"

DMG="$OUT/pace-casework-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "PACE Casework" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null
echo "$DMG"
