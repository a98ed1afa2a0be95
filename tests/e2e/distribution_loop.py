"""Child process of the crash test: hand out to every household of an event, one `record_distribution` at a time.

Usage: python distribution_loop.py DATA_DIR EVENT_ID

Each receipt number is printed and flushed only after the service returned, that is after its transaction committed:
a line on stdout is a promise that the distribution is on disk. The parent kills this process with SIGKILL mid-loop.
"""

from __future__ import annotations

import sys

from fieldapp.db import Database
from fieldapp.services.distributions import record_distribution
from fieldapp.services.households import list_households


def main(data_dir: str, event_id: str) -> int:
    db = Database.open(data_dir)
    households = [h.id for h in list_households(db, limit=100_000)]
    sys.stdout.write(f"ready {len(households)}\n")
    sys.stdout.flush()
    for household_id in households:
        receipt = record_distribution(db, event_id, household_id, actor="crash-test").value.receipt
        sys.stdout.write(receipt + "\n")
        sys.stdout.flush()
    sys.stdout.write("done\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
