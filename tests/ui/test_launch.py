"""`fieldapp app --demo` (what `make app` runs) opens the desktop app on demo data on a fresh data folder."""

import json


def test_the_app_opens_on_demo_data_as_make_app_starts_it(cli_process):
    opened = cli_process(
        "app", "--demo", env={"QT_QPA_PLATFORM": "offscreen", "FIELDAPP_EXIT_AFTER_MS": "300"}, timeout=120
    )

    assert opened.code == 0, opened.err
    assert "Traceback" not in opened.err
    listed = cli_process("household", "list", "--limit", "500", "--json")
    assert len(json.loads(listed.out)) == 200
    events = json.loads(cli_process("event", "list", "--json").out)
    assert len(events) == 2
