"""The Sync page's table models, words and background timing, without a view and without HQ."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fieldapp.services.conflicts import ConflictView, ReviewRecord, ReviewView
from fieldapp.services.enrollment import SyncState
from fieldapp.services.outbox import PendingChange
from ui.shared.table_model import RowsModel
from ui.shell import translations
from ui.shell.change_bus import ChangeBus
from ui.shell.context import AppContext
from ui.shell.tasks import TaskRunner
from ui.sync import texts as sync_texts
from ui.sync.controller import Intervals, SyncController, SyncStatus, controller_for
from ui.sync.models import ConflictsModel, PendingChangesModel, ReviewsModel

NOW = dt.datetime(2026, 2, 20, 10, 0, tzinfo=dt.UTC)
LTR, POP = "\u202a", "\u202c"


def plain(text: str) -> str:
    return text.replace(LTR, "").replace(POP, "")


def conflict(entity="households", record="Fatima Benali", field="phone", current="+212622222222", other=None):
    return ConflictView(
        key="c1",
        entity=entity,
        entity_id="r1",
        record=record,
        household_id="h1",
        household_name="Fatima Benali",
        field=field,
        current_value=current,
        current_device="OUJ2",
        current_at=NOW,
        other_value=other,
        other_device="KHR1",
        other_at=NOW - dt.timedelta(minutes=5),
        detected_at=NOW,
        settled_at=None,
        settled_by=None,
    )


def row_texts(model, row: int = 0) -> list[str]:
    return [plain(str(model.index(row, column).data())) for column in range(model.columnCount())]


def test_the_conflicts_model_names_the_record_the_field_both_values_and_where_they_came_from(french):
    model = ConflictsModel()
    rows = [
        conflict(),
        conflict(field="flags", current=["widow", "infant"], other=[]),
        conflict(entity="members", record="Ali Benali", field="birth_year", current=1990, other=1991),
    ]

    model.set_rows(rows)

    assert model.rowCount() == 3 and model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers[:3] == ["Foyer / membre", "Champ", "Valeur gardée"] and headers[4] == "Autre valeur"
    phone = row_texts(model, 0)
    assert phone[:3] == ["Fatima Benali", "Téléphone", "06 22 22 22 22"] and phone[4] == "(vide)"
    assert phone[3].startswith("OUJ2, ") and phone[5].startswith("KHR1, ")
    assert row_texts(model, 1)[1:3] == ["Vulnérabilités", "Veuve, Nourrisson de moins de 2 ans"]
    assert row_texts(model, 2)[:3] == ["Ali Benali (Fatima Benali)", "Année de naissance", "1990"]
    assert model.index(2, 0).data(RowsModel.RowRole) is rows[2]
    described = plain(model.describe(rows[0]))
    assert "06 22 22 22 22" in described and "(vide)" in described and "KHR1" in described


def review(kind: str, records: list, event_name=None, household_name=None) -> ReviewView:
    return ReviewView("r-" + kind, kind, "e1", event_name, "h1", household_name, records, NOW, None, None, None)


def test_the_reviews_model_shows_both_receipts_with_who_and_when(french):
    records = [
        ReviewRecord("d1", "KHR1-2026-00001", "KHR1", NOW, "Samira", False),
        ReviewRecord("d2", "OUJ2-2026-00004", "OUJ2", NOW + dt.timedelta(hours=1), "Youssef", True),
    ]
    double = review("double_distribution", records, event_name="Ramadan 2026", household_name="Fatima Benali")
    same_cin = review(
        "duplicate_cin",
        [
            {"id": "h1", "head_name": "Fatima Benali", "cin": "AB123456", "device": "KHR1"},
            {"id": "h2", "head_name": "Fatma Ben Ali", "cin": "AB123456", "device": "OUJ2"},
        ],
    )
    model = ReviewsModel()

    model.set_rows([double, same_cin])

    kind, name, event, shown, _found = row_texts(model, 0)
    assert (kind, name, event) == ("Servi deux fois pour un même événement", "Fatima Benali", "Ramadan 2026")
    assert shown == "KHR1-2026-00001 · OUJ2-2026-00004"  # who and when: in the sentence under the table
    described = plain(model.describe(double))
    assert "Reçu KHR1-2026-00001 — ordinateur KHR1" in described and "remis par Samira" in described
    assert "Reçu OUJ2-2026-00004 — ordinateur OUJ2" in described and "Youssef (annulé)" in described
    assert described.count("•") == 2
    assert row_texts(model, 1)[0] == "Même CIN pour deux foyers"
    assert row_texts(model, 1)[3] == "Fatima Benali · Fatma Ben Ali"
    assert "Fatma Ben Ali (CIN AB123456, ordinateur OUJ2)" in plain(model.describe(same_cin))


def test_a_change_hq_refused_is_listed_with_the_record_and_the_reason_in_the_persons_words(french):
    refused = review(
        "refused_change",
        [{"t": "households", "i": "h1", "label": "Fatima Benali", "reason": "too_large", "detail": "40000 bytes"}],
        household_name="Fatima Benali",
    )
    model = ReviewsModel()

    model.set_rows([refused])

    kind, name, _event, shown, _found = row_texts(model, 0)
    assert (kind, name, shown) == (
        "Refusé par le siège",
        "Fatima Benali",
        "trop volumineux pour le siège (raccourcissez ses notes)",
    )
    assert "Fatima Benali : trop volumineux pour le siège" in plain(model.describe(refused))
    assert "puis réglez : elle sera renvoyée au siège" in plain(model.describe(refused))


def test_the_pending_changes_model_lists_what_waits_oldest_first(french):
    model = PendingChangesModel()
    model.set_rows([PendingChange(7, "households", "h1", "insert", NOW, "Fatima Benali")])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "N°"
    assert row_texts(model)[:3] == ["7", "Foyer", "création"]
    assert row_texts(model)[4] == "Fatima Benali"


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (dt.timedelta(seconds=20), "à l'instant"),
        (dt.timedelta(minutes=5, seconds=10), "il y a 5 min"),
        (dt.timedelta(hours=3, minutes=2), "il y a 3 heures"),
        (dt.timedelta(hours=1), "il y a 1 heure"),
    ],
)
def test_how_long_ago_in_the_persons_words(french, delta, said):
    assert sync_texts.ago(NOW - delta, now=NOW) == said


def test_long_ago_is_a_date_and_never_is_said(french):
    assert "2026-02-18" in sync_texts.ago(NOW - dt.timedelta(days=2), now=NOW)
    assert sync_texts.ago(None) == "jamais"


def test_an_error_remembered_as_a_key_reads_as_a_sentence_without_placeholders(french):
    sentence = sync_texts.error_sentence("error.sync_server")
    assert "{" not in sentence and "réessayez" in sentence
    assert "https://hq.example.org" in sync_texts.error_sentence("error.sync_offline", "https://hq.example.org")


def state(**values) -> SyncState:
    base = dict(
        enrolled=True,
        hq_url="https://hq.example.org",
        association_name="Association Al Amal",
        device_code="KHR1",
        last_success=None,
        last_error=None,
        pending=0,
        open_conflicts=0,
        open_reviews=0,
        cursor=0,
    )
    return SyncState(**{**base, **values})


def test_the_status_kind_puts_syncing_first_then_offline_then_refusals():
    from fieldapp.errors import Refused
    from sync.client import Unreachable

    assert SyncStatus().kind == "unknown"
    assert SyncStatus(state(enrolled=False)).kind == "not_enrolled"
    assert SyncStatus(state()).kind == "never"
    assert SyncStatus(state(last_success=NOW)).kind == "synced"
    offline = Unreachable("error.sync_offline", url="x")
    assert SyncStatus(state(last_success=NOW), reachable=False, error=offline).kind == "offline"
    assert SyncStatus(state(), running=True, reachable=False).kind == "syncing"
    assert SyncStatus(state(), reachable=True, error=Refused("error.sync_revoked")).kind == "refused"
    assert SyncStatus(state(open_conflicts=2, open_reviews=1)).attention == 3


def test_the_background_waits_longer_after_each_failure_up_to_the_cap_with_jitter(qapp):
    ctx = AppContext(db=None, tasks=TaskRunner(), changes=ChangeBus())
    controller = SyncController(ctx, Intervals(retry_ms=30_000, retry_cap_ms=600_000))
    waits = []
    for failures in range(1, 8):
        controller.failures = failures
        waits.append(controller.backoff_ms())
    assert waits == [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]
    controller.rand = lambda: 0.0
    assert controller.jittered(600_000) == 300_000  # never less than half: no burst of retries
    controller.rand = lambda: 0.999
    assert 599_000 < controller.jittered(600_000) <= 600_000
    assert controller_for(ctx) is controller  # one per window: the status bar and the page share it


def test_in_arabic_a_phone_in_the_conflict_sentence_reads_left_to_right_with_its_plus_first(french):
    """Drawn as it would be if its characters were forced left-to-right (LRO): the digit groups in order."""
    from PySide6.QtWidgets import QLabel

    translations.install(french, "ar")
    try:
        model = ConflictsModel()
        row = conflict(other="+212611111111")
        model.set_rows([row])
        sentence = model.describe(row)
        assert "06 22 22 22 22" in plain(sentence) and "\u0627" in sentence  # an Arabic sentence around the numbers

        def drawn(text: str):
            label = QLabel(text)
            label.setWordWrap(True)
            label.resize(1000, 60)
            return label.grab().toImage()

        forced = sentence
        for number in ("06 22 22 22 22", "06 11 11 11 11"):
            forced = forced.replace(f"{LTR}{number}{POP}", f"\u202d{number}{POP}")
        assert forced != sentence
        assert drawn(sentence) == drawn(forced)
        # Without the embedding the digit groups would be drawn right to left: the check can tell the difference.
        assert drawn(plain(sentence)) != drawn(forced)
    finally:
        translations.install(french, "fr")
