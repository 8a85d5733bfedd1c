#!/usr/bin/env bash
# Set up hlhdesk on Debian/Ubuntu from a checkout, then run it.
#
#   packaging/dev.sh app [ARGS]   system libraries, .venv, a fresh demo database, the app
#   packaging/dev.sh test [ARGS]  system libraries, .venv, the whole test suite
#   packaging/dev.sh bench        the benchmarks (not part of the test suite)
#   packaging/dev.sh setup        system libraries and .venv only (packaging/build.sh uses it)
#
# Safe to run again: it installs only what is missing. Uses sudo for apt-get when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

# What Qt needs before it will import on a bare Debian 12, plus the X11 (xcb) libraries
# for a real window, Xvfb for screenshot tests, and python3-venv.
APT_PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  libwayland-client0 libwayland-cursor0 libwayland-egl1 libcups2
  libglib2.0-0 libfreetype6 libx11-6 libx11-xcb1 libxext6 libxrender1 libsm6 libice6
  xvfb xauth python3-venv
)

install_system_packages() {
  command -v dpkg-query >/dev/null || return 0  # not Debian: install Qt's libraries yourself
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_python_env() {
  local stamp=.venv/.installed-from
  local want; want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "$want" > "$stamp"
}

cmd=${1:-}; shift || true
case "$cmd" in
  app)
    install_system_packages; install_python_env
    exec .venv/bin/hlhdesk demo --open "$@" ;;
  test)
    install_system_packages; install_python_env
    exec .venv/bin/python -m pytest "$@" ;;
  bench)
    install_system_packages; install_python_env
    exec .venv/bin/python -m pytest tests/benchmarks --benchmark-columns=median,min,max,rounds "$@" ;;
  setup)
    install_system_packages; install_python_env ;;
  *)
    sed -n 2,9p "$0"; exit 2 ;;
esac
