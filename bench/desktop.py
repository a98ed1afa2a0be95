"""Desktop benchmark: launch time beside a bare PySide6 window, keystroke-to-results in household search, memory.

    python bench/desktop.py --data-dir DIR   # DIR holds a fieldapp database (e.g. 150,000 households seeded by
                                             # bench/seed_and_search.py --data-dir DIR); runs offscreen
Targets (issue 4): usable window ≤ 2× a bare window; keystroke-to-results p95 ≤ 100 ms; resident memory ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1200, 760); window.show(); app.processEvents()
print(f"usable {time.time():.4f}", file=sys.stderr, flush=True)
"""


def _run(command: list[str], env: dict) -> dict[str, float]:
    """Spawn, and read the moments it reports; returns seconds from spawn to each, plus peak RSS in MB."""
    start = time.time()
    proc = subprocess.run(["/usr/bin/time", "-f", "maxrss %M", *command], capture_output=True, text=True, env=env)
    marks = {}
    for line in proc.stderr.splitlines():
        name, _, value = line.partition(" ")
        if name in ("start-screen", "usable"):
            marks[name] = float(value) - start
        elif name == "maxrss":
            marks["rss_mb"] = int(value) / 1024
    if proc.returncode != 0 or "usable" not in marks:
        sys.exit(f"{command} failed: {proc.stderr[-2000:]}")
    return marks


def launch(data_dir: Path, runs: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDAPP_TIMING": "1", "FIELDAPP_EXIT_AFTER_MS": "0"}
    bare, app = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare.append(_run([sys.executable, "-c", BARE], env))
        app.append(_run([sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "app"], env))
    bare_usable = statistics.median(r["usable"] for r in bare)
    app_screen = statistics.median(r["start-screen"] for r in app)
    app_usable = statistics.median(r["usable"] for r in app)
    print(f"launch (median of {runs}, from spawn)      seconds   × bare")
    print(f"  bare PySide6 window shown              {bare_usable:7.3f}")
    print(f"  fieldapp start screen shown            {app_screen:7.3f}   {app_screen / bare_usable:5.2f}")
    print(f"  fieldapp main window usable            {app_usable:7.3f}   {app_usable / bare_usable:5.2f}")
    print(
        f"  peak resident memory: bare {statistics.median(r['rss_mb'] for r in bare):.0f} MB, "
        f"fieldapp {max(r['rss_mb'] for r in app):.0f} MB"
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
    from ui import translations
    from ui.app import build_window

    translations.load_fonts(app)
    translations.install(app, "fr")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--interval-ms", type=int, default=150, help="time between keystrokes")
    args = parser.parse_args()
    if not (args.data_dir / "fieldapp.sqlite3").exists():
        sys.exit(f"no database in {args.data_dir}: seed one with bench/seed_and_search.py --data-dir {args.data_dir}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    launch(args.data_dir, args.runs)
    keystrokes(args.data_dir, args.interval_ms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
