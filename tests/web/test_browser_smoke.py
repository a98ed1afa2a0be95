"""The browser harness itself, against the HQ of today: pages load in Debian's Chromium, nothing leaves 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from chromium import ENV_CHROMIUM, ROOT, ChromiumUnavailable, resolve_chromium


def test_hq_answers_in_chromium_on_both_backends(open_page, web_hq):
    tab = open_page(base_url=web_hq.url)
    response = tab.visit("/openapi.json")
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.text())["info"]["title"] == "fieldapp HQ"
    assert tab.requested == [web_hq.url + "/openapi.json"]


FAVICON = "https://fastapi.tiangolo.com/img/favicon.png"  # FastAPI's /docs page links its icon off-host too


def test_swagger_ui_from_a_cdn_is_caught_and_blocked(open_page, web_hq_sqlite):
    # FastAPI's /docs asks cdn.jsdelivr.net for Swagger UI: exactly what no HQ page may do. The harness records and
    # blocks it (nothing reaches the CDN, so nothing is drawn) and would fail the test; here the test takes them.
    tab = open_page(base_url=web_hq_sqlite.url)
    with tab.page.expect_request(FAVICON):  # asked after the load event: waited for, so that it is counted here
        tab.visit("/docs")
    assert sorted(tab.take_off_host()) == [
        "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js",
        "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css",
        FAVICON,
    ]
    # Its inline script ran, without the bundle (the blocked loads are reported once, as requests, not here too).
    assert tab.take_console_errors() == ["uncaught ReferenceError: SwaggerUIBundle is not defined"]
    assert tab.page.locator(".swagger-ui .info").count() == 0


def test_without_javascript_no_script_runs(open_page, web_hq_sqlite):
    tab = open_page(javascript=False, base_url=web_hq_sqlite.url)
    with tab.page.expect_request(FAVICON):
        tab.visit("/docs")
    # The stylesheet and icon are still asked (and blocked), the script is not even fetched.
    assert tab.take_off_host() == ["https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css", FAVICON]
    assert not any("script" in error for error in tab.take_console_errors())
    tab.page.set_content("<title>before</title><script>document.title = 'scripts ran'</script>")
    assert tab.page.title() == "before"

    with_js = open_page(javascript=True)
    with_js.page.set_content("<title>before</title><script>document.title = 'scripts ran'</script>")
    assert with_js.page.title() == "scripts ran"


@pytest.mark.parametrize(("language", "locale"), [("fr", "fr-MA"), ("ar", "ar-MA"), ("en", "en-GB")])
def test_the_language_reaches_the_page_and_the_server(open_page, web_hq_sqlite, language, locale):
    tab = open_page(language=language, javascript=False, base_url=web_hq_sqlite.url)
    response = tab.visit("/openapi.json")
    assert response.request.all_headers()["accept-language"] == locale  # what HQ reads to choose the language
    assert tab.page.evaluate("navigator.language") == locale


def test_a_part_of_the_page_that_does_not_load_is_caught(open_page, web_hq_sqlite):
    tab = open_page(base_url=web_hq_sqlite.url)
    tab.visit("/login")
    with tab.page.expect_response("**/static/gone.png"):
        tab.page.set_content('<link rel="stylesheet" href="/static/style.css"><img src="/static/gone.png" alt="">')
    assert tab.take_failed_loads() == [f"404 {web_hq_sqlite.url}/static/gone.png"]
    assert tab.take_console_errors() == []  # the console's line about it is not counted twice
    # A missing stylesheet: HQ answers its 404 page as HTML with nosniff, so Chromium refuses it, and says so.
    tab.page.set_content('<link rel="stylesheet" href="/static/gone.css">')
    assert any("gone.css" in error and "MIME type" in error for error in tab.take_console_errors())


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_a_screenshot_is_a_png_of_the_page(open_page, web_hq_sqlite, tmp_path):
    tab = open_page(base_url=web_hq_sqlite.url)
    tab.visit("/openapi.json")
    path = tab.screenshot(tmp_path / "openapi.png")
    width, height = _png_size(path)
    assert width == 1280 and height >= 800  # the viewport's width, the whole page's height
    assert path.stat().st_size > 5_000  # text drawn, not a blank page


INNER_TESTS = """
    def test_fails_with_a_page_open(open_page):
        tab = open_page()
        tab.page.set_content("<h1>inner page</h1>")
        assert tab.page.inner_text("h1") == "another page"

    def test_asks_a_cdn(open_page):
        open_page().page.set_content('<img src="https://cdn.example.org/logo.png">')

    def test_logs_an_error(open_page):
        open_page().page.set_content("<script>console.error('boom')</script>")

    def test_throws(open_page):
        open_page().page.set_content("<script>undefinedFunction()</script>")

    def test_takes_what_it_expected(open_page):
        tab = open_page()
        tab.page.set_content('<img src="https://cdn.example.org/logo.png">')
        assert tab.take_off_host() == ["https://cdn.example.org/logo.png"]
        assert tab.take_console_errors() == []  # a blocked request is reported once, as a request
