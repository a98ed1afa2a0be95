"""What sync found for a person to settle: conflicting edits (keep the current value or take the other one) and review
items (settled with a note). Each panel is a table, a sentence about the selected row, and its buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.permissions import Action
from fieldapp.services import conflicts
from ui.shared.table_model import RowsModel
from ui.shared.table_view import rows_table, select_row
from ui.shell.context import AppContext
from ui.shell.operations import run_operation
from ui.sync import texts as sync_texts
from ui.sync.models import ConflictsModel, ReviewsModel


class _FindingsPanel(QWidget):
    """A table whose selected row is described below it and acted on by the panel's buttons."""

    settled = Signal(object)  # the service's Outcome

    def __init__(self, ctx: AppContext, model: RowsModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.model.setParent(self)
        self.table = rows_table(self, name, model)
        self.detail = QLabel(self)
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.actions = QHBoxLayout()
        layout.addLayout(self.actions)
        layout.addWidget(self.message)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._after_reset)

    def selected(self):
        index = self.table.currentIndex()
        return self.model.data(index, RowsModel.RowRole) if index.isValid() else None

    def set_rows(self, rows: list) -> None:
        """New rows, keeping the selection on the same item when it is still there."""
        previous = self.selected()
        self.model.set_rows(rows)
        keys = [row.key for row in rows]
        if rows:
            select_row(self.table, keys.index(previous.key) if previous and previous.key in keys else 0)
        self._selection_changed()

    def _after_reset(self) -> None:
        self._selection_changed()

    def _selection_changed(self) -> None:
        row = self.selected()
        self.detail.setText(self.model.describe(row) if row is not None else self.empty_text())
        self.enable(row is not None and not self.busy and self.ctx.may(Action.SETTLE))

    def enable(self, on: bool) -> None:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def run(self, work: Callable[[], object]) -> None:
        """Settle on the database worker; the page refreshes from the change it publishes."""
        self.busy = True
        self.enable(False)
        self.message.clear()
        run_operation(self.ctx, work, on_done=self._done, on_error=self._failed)

    def _done(self, outcome) -> None:
        self.busy = False
        self.message.setText(self.done_text())
        self.settled.emit(outcome)
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._selection_changed()
        if isinstance(error, FieldappError):
            self.message.setText(error.message())
        else:
            self.message.setText(sync_texts.error_sentence(error, data_dir=self.ctx.data_dir))

    def done_text(self) -> str:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self._selection_changed()


class ConflictsPanel(_FindingsPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ConflictsModel(), "syncConflicts", parent)
        self.keep = QPushButton(self)
        self.keep.setObjectName("syncConflictKeep")
        self.take = QPushButton(self)
        self.take.setObjectName("syncConflictTake")
        self.actions.addWidget(self.keep)
        self.actions.addWidget(self.take)
        self.actions.addStretch(1)
        self.keep.clicked.connect(lambda: self.settle(conflicts.KEEP_CURRENT))
        self.take.clicked.connect(lambda: self.settle(conflicts.TAKE_OTHER))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.keep.setText(self.tr("&Keep the current value"))
        self.keep.setAccessibleName(self.tr("Keep the current value"))
        self.take.setText(self.tr("&Take the other value"))
        self.take.setAccessibleName(self.tr("Take the other value"))
        super().retranslate_ui()

    def enable(self, on: bool) -> None:
        self.keep.setEnabled(on)
        self.take.setEnabled(on)

    def empty_text(self) -> str:
        return self.tr("No conflict: every field has one value on every laptop.")

    def done_text(self) -> str:
        return self.tr("Settled. The choice is sent to HQ with the next sync.")

    def settle(self, choice: str) -> None:
        row = self.selected()
        if row is None or self.busy:
            return
        db = self.ctx.db
        self.run(lambda: conflicts.settle_conflict(db, row.key, choice))


class ReviewsPanel(_FindingsPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ReviewsModel(), "syncReviews", parent)
        self.note_label = QLabel(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("syncReviewNote")
        self.note_label.setBuddy(self.note)
        self.settle_button = QPushButton(self)
        self.settle_button.setObjectName("syncReviewSettle")
        self.actions.addWidget(self.note_label)
        self.actions.addWidget(self.note, 1)
        self.actions.addWidget(self.settle_button)
        self.settle_button.clicked.connect(self.settle)
        self.note.returnPressed.connect(self.settle)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(self.tr("Items to review"))
        self.note_label.setText(self.tr("&Note"))
        self.note.setAccessibleName(self.tr("What was decided"))
        self.note.setPlaceholderText(self.tr("What was decided (e.g. second receipt voided, family informed)"))
        self.settle_button.setText(self.tr("&Settle with this note"))
        self.settle_button.setAccessibleName(self.tr("Settle with this note"))
        super().retranslate_ui()

    def enable(self, on: bool) -> None:
        self.settle_button.setEnabled(on)
        self.note.setEnabled(on)

    def empty_text(self) -> str:
        return self.tr("Nothing to review.")

    def done_text(self) -> str:
        return self.tr("Settled with your note.")

    def settle(self) -> None:
        row = self.selected()
        if row is None or self.busy:
            return
        note = self.note.text().strip()
        if not note:
            self.message.setText(self.tr("Write what was decided first."))
            self.note.setFocus()
            return
        db = self.ctx.db
        self.run(lambda: conflicts.settle_review(db, row.key, note))

    def _done(self, outcome) -> None:
        self.note.clear()
        super()._done(outcome)
