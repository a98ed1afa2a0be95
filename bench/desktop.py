"""Desktop benchmark: launch time beside a bare PySide6 window, keystroke-to-results in household search, memory.

    python bench/desktop.py --data-dir DIR   # DIR holds a fieldapp database (e.g. 150,000 households seeded by
                                             # bench/seed_and_search.py --data-dir DIR); runs offscreen
    python bench/desktop.py --data-dir DIR --before /tmp/before   # and an earlier tree in the same rounds:
                                             # git worktree add /tmp/before REV (before and after, one machine load)
Targets (issue 4): usable window ≤ 2× a bare window; keystroke-to-results p95 ≤ 100 ms; resident memory ≤ 300 MB.
Issue 13: a folder with accounts (every folder set up since) opens on its login screen: "usable" is then the login
screen painted, ready for the password (target ≤ 2× a bare window too). The typing run logs in with FIELDAPP_USER and
FIELDAPP_PASSWORD.
"""

from __future__ import annotations

import argparse
import compileall
import os
import py_compile
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1200, 760); window.show(); app.processEvents()
print(f"usable {time.time():.4f}", file=sys.stderr, flush=True)
"""
# The interpreter alone (site, the venv's .pth files): the floor under both windows.
PYTHON = "import sys, time; print(f'usable {time.time():.4f}', file=sys.stderr)"
# The moments ui/shell/app.py reports with FIELDAPP_TIMING (see _report_timing there), in order.
MARKS = ("run-app", "checked", "qt", "built", "shown", "usable")
STEPS = (
    ("run-app", "Python started, `fieldapp` command line imported and read"),
    ("checked", "accounts file looked for (or quick_read's check on a plain record)"),
    ("qt", "PySide6 imported, QApplication created, fonts loaded"),
    ("built", "login screen (or main window and desk): modules imported, widgets built"),
    ("shown", "window shown"),
    ("usable", "painted, ready for typing (usable)"),
)


def _run(command: list[str], env: dict, cwd: Path | None = None) -> dict[str, float]:
    """Spawn, and read the moments it reports; returns seconds from spawn to each, plus peak RSS in MB."""
    start = time.time()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "maxrss %M", *command], capture_output=True, text=True, env=env, cwd=cwd
    )
    marks = {}
    for line in proc.stderr.splitlines():
        name, _, value = line.partition(" ")
        if name in MARKS:
            marks[name] = float(value) - start
        elif name == "maxrss":
            marks["rss_mb"] = int(value) / 1024
    if proc.returncode != 0 or "usable" not in marks:
        sys.exit(f"{command} failed: {proc.stderr[-2000:]}")
    return marks


def installed_copy(folder: Path, root: Path = ROOT) -> Path:
    """fieldapp as pip or PyInstaller install it: a copy of its packages and resources, byte-compiled.

    Python reads the project's own modules from the source tree here; where PYTHONDONTWRITEBYTECODE is set (as in
    the environment these figures were taken in) it compiles every one of them again at each launch, which an
    installed copy never does (PySide6's modules, in site-packages, are compiled once at install).
    """
    for name in ("fieldapp", "ui", "resources"):
        shutil.copytree(root / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for built in (ROOT / "resources" / "translations").glob("*.qm"):  # built files a fresh worktree lacks
        if not (folder / "resources" / "translations" / built.name).exists():
            shutil.copy2(built, folder / "resources" / "translations" / built.name)
    # checked-hash: a stale file can never be used, whatever the clock says
    compileall.compile_dir(folder / "fieldapp", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    compileall.compile_dir(folder / "ui", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    return folder


def _steps(launches: list[dict]) -> None:
    quick = [r for r in launches if all(mark in r for mark in MARKS)]
    previous = None
    for mark, what in STEPS:
        step = statistics.median(r[mark] - (r[previous] if previous else 0) for r in quick)
        print(f"    {step * 1000:6.1f}  {what}")
        previous = mark


def launch(data_dir: Path, runs: int, before: Path | None = None) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDAPP_TIMING": "1", "FIELDAPP_EXIT_AFTER_MS": "0"}
    app = [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "app"]
    results: dict[str, list[dict]] = {"python": [], "bare": [], "installed": [], "source": []}
    with tempfile.TemporaryDirectory(prefix="fieldapp-installed-") as folder:
        installed = installed_copy(Path(folder) / "now")
        earlier = installed_copy(Path(folder) / "before", before) if before else None
        if earlier:
            results["before"] = []
        for _ in range(runs):  # interleaved, so all see the same machine load
            results["python"].append(_run([sys.executable, "-c", PYTHON], env))
            results["bare"].append(_run([sys.executable, "-c", BARE], env))
            results["installed"].append(_run(app, env, cwd=installed))  # the working directory comes first on sys.path
            results["source"].append(_run(app, env, cwd=ROOT))
            if earlier:
                results["before"].append(_run(app, env, cwd=earlier))
    bare = statistics.median(r["usable"] for r in results["bare"])
    compiled = "byte-compiled at each launch" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "bytecode cached"
    python = statistics.median(r["usable"] for r in results["python"])
    row = "  {:<62}{:7.3f}{}"
    print(f"launch (median of {runs}, interleaved, from spawn)" + " " * 22 + "seconds   × bare")
    print(row.format("Python interpreter alone", python, ""))
    print(row.format("bare PySide6 window shown", bare, ""))
    labels = [("installed", "installed (byte-compiled copy)"), ("source", f"source tree ({compiled})")]
    if before:
        labels.append(("before", f"installed (byte-compiled copy) of the earlier tree {before}"))
    for name, label in labels:
        shown = statistics.median(r["shown"] for r in results[name])
        usable = statistics.median(r["usable"] for r in results[name])
        ratios = sorted(a["usable"] / b["usable"] for a, b in zip(results[name], results["bare"], strict=True))
        print(f"  fieldapp {label}")
        print(row.format("  first window shown", shown, f"   {shown / bare:5.2f}"))
        print(row.format("  first window usable", usable, f"   {usable / bare:5.2f}"))
        print(
            f"    usable ÷ bare per interleaved pair: median {statistics.median(ratios):.2f}, "
            f"best {ratios[0]:.2f}, worst {ratios[-1]:.2f}; peak RSS {max(r['rss_mb'] for r in results[name]):.0f} MB"
        )
        print("    where the time goes (median of each step, ms):")
        _steps(results[name])
    print(
        f"  peak resident memory of the bare window: {statistics.median(r['rss_mb'] for r in results['bare']):.0f} MB"
    )


QUERIES = ("mohamed alaoui", "fatima zahra", "محمد العلوي", "فاطمة", "AB12", "0661", "khadija ben")


def _wait(signal, done, timeout_ms: int = 5000) -> bool:
    """Run the event loop, idle as a real window is, until `done()` holds after `signal` (or the timeout)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    loop = QEventLoop()

    def check(*_args) -> None:
        if done():
            loop.quit()

    signal.connect(check)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(check)
    return done()


def _pause(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(ms, 0), loop.quit)
    loop.exec()


def keystrokes(data_dir: Path, interval_ms: int) -> None:
    """Type each query one character at a time into the Households search, as fast as a person types."""
    import resource

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from fieldapp.db import Database
    from ui.shell import translations
    from ui.shell.app import build_window

    translations.load_fonts(app)
    translations.install(app, "fr")
    if (data_dir / "fieldapp.keys").exists():  # an encrypted folder: logged in as the environment says
        from fieldapp.services import accounts

        db = accounts.login(data_dir, os.environ.get("FIELDAPP_USER", ""), os.environ.get("FIELDAPP_PASSWORD", ""))
    else:
        db = Database.open(data_dir)
    window = build_window(db)
    window.show()
    window.show_page("households")
    page = window.page("households")
    model = page.model
    _wait(model.loaded, lambda: not model.loading and model.rowCount() > 0, 30_000)
    latencies = []
    for query in QUERIES:
        page.search.clear()
        _wait(model.loaded, lambda: not model.loading and model.query.text == "")
        for end in range(1, len(query) + 1):
            typed = query[:end]
            started = time.perf_counter()
            page.search.setText(typed)  # what a keystroke does to the field (textChanged), for any script
            if _wait(model.loaded, lambda typed=typed: model.query.text == typed.strip() and not model.loading):
                latencies.append((time.perf_counter() - started) * 1000)
            _pause(int(interval_ms - (time.perf_counter() - started) * 1000))
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    households = model.rowCount()
    print(
        f"keystroke to results, Households search, {len(latencies)} keystrokes {interval_ms} ms apart "
        f"({len(QUERIES)} queries, Latin, Arabic, CIN, phone)"
    )
    print(
        f"  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {latencies[-1]:6.1f} ms   (last query shows {households} rows)"
    )
    print(f"  peak resident memory of this window process: {rss:.0f} MB")
    window.close()
    db.dispose()


def _one_login(app, data_dir: Path, user: str, password: str) -> float:
    from ui.accounts.login import LoginScreen
    from ui.accounts.prefs import LoginPrefs
    from ui.shell.app import open_logged_in

    screen = LoginScreen(str(data_dir), LoginPrefs(last_user=user))
    screen.show()
    screen.form.start()
    _pause(1500)  # the services load while the person types
    opened: list = []
    screen.form.logged_in.connect(lambda db: opened.append(open_logged_in(app, db, str(data_dir))))
    started = time.perf_counter()
    screen.form.password.setText(password)
    screen.form.log_in()
    _wait(screen.form.logged_in, lambda: bool(opened), 30_000)
    window = opened[0]
    usable: list = []
    window.ctx.tasks.when_idle(lambda: usable.append(True))  # as run_app's "usable": the first page's data arrived
    _wait(window.ctx.tasks.busy_changed, lambda: bool(usable), 30_000)
    app.processEvents()
    elapsed = time.perf_counter() - started
    window.close()
    window.ctx.db.dispose()
    screen.close()
    return elapsed


def login_timings(data_dir: Path, runs: int, user: str, password: str) -> list[float]:
    """Seconds from the password typed (Enter) on the login screen to the desk painted with its data, `runs` times in
    this process (Argon2id, the database opened, the window built), sorted. The login screen's worker loads the
    services first, as while a person types."""
    from PySide6.QtWidgets import QApplication

    from ui.shell import translations

    app = QApplication.instance() or QApplication([])
    translations.load_fonts(app)
    translations.install(app, "fr")
    return sorted(_one_login(app, data_dir, user, password) for _ in range(runs))


def login_to_desk(data_dir: Path, runs: int) -> None:
    """Login to the desk usable (see login_timings), as FIELDAPP_USER / FIELDAPP_PASSWORD."""
    user, password = os.environ.get("FIELDAPP_USER", ""), os.environ.get("FIELDAPP_PASSWORD", "")
    timings = login_timings(data_dir, runs, user, password)
    median, best, worst = (value * 1000 for value in (statistics.median(timings), timings[0], timings[-1]))
    print(f"login to the desk usable (password typed → desk painted with its data), {runs} runs")
    print(f"  median {median:6.0f} ms   best {best:6.0f} ms   worst {worst:6.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--interval-ms", type=int, default=150, help="time between keystrokes")
    parser.add_argument("--launch-only", action="store_true", help="measure the launch, skip the typing run")
    parser.add_argument("--before", type=Path, help="an earlier source tree, launched in the same rounds")
    parser.add_argument("--login-runs", type=int, default=0, help="also time login to the desk (encrypted folder)")
    args = parser.parse_args()
    if not (args.data_dir / "fieldapp.sqlite3").exists():
        sys.exit(f"no database in {args.data_dir}: seed one with bench/seed_and_search.py --data-dir {args.data_dir}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    launch(args.data_dir, args.runs, args.before)
    if args.login_runs:
        login_to_desk(args.data_dir, args.login_runs)
    if not args.launch_only:
        keystrokes(args.data_dir, args.interval_ms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
