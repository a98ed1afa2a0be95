"""A write asked for by a page is published by the runner, never by the page: every page showing what changed reloads,
including after a refusal that found the record changed elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

from fieldapp.errors import Refused
from fieldapp.rules import parse_item
from fieldapp.services import distributions, events, households, setup
from ui.shell.operations import run_operation

UI = Path(__file__).resolve().parents[2] / "ui"


def _published(window) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    window.ctx.changes.changed.connect(seen.append)
    return seen


def test_a_write_publishes_what_it_changed_and_the_pages_that_show_it_reload(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    qtbot.waitUntil(lambda: window.ctx.tasks.idle)
    shown = page.model.rowCount()
    seen = _published(window)
    answers = []
    item = parse_item("KIT:Panier:1")
    run_operation(window.ctx, lambda: events.create_event(window.ctx.db, "Aïd", "2026-04-01", [item]), answers.append)
    qtbot.waitUntil(lambda: bool(answers) and window.ctx.tasks.idle)
    assert seen == [frozenset({"events"})]
    assert page.model.rowCount() == shown + 1  # the events list reloaded by itself


def test_the_page_settles_its_own_state_before_the_pages_hear_of_the_change(qtbot, window):
    """The Settings page clears its "edited" mark in its callback: published first, its own reload would be skipped."""
    order = []
    window.ctx.changes.changed.connect(lambda kinds: order.append(("published", kinds)))
    run_operation(
        window.ctx,
        lambda: setup.update_settings(window.ctx.db, {"operator_name": "Samira"}),
        lambda answer: order.append(("done", answer.value["operator_name"])),
    )
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == [("done", "Samira"), ("published", frozenset({"settings"}))]


def test_the_settings_page_shows_what_was_stored_after_saving(qtbot, window):
    window.show_page("settings")
    page = window.page("settings")
    qtbot.waitUntil(lambda: window.ctx.tasks.idle)
    page.operator.clear()
    qtbot.keyClicks(page.operator, "Samira")  # typed: the page now keeps what is typed from any reload
    assert page._edited
    reads = []
    window.ctx.changes.changed.connect(lambda kinds: reads.append(page._edited))
    page.save_settings()
    qtbot.waitUntil(lambda: bool(reads) and window.ctx.tasks.idle)
    assert reads == [False]  # the save cleared the mark first, so the page reloaded what was stored


def test_a_refusal_that_found_a_stale_record_makes_the_pages_reload(qtbot, window):
    db = window.ctx.db
    served = distributions.list_distributions(db, limit=1)[0]
    distributions.void_distribution(db, served.receipt, "erreur")  # cancelled meanwhile, from the command line
    seen = _published(window)
    refusals = []
    run_operation(
        window.ctx, lambda: distributions.void_distribution(db, served.receipt, "erreur"), None, refusals.append
    )
    qtbot.waitUntil(lambda: bool(refusals))
    assert isinstance(refusals[0], Refused) and refusals[0].key == "error.already_voided"
    assert seen == [frozenset({"distributions"})]


def test_a_read_or_an_answer_that_changed_nothing_publishes_nothing(qtbot, window):
    seen = _published(window)
    answers = []
    run_operation(window.ctx, lambda: households.count_households(window.ctx.db), answers.append)
    qtbot.waitUntil(lambda: bool(answers))
    assert answers[0] > 0 and seen == []


def _publishers() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "publish":
                found.append(path.relative_to(UI.parent).as_posix())
    return sorted(set(found))


def test_no_page_publishes_by_hand():
    # the operation runner, and the sync runner for what a sync received (it runs on the network pool)
    assert _publishers() == ["ui/shell/operations.py", "ui/sync/controller.py"]
