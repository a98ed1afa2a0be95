"""Browser tests' harness: Debian's Chromium driven by Playwright, fresh tabs that fail a test on off-host requests.

Fixtures and hooks (loaded by tests/web/conftest.py):
    chromium_path   the chromium executable (FIELDAPP_TEST_CHROMIUM, exported by scripts/test.sh from
                    scripts/browser.sh); missing: the test FAILS under CI, else it is skipped with the reason
    browser         one headless Chromium per test module (Playwright with executable_path, never its own download)
    open_page       open_page(language="fr", javascript=True, base_url=None) -> Tab: a fresh context and page
    web_hq          a real HQ per module, on SQLite then on PostgreSQL (tests/hq_server.py's HQServer)
    web_hq_sqlite   a real HQ per module on SQLite only (web_hq_postgresql: on PostgreSQL only)

Every tab records what it asked of a host other than 127.0.0.1 (the request is aborted: no CDN, nothing leaves the
machine), the errors its console showed (console.error, uncaught exceptions) and the parts of a page (stylesheet,
script, image) answered with an error status. After the test body, any of these fails the test, unless the test took
them (tab.take_off_host(), take_console_errors(), take_failed_loads()) to assert on them; the page's own status is
checked by tab.visit() (a 404 page asked on purpose is no fault). When a test fails, a full-page PNG of each of its
tabs is saved in the test's tmp dir and named in the report.
Every wait has a short default (DEFAULT_TIMEOUT_MS): pages on 127.0.0.1 answer fast, a dead server must not hang.

    def test_login(open_page, web_hq):
        tab = open_page(language="ar", javascript=False, base_url=web_hq.url)
        tab.visit("/login")
        assert tab.page.locator("html").get_attribute("dir") == "rtl"
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hq_server import HQServer
from pg import fresh_database, in_ci
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    WebError,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ENV_CHROMIUM = "FIELDAPP_TEST_CHROMIUM"
ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_TIMEOUT_MS = 10_000
ALLOWED_HOSTS = frozenset({"127.0.0.1"})
BLOCKED_REASON, BLOCKED = "blockedbyclient", "net::ERR_BLOCKED_BY_CLIENT"  # how a request off 127.0.0.1 ends
STATUS_LOGGED = "Failed to load resource: the server responded with a status of"
# Every row of a table as {column heading: text}, in one call (evaluate works with the page's JavaScript off too).
TABLE_ROWS = """id => {
  const table = document.getElementById(id);
  const heads = [...table.tHead.rows[0].cells].map(cell => cell.innerText.trim());
  return [...table.tBodies[0].rows].map(row =>
    Object.fromEntries([...row.cells].map((cell, i) => [heads[i], cell.innerText.trim()])));
}"""
# The locale a person of each language has on a Moroccan machine: navigator.language and Accept-Language.
LOCALES = {"fr": "fr-MA", "ar": "ar-MA", "en": "en-GB"}
# Root in a container: no user namespaces for Chromium's sandbox, and a small /dev/shm; no GPU; no background traffic.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

_TABS = pytest.StashKey[list["Tab"]]()
_SHOTS_DIR = pytest.StashKey[Path]()


class ChromiumUnavailable(Exception):
    """No Chromium could be found for the browser tests."""


def find_chromium() -> str:
    """Run scripts/browser.sh (never installing packages) and return the path it prints."""
    env = {**os.environ, "FIELDAPP_BROWSER_NO_INSTALL": "1"}
    script = ROOT / "scripts" / "browser.sh"
    try:
        proc = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChromiumUnavailable(f"scripts/browser.sh did not run: {exc}") from exc
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        detail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        raise ChromiumUnavailable(f"scripts/browser.sh failed: {detail[0]}")
    return lines[-1]


def resolve_chromium(environ: dict[str, str] | os._Environ, find: Callable[[], str] = find_chromium) -> str:
    """The chromium to test with; pytest.fail under CI when there is none, else pytest.skip with the reason."""
    path = environ.get(ENV_CHROMIUM, "").strip()
    if path:
        if not os.access(path, os.X_OK):
            pytest.fail(f"{ENV_CHROMIUM}={path} is not an executable file")
        return path
    try:
        return find()
    except ChromiumUnavailable as exc:
        if in_ci(environ):
            pytest.fail(f"no Chromium under CI ({exc}): run the tests with scripts/test.sh (it installs chromium)")
        pytest.skip(f"no Chromium for the browser tests ({exc}); run scripts/browser.sh as root or set {ENV_CHROMIUM}")


def is_local(url: str) -> bool:
    """True for a URL the tests allow: on 127.0.0.1, or not on the network at all (data:, about:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss"):
        return parts.hostname in ALLOWED_HOSTS
    return parts.scheme in ("data", "about", "blob", "chrome-error")


class Tab:
    """One fresh browser context and its page, with what it asked off 127.0.0.1 and the errors its console showed."""

    def __init__(self, context: BrowserContext, language: str, javascript: bool) -> None:
        self.context = context
        self.language = language
        self.javascript = javascript
        self.requested: list[str] = []  # every URL asked, in order (the off-host ones too)
        self.off_host: list[str] = []
        self.console_errors: list[str] = []
        self.failed_loads: list[str] = []  # a stylesheet, script or image answered 4xx/5xx
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        context.on("request", self._record)
        context.route("**/*", self._guard)
        context.on("console", self._console)
        context.on("response", self._response)
        context.on("weberror", self._uncaught)
        self.page: Page = context.new_page()

    def _record(self, request: Request) -> None:
        self.requested.append(request.url)
        if not is_local(request.url):
            self.off_host.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        # A blocked request, or a load answered with an error status, is reported from its request or response; the
        # console's "Failed to load resource" line, which comes some time later, would only repeat it (and for the
        # page itself, a 401 or 404 the test asked for is no fault: visit() checks the status).
        text = message.text
        if message.type == "error" and BLOCKED not in text and not text.startswith(STATUS_LOGGED):
            self.console_errors.append(text)

    def _uncaught(self, web: WebError) -> None:
        self.console_errors.append(f"uncaught {web.error.name}: {web.error.message}")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_loads.append(f"{response.status} {response.url}")

    @staticmethod
    def _guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort(BLOCKED_REASON)  # nothing leaves the machine: a CDN is never reached, even with a network

    def visit(self, url: str, *, status: int | None = 200, timeout_ms: float | None = None) -> Response | None:
        """Go to `url` (relative to the tab's base_url); a dead or silent server, or another status, fails clearly."""
        try:
            response = self.page.goto(url, timeout=timeout_ms)
        except PlaywrightTimeoutError:
            seconds = (timeout_ms if timeout_ms is not None else DEFAULT_TIMEOUT_MS) / 1000
            pytest.fail(f"{url}: no answer within {seconds:g} s (is the server stuck?)", pytrace=False)
        except PlaywrightError as exc:
            reason = exc.message.splitlines()[0] if exc.message else type(exc).__name__
            pytest.fail(f"{url} could not be loaded: {reason} (is the server running?)", pytrace=False)
        if status is not None and response is not None and response.status != status:
            body = self.page.inner_text("body")[:300]
            pytest.fail(f"{url}: HTTP {response.status}, expected {status}; the page says: {body!r}", pytrace=False)
        return response

    def table_rows(self, table_id: str) -> list[dict[str, str]]:
        """The rows of the table with this id, as a person reads them: {column heading: text}."""
        return self.page.evaluate(TABLE_ROWS, table_id)

    def take_off_host(self) -> list[str]:
        """The URLs asked off 127.0.0.1 so far, forgiven: a test that expects them asserts on what this returns."""
        taken, self.off_host = self.off_host, []
        return taken

    def take_console_errors(self) -> list[str]:
        """The console errors so far, forgiven (as take_off_host)."""
        taken, self.console_errors = self.console_errors, []
        return taken

    def take_failed_loads(self) -> list[str]:
        """The sub-resources answered with an error status so far ("404 http://…"), forgiven (as take_off_host)."""
        taken, self.failed_loads = self.failed_loads, []
        return taken

    def problems(self) -> list[str]:
        """What makes the test fail: requests off 127.0.0.1, console errors, a part of the page that failed to load."""
        found = [f"request off 127.0.0.1 (blocked): {url}" for url in self.off_host]
        found += [f"console error: {text}" for text in self.console_errors]
        return found + [f"part of the page not loaded: {load}" for load in self.failed_loads]

    def screenshot(self, path: Path) -> Path:
        """A full-page PNG of the page as it is now."""
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the chromium executable (see resolve_chromium); checked once per session."""
    return resolve_chromium(os.environ)


@pytest.fixture(scope="session")
def playwright_driver(chromium_path: str) -> Iterator[Playwright]:
    """Playwright's driver process, started once for the session."""
    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()


def launch(driver: Playwright, chromium_path: str) -> Browser:
    """A headless Debian Chromium started by Playwright (executable_path: Playwright downloads nothing)."""
    return driver.chromium.launch(
        executable_path=chromium_path, headless=True, args=LAUNCH_ARGS, timeout=30_000, chromium_sandbox=False
    )


@pytest.fixture(scope="module")
def browser(playwright_driver: Playwright, chromium_path: str) -> Iterator[Browser]:
    """One Chromium per test module; each test gets its own contexts (cookies, storage) through open_page."""
    started = launch(playwright_driver, chromium_path)
    try:
        yield started
    finally:
        started.close()


@pytest.fixture
def open_page(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Tab]]:
    """open_page(language="fr", javascript=True, base_url=None) -> a Tab in a fresh context, closed after the test."""
    tabs: list[Tab] = []
    request.node.stash[_TABS] = tabs
    request.node.stash[_SHOTS_DIR] = tmp_path

    def open_tab(language: str = "fr", javascript: bool = True, base_url: str | None = None) -> Tab:
        if language not in LOCALES:
            raise ValueError(f"language {language!r}: expected one of {sorted(LOCALES)}")
        context = browser.new_context(
            locale=LOCALES[language],
            java_script_enabled=javascript,
            base_url=base_url,
            timezone_id="Africa/Casablanca",
            viewport={"width": 1280, "height": 800},
        )
        tab = Tab(context, language, javascript)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        with contextlib.suppress(PlaywrightError):  # the browser already went away: its own fixture reports that
            tab.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a passing test body: requests off 127.0.0.1 and console errors of its tabs fail the test."""
    result = yield
    problems = [problem for tab in item.stash.get(_TABS, []) for problem in tab.problems()]
    if problems:
        pytest.fail("the page did what no HQ page may do:\n  " + "\n  ".join(problems), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """A failed test body: a PNG of each of its tabs in the test's tmp dir, named in the report."""
    report = yield
    if report.when == "call" and report.failed:
        saved = []
        for number, tab in enumerate(item.stash.get(_TABS, []), start=1):
            path = item.stash[_SHOTS_DIR] / f"failure-tab{number}.png"
            try:
                saved.append(f"{tab.screenshot(path)} ({tab.page.url})")
            except PlaywrightError as exc:
                saved.append(f"tab {number}: no screenshot ({exc.message.splitlines()[0]})")
        if saved:
            report.sections.append(("browser screenshots", "\n".join(saved)))
    return report


