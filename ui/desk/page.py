"""The distribution desk: pick the event, find a family by typing or scanning, confirm with F9, print the receipt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.errors import FieldappError, Refused
from fieldapp.first_screen import default_event
from fieldapp.i18n import left_to_right
from fieldapp.permissions import Action
from ui.desk import receipt_printing, void_dialog
from ui.desk.card import CONFIRM_KEY, DeskCard, DeskCounters
from ui.desk.card import STYLE as CARD_STYLE
from ui.shell.context import error_text
from ui.shell.operations import run_operation
from ui.shell.page import Page

if TYPE_CHECKING:
    from fieldapp.first_screen import EventRow
    from fieldapp.services.distributions import DeskPreview
    from fieldapp.views import DistributionView, HouseholdView
    from ui.desk.reprint import ReprintDialog

# The services (SQLAlchemy) are imported inside the functions that run on the database worker: the desk is the first
# page, shown before they are loaded (ui/shell/app.py loads them on the worker once the window is usable).

SEARCH_DELAY_MS = 250
STYLE = """
#deskInput { font-size: 16pt; padding: 6px; }
"""


def scanned_code(text: str) -> str | None:
    """A receipt (FAR1:…), sign-off sheet row (FAS1:…) or household card (FAC1:…) code as typed by a scanner,
    upper-cased; else None."""
    from fieldapp import signing  # not at start-up (hashlib, uuid): the desk is the first page shown

    text = (text or "").strip().upper()
    prefixes = (signing.RECEIPT_PREFIX, signing.ROW_PREFIX, signing.CARD_PREFIX)
    return text if text.startswith(tuple(f"{prefix}:" for prefix in prefixes)) else None


def _lookup():
    """fieldapp.services.desk_lookup, imported by the database worker on first use (it loads the services)."""
    from fieldapp.services import desk_lookup

    return desk_lookup


class EmptyCard(QFrame):
    """The family card before it is first needed: DeskCard's frame and hint, without its widgets (built later)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskCard")
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("deskCardEmpty")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # DeskCard's own string, so its translation is the card's.
        hint = "Find a family: type a name, CIN or phone, or scan the code on its card, sheet or receipt."
        self.hint.setText(QCoreApplication.translate("DeskCard", hint))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeskPage(Page):
    watches = frozenset({"events", "distributions", "households"})
    #: the path of each receipt PDF written (printed, or opened in the viewer): tests and the status bar listen
    receipt_ready = Signal(str)

    def setup_ui(self) -> None:
        self.setStyleSheet(STYLE)
        self._event_id: str | None = None
        self._search_seq = self._preview_seq = 0
        self._results_for: str | None = None
        self._typed_at_confirm = ""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.event_label = QLabel(self)
        self.event_combo = QComboBox(self)
        self.event_combo.setObjectName("deskEvent")
        self.event_combo.setMinimumContentsLength(30)
        self.event_label.setBuddy(self.event_combo)
        self.counters = DeskCounters(self)
        self.reprint_button = QPushButton(self)
        self.reprint_button.setObjectName("deskReprintOpen")
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.clicked.connect(self.open_reprint)
        self._reprint: ReprintDialog | None = None  # made on first use
        top.addWidget(self.event_label)
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.reprint_button)
        layout.addLayout(top)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.input = QLineEdit(self)
        self.input.setObjectName("deskInput")
        self.input.setClearButtonEnabled(True)
        self.clear_button = self.input.findChild(QToolButton)
        if self.clear_button is not None:  # Qt's own, shown once something is typed: it needs a name too
            self.clear_button.setObjectName("deskInputClear")
        self.results = QListWidget(self)
        self.results.setObjectName("deskResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        left.addWidget(self.input)
        left.addWidget(self.results, 1)
        left.addWidget(self.counters)
        right = QVBoxLayout()
        self.last_receipt = receipt_printing.ReceiptBanner(self)
        self.void_last = void_dialog.VoidButton("deskVoidLastReceipt", self)
        self.card_scroll = scroll = QScrollArea(self)
        scroll.setObjectName("deskCardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The family card is built when it first has something to show (a quicker start); until then, the empty card.
        self._card: DeskCard | None = None
        scroll.setWidget(EmptyCard(scroll))
        right.addWidget(self.last_receipt)
        right.addWidget(self.void_last, 0, Qt.AlignmentFlag.AlignTrailing)
        right.addWidget(scroll, 1)
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.input)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(lambda: self._search(self.input.text(), pick=False))
        self.input.textChanged.connect(self._on_typed)
        self.input.returnPressed.connect(self._on_enter)
        self.input.installEventFilter(self)
        self.results.itemActivated.connect(lambda item: self._pick(item.data(Qt.ItemDataRole.UserRole)))
        self.event_combo.activated.connect(self._on_event_chosen)
        self.void_last.requested.connect(self._ask_void)
        self.printer = receipt_printing.ReceiptPrinter(self.ctx, self)
        self.printer.ready.connect(self.receipt_ready)
        self.printer.note.connect(self.last_receipt.set_note)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(CONFIRM_KEY), self, self.confirm, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reset, context=context)

    def retranslate_ui(self) -> None:
        self.event_label.setText(self.tr("&Event:"))
        self.event_combo.setAccessibleName(self.tr("Event of the day"))
        self.reprint_button.setText(self.tr("Re&print a receipt…"))
        self.reprint_button.setAccessibleName(self.tr("Reprint a receipt"))
        self.input.setPlaceholderText(self.tr("Name, CIN, phone, receipt number — or scan a code"))
        self.input.setAccessibleName(self.tr("Find a family"))
        self.results.setAccessibleName(self.tr("Families found"))
        if self.clear_button is not None:
            self.clear_button.setAccessibleName(self.tr("Clear"))
        if self._results_for:
            self._search(self._results_for, pick=False)
        if self._card is not None:
            self._card.setAccessibleName(self.tr("Family"))

    @property
    def card(self) -> DeskCard:
        """The family card, built the first time it is needed (it then replaces the empty one)."""
        if self._card is None:
            self._card = DeskCard(self.card_scroll)
            self._card.setAccessibleName(self.tr("Family"))
            self._card.confirm_requested.connect(self.confirm)
            self._card.void_button.requested.connect(self._ask_void)
            self._card.void_button.set_allowed(self.ctx.may(Action.VOID))
            self.card_scroll.setWidget(self._card)  # the empty card is deleted
        return self._card

    def apply_role(self) -> None:
        for button in (self.void_last, *([self._card.void_button] if self._card is not None else [])):
            button.set_allowed(self.ctx.may(Action.VOID))

    @property
    def shown_preview(self) -> DeskPreview | None:
        """The family on the card, if any (without building the card)."""
        return None if self._card is None else self._card.preview

    # --- loading ----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.read(self.ctx.reads.desk_events, on_done=self._on_events, on_error=self._problem)

    def on_changed(self, kinds: frozenset[str]) -> None:
        if "events" in kinds:
            self.refresh()
            return
        self._load_stats()
        if self.shown_preview is not None and not self.card.busy:
            self._pick(self.shown_preview.household.id, keep_inputs=True)

    def _on_events(self, answer: tuple[list[EventRow], dict]) -> None:
        loaded, values = answer
        ids = [e.id for e in loaded]
        chosen = self._event_id if self._event_id in ids else None
        if chosen is None:
            chosen = default_event(loaded, dt.date.today(), values.get("desk_event"), values.get("desk_event_on"))
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in loaded:
            dates = str(event.starts_on) + ("" if event.ends_on == event.starts_on else f" → {event.ends_on}")
            text = " · ".join(filter(None, (event.name, dates, event.site)))
            self.event_combo.addItem(text, event.id)
        self.event_combo.setCurrentIndex(ids.index(chosen) if chosen else -1)
        self.event_combo.blockSignals(False)
        if not loaded:
            self.card.show_message(self.tr("There is no event yet: create today's event on the Events page."))
        self._set_event(chosen)

    def _on_event_chosen(self, index: int) -> None:
        event_id, today = self.event_combo.itemData(index), dt.date.today()

        def remember():
            from fieldapp.services import setup

            return setup.remember_desk_event(self.ctx.db, event_id, today)

        run_operation(self.ctx, remember, on_error=self._problem)
        self._set_event(event_id)
        self.input.setFocus()

    def _set_event(self, event_id: str | None) -> None:
        changed = event_id != self._event_id
        self._event_id = event_id
        self.reprint_button.setEnabled(event_id is not None)
        if changed and self.shown_preview is not None and event_id:
            self._pick(self.shown_preview.household.id, keep_inputs=True)
        self._load_stats()

    def _load_stats(self) -> None:
        if self._event_id is None:
            self.counters.show_stats(None)
            return
        self.ctx.read(
            self.ctx.reads.desk_stats,
            self._event_id,
            on_done=lambda stats: self.counters.show_stats(stats) if stats.event_id == self._event_id else None,
            on_error=self._problem,
        )

    # --- finding a family -------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
            key = Qt.Key(event.key())
            if key in step and self.results.count():
                row = min(max(self.results.currentRow() + step[key], 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _on_typed(self, text: str) -> None:
        self._results_for = None
        if not text.strip() or scanned_code(text):
            self.timer.stop()
            self._search_seq += 1
            self.results.clear()
            return
        self.timer.start()

    def _on_enter(self) -> None:
        text = self.input.text().strip()
        self.timer.stop()
        if not text:
            return
        self.input.selectAll()  # still shown, and the next scan or name replaces it instead of adding to it
        if self._event_id is None:
            self.card.show_message(self.tr("Choose the event first."))
            return
        code = scanned_code(text)
        if code:
            self._search_seq += 1
            seq, event_id = self._search_seq, self._event_id
            self.ctx.tasks.run(
                lambda: _lookup().find_by_code(self.ctx.db, event_id, code),
                on_done=lambda preview: self._on_found(seq, text, [preview.household], preview),
                on_error=lambda error: self._not_found(seq, error),
            )
        elif self._results_for == text and self.results.count():
            row = max(self.results.currentRow(), 0)
            self._pick(self.results.item(row).data(Qt.ItemDataRole.UserRole))
        else:
            self._search(text, pick=True)

    def _search(self, text: str, pick: bool) -> None:
        text = text.strip()
        if not text:
            return
        self._search_seq += 1
        seq, event_id = self._search_seq, self._event_id
        self.ctx.tasks.run(
            lambda: _lookup().find_by_text(self.ctx.db, event_id, text, pick),
            on_done=lambda found: self._on_found(seq, text, *found),
            on_error=lambda error: self._not_found(seq, error),
        )

    def _on_found(self, seq: int, text: str, found: list[HouseholdView], preview: DeskPreview | None) -> None:
        if seq != self._search_seq:
            return  # the person typed on since
        self._results_for = text
        self.results.clear()
        # Two lines, the first may be Arabic (Naskh is taller than Latin): Qt's own estimate would cut the second.
        height = round(self.results.fontMetrics().lineSpacing() * 3.2)
        for household in found:
            item = QListWidgetItem(self._result_text(household), self.results)
            item.setData(Qt.ItemDataRole.UserRole, household.id)
            item.setSizeHint(QSize(0, height))
        if found:
            self.results.setCurrentRow(0)
        if preview is not None:
            self._preview_seq += 1
            self._show_preview(preview)

    def _not_found(self, seq: int, error: BaseException) -> None:
        if seq != self._search_seq:
            return
        self.results.clear()
        if self._card is not None:
            self._card.clear()
        self._problem(error)

    def _result_text(self, household: HouseholdView) -> str:
        from fieldapp.services import receipts  # loaded by the worker that found the household (not imported here)

        cin = left_to_right(receipts.mask_cin(household.cin))
        names = " — ".join(filter(None, (household.head_name, household.head_name_ar)))
        place = household.commune_ar if i18n.current_language() == "ar" and household.commune_ar else household.commune
        details = (cin, self.tr("%n person(s)", "", household.size), place, household.douar)
        return names + "\n" + " · ".join(filter(None, details))

    def _pick(self, household_id: str, keep_inputs: bool = True) -> None:
        if self._event_id is None:
            return
        self._preview_seq += 1
        seq, event_id, db = self._preview_seq, self._event_id, self.ctx.db

        def preview() -> DeskPreview:
            # receipts and the models: the card masks the CIN and names the flags (imported here, not by the UI thread)
            from fieldapp.services import distributions, receipts  # noqa: F401

            return distributions.preview(db, event_id, household_id)

        self.ctx.tasks.run(
            preview,
            on_done=lambda preview: self._show_preview(preview, keep_inputs) if seq == self._preview_seq else None,
            on_error=self._problem,
        )

    def _show_preview(self, preview: DeskPreview, keep_inputs: bool = True) -> None:
        if preview.event.id == self._event_id:
            self.card.show_preview(preview, keep_inputs)

    def reset(self) -> None:
        """Esc: forget the family on the card and what was typed; back to the input for the next one."""
        self.timer.stop()
        self._search_seq += 1
        self._preview_seq += 1
        self.input.clear()
        self.results.clear()
        if self._card is not None:
            self._card.clear()
        self.input.setFocus()

    # --- handing out ------------------------------------------------------------------------------------------------

    def confirm(self) -> None:
        """F9: record the distribution shown on the card (refusals are shown on the card, nothing typed is lost)."""
        if self.shown_preview is None or self.card.busy:
            return
        card = self.card
        if not card.can_confirm():
            card.show_message(self.tr("Already served. To serve this family again, a coordinator types the reason."))
            card.override_reason.setFocus()
            return
        preview, db = card.preview, self.ctx.db
        values = {
            "collector": card.collector.text(),
            "override_reason": card.override_reason.text() if card.is_served() else None,
            "quantities": card.quantities(),
            "deviation_reason": card.deviation_reason.text(),
        }
        card.set_busy(True)
        self._typed_at_confirm = self.input.text()

        def record():
            from fieldapp.services import distributions

            return distributions.record_distribution(db, preview.event.id, preview.household.id, **values)

        run_operation(self.ctx, record, on_done=self._on_recorded, on_error=self._on_refused)

    def _on_recorded(self, outcome) -> None:
        served = outcome.value
        self.card.set_busy(False)
        self.last_receipt.show_receipt(served.receipt, served.household_name)
        self.void_last.show_for(served)
        if self.input.text() == self._typed_at_confirm:
            self.reset()
        else:  # the next family is already being typed: keep it
            self.card.clear()
            self.input.setFocus()
        self.printer.print_receipt(served.receipt)

    def _on_refused(self, error: BaseException) -> None:
        self.card.set_busy(False)
        self._problem(error)
        if isinstance(error, Refused) and error.key == "error.already_served" and self.card.preview is not None:
            self._pick(self.card.preview.household.id, keep_inputs=True)

    # --- reprinting a receipt (ui/desk/reprint.py) ----------------------------------------------------------------

    def open_reprint(self) -> ReprintDialog | None:
        """The event's last hand-outs, to print one again as a copy marked DUPLICATA."""
        if self._event_id is None:
            return None
        if self._reprint is None:
            from ui.desk.reprint import ReprintDialog

            self._reprint = ReprintDialog(self.ctx, self)
        self._reprint.show_for(self._event_id)
        return self._reprint

    # --- cancelling a receipt (the dialog and the service call: ui/desk/void_dialog.py) -------------------------------

    def _ask_void(self, served: DistributionView) -> None:
        void_dialog.VoidDialog.ask(self.ctx, served, self).voided.connect(self._on_voided)

    def _on_voided(self, served: DistributionView) -> None:
        """The card and counters reload on the change; the card says which receipt was cancelled."""
        if self.last_receipt.receipt == served.receipt:
            self.last_receipt.receipt = None  # else a language change would show it again as served
            self.last_receipt.hide()
            self.void_last.show_for(None)
        self.card.show_message(void_dialog.cancelled_text(served.receipt))

    def _problem(self, error: BaseException) -> None:
        """A refusal or a missing record, on the card in plain words; a bug gets its log path, never a traceback."""
        if isinstance(error, FieldappError):
            self.card.show_message(error.message(), error)
        else:
            self.card.show_message(error_text(error, self.ctx.data_dir))

    # --- focus ------------------------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        focus = QApplication.focusWidget()
        stack = self.parentWidget()
        if focus is None or focus is self or (stack is not None and stack.isAncestorOf(focus)):
            self.input.setFocus()
