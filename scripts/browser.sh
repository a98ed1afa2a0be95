#!/usr/bin/env bash
# Idempotent Chromium for the browser tests (tests/web): installs Debian's chromium and chromium-driver when missing
# (root, apt-get; nothing is downloaded by Playwright) and prints the path of the chromium executable on stdout.
#
#   bash scripts/browser.sh           # stdout is only the path; progress and errors go to stderr
#
# Settings (environment):
#   FIELDAPP_CHROMIUM=/path/to/chromium   use this executable (checked, never installed)
#   FIELDAPP_BROWSER_NO_INSTALL=1         never call apt-get (fail instead)
# Exit 1 when no chromium can be found or installed, with the reason on stderr.
set -euo pipefail

say() { echo "browser.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# A chromium that really starts (a broken install fails here rather than in every test).
works() { "$1" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

if [ -n "${FIELDAPP_CHROMIUM:-}" ]; then
  [ -x "$FIELDAPP_CHROMIUM" ] || die "FIELDAPP_CHROMIUM=$FIELDAPP_CHROMIUM is not an executable file"
  works "$FIELDAPP_CHROMIUM" || die "FIELDAPP_CHROMIUM=$FIELDAPP_CHROMIUM does not start (--version failed)"
  echo "$FIELDAPP_CHROMIUM"
  exit 0
fi

find_chromium() {
  local candidate
  for candidate in /usr/bin/chromium "$(command -v chromium 2>/dev/null || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# chromium for the tests (Playwright with executable_path), chromium-driver for Selenium users, and a font with Arabic
# letters (DejaVu Sans: without recommends, chromium brings no font of its own, and pages would show empty boxes).
missing=()
for package in chromium chromium-driver fonts-dejavu-core; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && [ "${FIELDAPP_BROWSER_NO_INSTALL:-}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (apt)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
      die "apt-get install ${missing[*]} failed"
  elif ! find_chromium >/dev/null; then
    die "Debian package(s) ${missing[*]} missing: install them as root (apt-get install chromium chromium-driver)"
  else
    say "note: Debian package(s) ${missing[*]} missing (needs root); using the chromium found on PATH"
  fi
fi

path=$(find_chromium) || die "chromium is installed but no chromium executable was found (/usr/bin/chromium)"
works "$path" || die "$path does not start (--version failed)"
echo "$path"
