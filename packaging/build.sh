#!/usr/bin/env bash
# Build the one-folder bundle dist/hlhdesk with PyInstaller (packaging/hlhdesk.spec), then
# smoke-test the built programs (packaging/smoke_test.py). Linux; on Windows use build.ps1.
#
#   packaging/build.sh                    system libraries and .venv first (dev.sh setup)
#   PYTHON=/path/to/python packaging/build.sh   use an environment that already has
#                                         hlhdesk's dependencies (hlhdesk itself need not be installed)
#   DIST_DIR=out WORK_DIR=tmp packaging/build.sh   where the bundle and PyInstaller's work go
#
# PyInstaller is installed at the exact version pinned in pyproject.toml's `package` extra.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST_DIR=${DIST_DIR:-dist}
WORK_DIR=${WORK_DIR:-build/pyinstaller}

if [ -z "${PYTHON:-}" ]; then
  packaging/dev.sh setup
  PYTHON=.venv/bin/python
fi

mapfile -t pins < <("$PYTHON" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["package"]))')
"$PYTHON" -m pip install -q --disable-pip-version-check "${pins[@]}"

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$WORK_DIR" packaging/hlhdesk.spec
echo "Built $DIST_DIR/hlhdesk in $(( $(date +%s) - started )) s"

# With an X display (or Xvfb to make one) the smoke test also shows the window on X11 itself.
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a "$PYTHON" packaging/smoke_test.py "$DIST_DIR/hlhdesk"
else
  "$PYTHON" packaging/smoke_test.py "$DIST_DIR/hlhdesk"
fi
