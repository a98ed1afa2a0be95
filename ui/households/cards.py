"""The household page's "Cards…" button: cards for the selected families or for every one not yet carded, as a PDF."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QPushButton, QWidget

from fieldapp.i18n import left_to_right
from fieldapp.services import cards
from ui.shared.labels import fill
from ui.shared.long_task import LongTask, suggested_pdf
from ui.shell.context import AppContext
from ui.shell.operations import run_operation


class CardPrinting(QObject):
    """Owns the button and its menu; asks where to save, writes the PDF in the background, then records who got a card
    (only once the file is in place: a cancelled PDF carded nobody)."""

    printed = Signal(str, int)  # the PDF's path, how many cards

    def __init__(
        self,
        ctx: AppContext,
        page: QWidget,
        selected_ids: Callable[[], list[str]],
        show_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(page)
        self.ctx, self.page, self.selected_ids, self.show_error = ctx, page, selected_ids, show_error
        self.task: LongTask | None = None
        self.not_carded: int | None = None  # counted in the background when the page is shown and after printing
        self.button = QPushButton(page)
        self.button.setObjectName("householdCards")
        self.menu = QMenu(self.button)
        self.menu.setObjectName("householdCardsMenu")
        self.for_selected = self.menu.addAction("")
        self.for_selected.setObjectName("householdCardsSelected")
        self.for_not_carded = self.menu.addAction("")
        self.for_not_carded.setObjectName("householdCardsNotCarded")
        self.button.setMenu(self.menu)
        self.status = QLabel(page)
        self.status.setObjectName("householdCardsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.menu.aboutToShow.connect(self._update_actions)
        self.for_selected.triggered.connect(lambda: self.choose_file(self.selected_ids()))
        self.for_not_carded.triggered.connect(lambda: self.choose_file(None))
        page.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("Cards…"))
        self.button.setAccessibleName(self.tr("Household cards"))
        self.button.setToolTip(self.tr("Print household cards with a QR code the desk scans (10 per A4 page)"))
        self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is self.page and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def _update_actions(self) -> None:
        count = len(self.selected_ids())
        self.for_selected.setText(self.tr("Cards for the %n selected household(s)", "", count))
        self.for_selected.setEnabled(count > 0)
        if self.not_carded is None:
            self.for_not_carded.setText(self.tr("Cards for every household not yet carded"))
        else:
            self.for_not_carded.setText(self.tr("Cards for the %n household(s) not yet carded", "", self.not_carded))
        self.for_not_carded.setEnabled(self.not_carded != 0)

    def refresh_count(self) -> None:
        """Count the households not carded yet, in the background (the menu says how many)."""
        db = self.ctx.db
        self.ctx.tasks.run(lambda: cards.not_carded_count(db), on_done=self._on_count)

    def _on_count(self, count: int) -> None:
        self.not_carded = count
        self._update_actions()

    def choose_file(self, household_ids: list[str] | None) -> None:
        """`household_ids` None: every household not carded yet."""
        if household_ids == []:
            return
        suggested = suggested_pdf(self.tr("household-cards"), dt.date.today().isoformat())
        title = self.tr("Household cards")
        path, _ = QFileDialog.getSaveFileName(self.page, title, suggested, self.tr("PDF (*.pdf)"))
        if path and Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        if path:
            self.print_cards(path, household_ids)

    def print_cards(self, path: str, household_ids: list[str] | None) -> LongTask:
        """Write the cards at `path` in the background (Cancel leaves no file and cards nobody)."""
        if self.task is not None and not self.task.running:
            self.task.deleteLater()  # the window of the previous cards
        self.task = LongTask(self.page, self.ctx.tasks, self.tr("Household cards"), self.tr("Writing the cards…"))
        self.status.clear()
        db, refs, not_carded = self.ctx.db, household_ids or [], household_ids is None
        self.task.write_file(
            path,
            lambda temp, progress: cards.render_cards_file(db, temp, refs, not_carded, report=progress.report),
            on_done=lambda summary: self._record(path, summary),
            on_error=self.show_error,
        )
        return self.task

    def _record(self, path: str, summary: cards.CardsSummary) -> None:
        db, ids = self.ctx.db, summary.household_ids
        run_operation(
            self.ctx,
            lambda: cards.record_cards(db, ids),
            on_done=lambda _: self._printed(path, summary.count),
            on_error=self.show_error,
        )

    def _printed(self, path: str, count: int) -> None:
        text = fill(self.tr("%n card(s) written to %1.", "", count), left_to_right(path))  # /tmp/… not tmp/…/
        open_text = self.tr("Open")  # on its own line: lupdate does not look inside f-strings
        link = f'<a href="{html.escape(Path(path).resolve().as_uri())}">{html.escape(open_text)}</a>'
        self.status.setText(f"{html.escape(text)} {link}")
        self.refresh_count()
        self.printed.emit(path, count)
