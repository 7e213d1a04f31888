#!/usr/bin/env bash
# Builds the desktop app with PyInstaller (installers/pace-casework.spec) and packs it as a .deb.
#
#   installers/linux/build-deb.sh [OUT_DIR]      (default OUT_DIR: dist/)
#
# Environment: PYTHON (default .venv/bin/python, else python3; needs PyInstaller and the app),
# PACE_DEB_COMPRESSION (dpkg-deb -Z: xz by default, the smallest; gzip is faster),
# PACE_DEB_MAINTAINER. Prints the path of the .deb on its last line.
# Layout: the bundle in /opt/pace-casework, /usr/bin/pace-casework a symlink to it, a desktop
# entry and hicolor icons. No maintainer scripts: dpkg's triggers refresh the icon and menu caches.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
COMPRESSION="${PACE_DEB_COMPRESSION:-xz}"
MAINTAINER="${PACE_DEB_MAINTAINER:-PACE Casework maintainers <pace-casework@localhost>}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pace-deb.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# PEP 440 pre-releases sort before the release in Debian only with a tilde: 1.2.0rc1 -> 1.2.0~rc1.
VERSION="$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("pace-casework"))' \
  | sed -E 's/([0-9])\.?(a|b|rc|dev)([0-9]*)/\1~\2\3/')"
ARCH="$(dpkg --print-architecture)"

"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$WORK/dist" --workpath "$WORK/build" "$ROOT/installers/pace-casework.spec"

PKG="$WORK/pkg"
install -d -m 0755 "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$WORK/dist/pace-casework" "$PKG/opt/pace-casework"
chmod -R u+rwX,go+rX,go-w "$PKG/opt/pace-casework"
# Relative, so the link also resolves when the package is unpacked under another root.
ln -s ../../opt/pace-casework/pace-casework "$PKG/usr/bin/pace-casework"

ICONS="$ROOT/resources/icons"
install -m 0644 "$ICONS/pace-casework.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/"
for png in "$ICONS"/pace-casework-*.png; do
  size="$(basename "$png" .png)"; size="${size##*-}"
  install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/pace-casework.png"
done
install -m 0644 "$ROOT/installers/linux/pace-casework.desktop" "$PKG/usr/share/applications/"

# Qt's xcb platform plugin links these (readelf -d on libqxcb.so, libQt6XcbQpa, libQt6Gui,
# libQt6DBus of PySide6 6.11). PyInstaller copies some from the build machine into the bundle,
# but which ones depends on that machine, so the package asks for all of them.
# A desktop without libxcb-cursor0 cannot start Qt 6.5+.
DEPENDS="libc6, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, zlib1g, libzstd1,
 libglib2.0-0t64 | libglib2.0-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4,
 libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0,
 libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1, libxcb-xfixes0, libxcb-xkb1,
 libxkbcommon0, libxkbcommon-x11-0"

cat > "$PKG/DEBIAN/control" <<CONTROL
Package: pace-casework
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
Depends: $(echo "$DEPENDS" | tr -d '\n')
Description: PACE Casework adviser desktop app
 Offline-first case management for Scotland's PACE redundancy partnership.
 Cases are kept in an encrypted (SQLCipher) store on the laptop and synchronised
 with the partnership's server when online.
CONTROL

DEB="$OUT/pace-casework_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"$COMPRESSION" --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
