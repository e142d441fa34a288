#!/usr/bin/env bash
# Prepare a development environment on Debian/Ubuntu: system packages (if missing), .venv, pinned pip packages.
#   packaging/scripts/setup-env.sh run    # what the workstation needs to open a window
#   packaging/scripts/setup-env.sh test   # plus PostgreSQL, poppler (PDF checks) for the test suite
set -euo pipefail
cd "$(dirname "$0")/../.."
purpose="${1:-run}"

QT_RUNTIME="libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3"
QT_X11="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libx11-xcb1"
TEST_EXTRA="postgresql poppler-utils zbar-tools xvfb xauth"
want="$QT_RUNTIME $QT_X11"
[ "$purpose" = "test" ] && want="$want $TEST_EXTRA"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $want; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
fi
if [ -n "$missing" ]; then
  echo "== installing Debian packages:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Please install as root: apt-get install -y --no-install-recommends$missing" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "ipdesk needs Python 3.11 or newer ($PY is $("$PY" --version 2>&1))" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.ipdesk-installed
if [ ! -f "$stamp" ] || [ packaging/constraints.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== installing pinned Python packages (packaging/constraints.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c packaging/constraints.txt -e ".[dev]"
  touch "$stamp"
fi
.venv/bin/python -m ipdesk.gui.i18n compile >/dev/null   # English catalogue: resources/translations/*.ts -> .qm