"""


@pytest.mark.slow  # a pytest run of its own, with its own Chromium: ~4 s
def test_failures_leave_screenshots_and_off_host_requests_fail_a_test(chromium_path, tmp_path):
    # The hooks are only seen at work in a test run of their own: five small tests, four meant to fail.
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(INNER_TESTS))
    env = {
        **os.environ,
        ENV_CHROMIUM: chromium_path,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "web"), str(ROOT / "tests"), str(ROOT)]),
    }
    command = [sys.executable, "-m", "pytest", "-p", "chromium", "-p", "no:cacheprovider", "-p", "no:randomly"]
    command += ["-q", "-rf", "--basetemp", str(tmp_path / "runs"), "test_inner.py"]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "4 failed, 1 passed" in out, out
    assert "request off 127.0.0.1 (blocked): https://cdn.example.org/logo.png" in out
    assert "console error: boom" in out
    assert "console error: uncaught ReferenceError: undefinedFunction is not defined" in out
    shots = sorted((tmp_path / "runs").rglob("failure-tab1.png"))
    assert [shot.parent.name for shot in shots] == [
        "test_asks_a_cdn0",
        "test_fails_with_a_page_open0",
        "test_logs_an_error0",
        "test_throws0",
    ]
    assert all(_png_size(shot)[0] == 1280 for shot in shots)
    assert f"{shots[1]} (about:blank)" in out  # named in the report


def test_a_stopped_server_is_a_clear_failure_not_a_hang(open_page, hq_sqlite):
    tab = open_page(base_url=hq_sqlite.url)
    tab.visit("/openapi.json")
    hq_sqlite.stop()
    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match=r"could not be loaded: .*ERR_CONNECTION_REFUSED.*server running"):
        tab.visit("/openapi.json")
    assert time.monotonic() - started < 2


def test_a_server_that_never_answers_times_out(open_page):
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        tab = open_page(base_url=f"http://127.0.0.1:{silent.getsockname()[1]}")
        started = time.monotonic()
        with pytest.raises(pytest.fail.Exception, match=r"/login: no answer within 1\.5 s"):
            tab.visit("/login", timeout_ms=1500)
        assert time.monotonic() - started < 5  # the timeout and some slack on a busy machine; never the default 10 s


def test_a_missing_chromium_fails_under_ci_and_skips_elsewhere():
    def nothing() -> str:
        raise ChromiumUnavailable("scripts/browser.sh failed: chromium missing")

    with pytest.raises(pytest.fail.Exception, match="no Chromium under CI"):
        resolve_chromium({"CI": "true"}, find=nothing)
    with pytest.raises(pytest.skip.Exception, match="chromium missing"):
        resolve_chromium({}, find=nothing)
    with pytest.raises(pytest.fail.Exception, match="not an executable"):
        resolve_chromium({ENV_CHROMIUM: "/nowhere/chromium"}, find=nothing)


def test_the_browser_script_prints_the_chromium_it_found(chromium_path):
    script = str(ROOT / "scripts" / "browser.sh")
    env = {**os.environ, "FIELDAPP_BROWSER_NO_INSTALL": "1"}
    env.pop("FIELDAPP_CHROMIUM", None)
    found = subprocess.run(["bash", script], capture_output=True, text=True, env=env, timeout=60)
    assert found.returncode == 0, found.stderr
    assert os.access(found.stdout.strip(), os.X_OK)
    env["FIELDAPP_CHROMIUM"] = "/nowhere/chromium"
    refused = subprocess.run(["bash", script], capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "FIELDAPP_CHROMIUM=/nowhere/chromium is not an executable file" in refused.stderr
