"""Sync: where this laptop stands with HQ, joining HQ, "Sync now" with progress and Cancel, what sync found for a
person to settle (conflicts, review items), and the changes not yet sent."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import left_to_right
from fieldapp.permissions import Action
from fieldapp.services import conflicts, enrollment, outbox, setup
from fieldapp.timefmt import local_text
from ui.shared.labels import fill
from ui.shared.table_view import rows_table
from ui.shell.page import Page
from ui.sync import texts as sync_texts
from ui.sync.controller import LOCAL_KINDS, SyncStatus, controller_for
from ui.sync.enroll import EnrollForm
from ui.sync.findings import ConflictsPanel, ReviewsPanel
from ui.sync.models import PendingChangesModel

SHOWN = 500
REJOIN_KEYS = frozenset({"error.sync_revoked", "error.sync_unauthorized"})  # the join form shows again
CLOCK_MS = 30_000  # "5 min ago" moves on while the page is open

__all__ = ["PendingChangesModel", "SyncPage"]


class SyncPage(Page):
    watches = LOCAL_KINDS | {"settings"}

    def setup_ui(self) -> None:
        self.controller = controller_for(self.ctx)
        self.state = None  # the newest SyncState read, by this page or by the controller
        self._controller_state = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._status_box())
        self.enroll_form = EnrollForm(self.controller, self, self.ctx.data_dir)
        self.enroll_form.setVisible(False)
        layout.addWidget(self.enroll_form)
        layout.addWidget(self._sync_bar())
        self.message = QLabel(self)
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("syncTabs")
        self.conflicts = ConflictsPanel(self.ctx, self.tabs)
        self.reviews = ReviewsPanel(self.ctx, self.tabs)
        pending = QWidget(self.tabs)
        pending_layout = QVBoxLayout(pending)
        self.model = PendingChangesModel(self)
        self.table = rows_table(pending, "pendingChanges", self.model)
        pending_layout.addWidget(self.table)
        for widget in (self.conflicts, self.reviews, pending):
            self.tabs.addTab(widget, "")
        layout.addWidget(self.tabs, 1)
        self._first_load = True
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self._show_state)
        self.clock.start()
        self.sync_now.clicked.connect(self._sync_now)
        self.cancel.clicked.connect(self.controller.cancel)
        self.controller.status_changed.connect(self._status_changed)
        self.controller.started.connect(self._started)
        self.controller.progressed.connect(self._progressed)
        self.controller.finished.connect(self._finished)
        self.controller.failed.connect(self._failed)

    def _status_box(self) -> QGroupBox:
        self.status_box = QGroupBox(self)
        self.status_box.setObjectName("syncStatusBox")
        form = QFormLayout(self.status_box)
        self.hq = QLabel(self.status_box)
        self.hq.setObjectName("syncHq")
        self.connection = QLabel(self.status_box)
        self.connection.setObjectName("syncConnection")
        self.last_success = QLabel(self.status_box)
        self.last_success.setObjectName("syncLastSuccess")
        self.last_error = QLabel(self.status_box)
        self.last_error.setObjectName("syncLastError")
        self.summary = QLabel(self.status_box)
        self.summary.setObjectName("syncSummary")
        for label in (self.hq, self.connection, self.last_success, self.last_error, self.summary):
            label.setWordWrap(True)
            form.addRow(label)
        return self.status_box

    def _sync_bar(self) -> QWidget:
        """Sync now, its progress and Cancel: shown once this laptop joined HQ."""
        self.sync_bar = QWidget(self)
        self.sync_now = QPushButton(self.sync_bar)
        self.sync_now.setObjectName("syncNow")
        self.sync_now.setEnabled(False)  # until the state says this laptop joined HQ
        self.progress = QProgressBar(self.sync_bar)
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        self.progress_text = QLabel(self.sync_bar)
        self.progress_text.setObjectName("syncProgressText")
        self.cancel = QPushButton(self.sync_bar)
        self.cancel.setObjectName("syncCancel")
        self.cancel.setVisible(False)
        row = QHBoxLayout(self.sync_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sync_now)
        row.addWidget(self.progress, 4)
        row.addWidget(self.progress_text)
        row.addWidget(self.cancel)
        row.addStretch(1)  # the button keeps its size; a running sync's bar takes most of the row
        self.sync_bar.setVisible(False)
        return self.sync_bar

    def retranslate_ui(self) -> None:
        self.status_box.setTitle(self.tr("HQ"))
        self.sync_now.setText(self.tr("&Sync now"))
        self.sync_now.setAccessibleName(self.tr("Sync now"))
        self.sync_now.setToolTip(self.tr("Send this laptop's changes to HQ and receive the other laptops' changes."))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel the sync"))
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.tabs.setAccessibleName(self.tr("What sync found, and the changes not yet sent"))
        self.table.setAccessibleName(self.tr("Changes not yet sent"))
        self.model.retranslate()
        self._show_state()
        self._show_tabs()

    def apply_role(self) -> None:
        self._show_state()  # joining HQ is offered to whoever may change the sync settings
        self.conflicts._selection_changed()
        self.reviews._selection_changed()

    # --- reading ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.ctx.db

        def load():
            return (
                enrollment.sync_state(db),
                outbox.pending_changes(db, limit=SHOWN),
                conflicts.list_conflicts(db),
                conflicts.list_reviews(db),
                setup.current_settings(db),
            )

        self.ctx.tasks.run(load, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, loaded) -> None:
        self.state, pending, found, reviews, values = loaded
        self.model.set_rows(pending)
        self.conflicts.set_rows(found)
        self.reviews.set_rows(reviews)
        self.enroll_form.prefill(values.get("hq_url"))
        if self._first_load:  # open where there is something to do; later the person's tab stays
            self._first_load = False
            self.tabs.setCurrentIndex(0 if found else 1 if reviews else 2)
        self._show_state()
        self._show_tabs()

    # --- showing ------------------------------------------------------------------------------------------------------
    def _status_changed(self, status: SyncStatus) -> None:
        if status.state is not None and status.state is not self._controller_state:
            self._controller_state = self.state = status.state  # read after the page's own read: newer
        self._show_state()

    def _show_state(self) -> None:
        status: SyncStatus = self.controller.status
        state = self.state
        if state is None:
            return
        enrolled = state.enrolled
        joining = not enrolled or self._must_join_again(status, state)
        self.enroll_form.setVisible(joining and self.ctx.may(Action.SYNC_SETTINGS))
        self.sync_bar.setVisible(enrolled)
        self.sync_now.setEnabled(enrolled and not status.running)
        if enrolled:
            self.hq.setText(
                fill(
                    self.tr("Connected to HQ at %1 — %2, laptop %3"),
                    left_to_right(state.hq_url),
                    state.association_name or "?",
                    left_to_right(state.device_code) or "?",
                )
            )
        else:
            self.hq.setText(self.tr("This laptop is not connected to HQ. Nothing is lost: every change waits here."))
        self.connection.setVisible(enrolled)
        self.connection.setText(self._connection_text(status))
        self.last_success.setVisible(enrolled)
        self.last_success.setText(
            fill(self.tr("Last successful sync: %1"), sync_texts.ago(state.last_success))
            + (f" ({left_to_right(local_text(state.last_success))})" if state.last_success else "")
        )
        error = status.error or state.last_error
        self.last_error.setVisible(bool(error) and enrolled)
        self.last_error.setText(
            fill(
                self.tr("Last problem: %1"),
                sync_texts.error_sentence(error, state.hq_url, self.ctx.data_dir, state.last_error_params),
            )
            if error
            else ""
        )
        self.summary.setText(self.tr("%n change(s) not yet sent to HQ", "", state.pending))

    @staticmethod
    def _must_join_again(status: SyncStatus, state) -> bool:
        """HQ no longer knows this laptop's token (revoked, or HQ restored): a new code from HQ lets it join again."""
        error = status.error
        key = getattr(error, "key", None) if error is not None else state.last_error
        return key in REJOIN_KEYS

    def _connection_text(self, status: SyncStatus) -> str:
        kind = status.kind
        if kind == "syncing":
            return self.tr("Syncing with HQ…")
        if kind == "offline":
            return fill(
                self.tr("HQ cannot be reached now. The app tries again by itself around %1."),
                left_to_right(local_text(status.next_try_at)),
            )
        if kind == "refused":
            return self.tr("HQ refused the last sync (see below).")
        if status.checked_at is not None:
            return fill(self.tr("HQ answered at %1."), left_to_right(local_text(status.checked_at)))
        return self.tr("HQ not contacted yet since the app opened.")

    def _show_tabs(self) -> None:
        counts = (self.conflicts.model.rowCount(), self.reviews.model.rowCount(), self.model.rowCount())
        titles = (self.tr("&Conflicts (%1)"), self.tr("&To review (%1)"), self.tr("Changes not &yet sent (%1)"))
        for index, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(index, fill(title, str(count)))

    def _say(self, text: str) -> None:
        """The outcome of the last sync, shown above the lists (no empty line when there is none)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- syncing ------------------------------------------------------------------------------------------------------
    def _sync_now(self) -> None:
        """Start a sync, or join the one running (background): its progress shows here either way."""
        self._say("")
        if not self.controller.sync_now():
            self._started()

    def _started(self) -> None:
        self.sync_now.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel.setVisible(True)
        self.cancel.setEnabled(True)
        self.progress_text.setText(sync_texts.phase_text("connect", 0, 1))

    def _progressed(self, phase: str, done: int, total: int) -> None:
        if not self.controller.status.running:
            return
        if not self.progress.isVisible():
            self._started()
        if phase == "push" and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.progress_text.setText(sync_texts.phase_text(phase, done, total))

    def _ended(self) -> None:
        self.progress.setVisible(False)
        self.cancel.setVisible(False)
        self.progress_text.clear()
        self._show_state()

    def _finished(self, summary) -> None:
        self._ended()
        if summary.cancelled:
            self._say(self.tr("Sync cancelled. What was sent and received before is kept."))
            return
        text = fill(self.tr("Sync done: %1 change(s) sent, %2 received."), summary.pushed, summary.pulled)
        found = summary.conflicts + summary.reviews + summary.hq_conflicts + summary.hq_reviews
        if found:
            text += " " + self.tr("%n new item(s) to look at below.", "", found)
        self._say(text)

    def _failed(self, error: BaseException) -> None:
        self._ended()
        self._say(sync_texts.error_sentence(error, None, self.ctx.data_dir))
