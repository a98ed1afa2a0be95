#!/usr/bin/env bash
# Builds the laptop app with PyInstaller (build.spec) into one folder, dist/fieldapp/ (FIELDAPP_DIST and FIELDAPP_WORK
# choose other output and work folders; the e2e test builds into its own). Needs `pip install -e .[dev]` (pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
dist=${FIELDAPP_DIST:-dist}
work=${FIELDAPP_WORK:-build}

# PyInstaller needs binutils (build.spec reads libraries with readelf, strip shrinks them) and the shared libpython
# (Debian's own Python keeps it in the libpython3.X package). Installed here when we can, as scripts/setup.sh does.
need_apt=()
for tool in readelf strip objdump; do command -v "$tool" >/dev/null 2>&1 || need_apt=(binutils); done
if ! "$python" -c "from PyInstaller.depend.bindepend import get_python_library_path as p; p()" >/dev/null 2>&1; then
  need_apt+=("libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "build_bundle: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "build_bundle: please install ${need_apt[*]} (needs root)" >&2
    exit 1
  fi
fi

# The window's translations (.qm) are build outputs: build them from the .ts files the bundle ships.
"$python" scripts/translations.py release
started=$(date +%s)
# phonenumbers' own hook asks for its geocoding, carrier and time-zone data, which build.spec leaves out on purpose:
# those warnings are dropped, the others shown.
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" build.spec 2>&1 \
  | { grep -v 'Hidden import "phonenumbers\.\(geodata\|carrierdata\|tzdata\)' || true; }
# Links that PyInstaller made to libraries build.spec then left out.
find "$dist/fieldapp" -xtype l -delete
echo "build_bundle: $dist/fieldapp built in $(( $(date +%s) - started )) s, $(du -sh "$dist/fieldapp" | cut -f1)"
