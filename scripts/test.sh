#!/usr/bin/env bash
# Runs the whole test suite: ruff (lint and format), then pytest with a local PostgreSQL (scripts/postgres.sh) and
# Debian's Chromium (scripts/browser.sh); fails when no test ran (pytest exit 5) as it fails on any error.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1

# PostgreSQL for the HQ tests (tests/pg.py). Its failure stops the run under CI and as root (root can install it):
# those runs must never skip the PostgreSQL tests. A non-root run without PostgreSQL goes on and they skip.
if [ -z "${FIELDAPP_TEST_PG_URL:-}" ]; then
  if pg_url=$(bash scripts/postgres.sh); then
    export FIELDAPP_TEST_PG_URL=$pg_url
  else
    case "${CI:-}" in ''|0|false|no) ci= ;; *) ci=1 ;; esac
    if [ -n "$ci" ] || [ "$(id -u)" = 0 ]; then
      echo "test.sh: scripts/postgres.sh failed: no PostgreSQL for the tests" >&2
      exit 1
    fi
    echo "test.sh: scripts/postgres.sh failed: the PostgreSQL tests will be skipped" >&2
  fi
fi

# Chromium for the browser tests (tests/web, scripts/browser.sh), with the same rule: under CI and as root its failure
# stops the run; elsewhere the browser tests skip with the reason.
if [ -z "${FIELDAPP_TEST_CHROMIUM:-}" ]; then
  if chromium_path=$(bash scripts/browser.sh); then
    export FIELDAPP_TEST_CHROMIUM=$chromium_path
  else
    case "${CI:-}" in ''|0|false|no) ci= ;; *) ci=1 ;; esac
    if [ -n "$ci" ] || [ "$(id -u)" = 0 ]; then
      echo "test.sh: scripts/browser.sh failed: no Chromium for the browser tests" >&2
      exit 1
    fi
    echo "test.sh: scripts/browser.sh failed: the browser tests (tests/web) will be skipped" >&2
  fi
fi

.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "test.sh: pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit $rc
