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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not (args.data_dir / "fieldapp.sqlite3").exists():
        sys.exit(f"no database in {args.data_dir}: seed one with bench/seed_and_search.py --data-dir {args.data_dir}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    launch(args.data_dir, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
