"""Fixtures of the browser tests (tests/web/chromium.py): Debian's Chromium, fresh tabs, a real HQ per module."""

from chromium import (  # noqa: F401  (fixtures and hooks, registered by being names of this conftest)
    browser,
    chromium_path,
    open_page,
    playwright_driver,
    pytest_runtest_call,
    pytest_runtest_makereport,
    web_hq,
    web_hq_postgresql,
    web_hq_sqlite,
)