def _serve(db_url: str, backend: str, workdir: Path) -> Iterator[HQServer]:
    server = HQServer(db_url, backend, workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def web_hq(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    """A real HQ shared by a module's tests, on each backend in turn (PostgreSQL: a fresh database, never skipped
    under CI). Tests share its data: each makes its own names (associations, users) rather than counting rows."""
    workdir = tmp_path_factory.mktemp(f"hq-{request.param}")
    if request.param == "postgresql":
        with fresh_database(request.getfixturevalue("pg_server_url")) as db_url:
            yield from _serve(db_url, "postgresql", workdir)
    else:
        yield from _serve(f"sqlite:///{workdir / 'hq.sqlite3'}", "sqlite", workdir)


@pytest.fixture(scope="module")
def web_hq_postgresql(pg_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    """A real HQ on a fresh PostgreSQL database, shared by a module's tests."""
    workdir = tmp_path_factory.mktemp("hq-postgresql")
    with fresh_database(pg_server_url) as db_url:
        yield from _serve(db_url, "postgresql", workdir)


@pytest.fixture(scope="module")
def web_hq_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    """A real HQ on an SQLite file, shared by a module's tests."""
    workdir = tmp_path_factory.mktemp("hq-sqlite")
    yield from _serve(f"sqlite:///{workdir / 'hq.sqlite3'}", "sqlite", workdir)
