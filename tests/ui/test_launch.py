"""`fieldapp` with no command opens the desktop app; on a fresh data folder it starts with demo data."""

import json


def test_fieldapp_without_a_command_opens_the_app_on_demo_data(cli_process):
    opened = cli_process(env={"QT_QPA_PLATFORM": "offscreen", "FIELDAPP_EXIT_AFTER_MS": "300"}, timeout=120)

    assert opened.code == 0, opened.err
    assert "Traceback" not in opened.err
    listed = cli_process("household", "list", "--limit", "500", "--json")
    assert len(json.loads(listed.out)) == 200
    events = json.loads(cli_process("event", "list", "--json").out)
    assert len(events) == 2
