#!/usr/bin/env bash
# Idempotent set-up of everything the app and the tests need on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
command -v Xvfb >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xauth)
# Qt's xcb platform (screenshots under Xvfb) needs these; offscreen tests do not.
for lib in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 \
           libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-shape0 libegl1 libfontconfig1 fonts-dejavu-core; do
  dpkg -s "$lib" >/dev/null 2>&1 || need_apt+=("$lib")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (needs root)" >&2
  fi
fi

stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev,hq]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Qt translations of the window (.qm are build outputs, not kept in git)
if ls resources/translations/*.ts >/dev/null 2>&1; then
  .venv/bin/python scripts/translations.py release
fi
