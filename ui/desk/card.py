"""The desk's widgets: the household card (who, what it gets, already served?, confirm) and the day's counters."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.errors import FieldappError
from fieldapp.i18n import left_to_right
from fieldapp.timefmt import local_text
from ui.desk.void_dialog import VoidButton
from ui.shared.labels import fill, flag_label

if TYPE_CHECKING:  # the desk shows before the services (SQLAlchemy) are loaded: see ui/shell/app.py
    from fieldapp.first_screen import DeskStats
    from fieldapp.services.distributions import DeskPreview

CONFIRM_KEY = "F9"
MAX_QUANTITY = 999
STYLE = """
#deskCard { border: 1px solid palette(mid); border-radius: 6px; }
#deskCard[served="true"] { border: 3px solid #b71c1c; }
#deskHeadName, #deskHeadNameAr { font-size: 20pt; font-weight: bold; }
#deskServedBanner { background: #b71c1c; color: white; font-size: 17pt; font-weight: bold; padding: 10px;
                    border-radius: 4px; }
#deskServedDetails { background: #ffebee; color: #7f0000; font-size: 12pt; padding: 6px; border-radius: 4px; }
#deskMessage { background: #fff3e0; color: #8a3c00; border: 1px solid #ef6c00; padding: 8px; border-radius: 4px;
               font-size: 11pt; }
#deskEntitledHeader { font-weight: bold; }
#deskConfirm { font-size: 13pt; font-weight: bold; padding: 8px 18px; }
"""


def _big(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DeskCard(QFrame):
    """Shows one DeskPreview; `confirm_requested` when the button is pressed, `state_changed` when inputs change.

    A family already served offers to cancel that receipt: `void_button.requested` carries the distribution.
    """

    confirm_requested = Signal()
    state_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskCard")
        self.setStyleSheet(STYLE)
        self.preview: DeskPreview | None = None
        self._message: tuple[str, FieldappError | None] | None = None
        self._busy = False
        self._spins: dict[str, QSpinBox] = {}
        self._setup_ui()
        self.retranslate_ui()
        self.clear()

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("deskCardEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        names = QWidget(self)
        names.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # Latin on the left, Arabic on the right, always
        row = QHBoxLayout(names)
        row.setContentsMargins(0, 0, 0, 0)
        self.name_label = _big(QLabel(names))
        self.name_label.setObjectName("deskHeadName")
        self.name_ar_label = _big(QLabel(names))
        self.name_ar_label.setObjectName("deskHeadNameAr")
        self.name_ar_label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.name_ar_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        row.addWidget(self.name_label, 1)
        row.addWidget(self.name_ar_label, 1)
        self.names = names
        self.details_label = _big(QLabel(self))
        self.details_label.setObjectName("deskHouseholdDetails")
        self.flags_label = _big(QLabel(self))
        self.flags_label.setObjectName("deskFlags")
        self.served_banner = _big(QLabel(self))
        self.served_banner.setObjectName("deskServedBanner")
        self.served_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.served_details = _big(QLabel(self))
        self.served_details.setObjectName("deskServedDetails")
        self.void_button = VoidButton("deskVoidReceipt", self)  # a hand-out recorded by mistake is corrected here
        void_row = QHBoxLayout()
        void_row.addStretch(1)
        void_row.addWidget(self.void_button)
        self.lines_box = QWidget(self)
        self.lines_box.setObjectName("deskLines")
        self.lines_grid = QGridLayout(self.lines_box)
        self.lines_grid.setContentsMargins(0, 6, 0, 6)
        self.lines_grid.setColumnStretch(0, 1)
        self.form = QFormLayout()
        self.override_reason = QLineEdit(self)
        self.override_reason.setObjectName("deskOverrideReason")
        self.collector = QLineEdit(self)
        self.collector.setObjectName("deskCollector")
        self.deviation_reason = QLineEdit(self)
        self.deviation_reason.setObjectName("deskDeviationReason")
        self.override_label, self.collector_label, self.deviation_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.override_label, self.override_reason)
        self.form.addRow(self.collector_label, self.collector)
        self.form.addRow(self.deviation_label, self.deviation_reason)
        self.message = _big(QLabel(self))
        self.message.setObjectName("deskMessage")
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("deskConfirm")
        self.confirm_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        for widget in (self.empty_label, names, self.details_label, self.flags_label, self.served_banner):
            layout.addWidget(widget)
        layout.addWidget(self.served_details)
        layout.addLayout(void_row)
        layout.addWidget(self.lines_box)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.override_reason.textChanged.connect(self._on_input)
        self.deviation_reason.textChanged.connect(self._on_input)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.setTabOrder(self.override_reason, self.collector)

    # --- what is shown --------------------------------------------------------------------------------------------

    def clear(self) -> None:
        """No household: the card says how to find one; every typed field is emptied."""
        self.preview = None
        self._message = None
        for field in (self.override_reason, self.collector, self.deviation_reason):
            field.clear()
        self._rebuild_lines({})
        self._render()

    def show_preview(self, preview: DeskPreview, keep_inputs: bool = False) -> None:
        """A household picked (or the same one reloaded, keeping what was typed when `keep_inputs`)."""
        same = keep_inputs and self.preview is not None and self.preview.household.id == preview.household.id
        kept = {code: spin.value() for code, spin in self._spins.items()} if same else {}
        if not same:
            for field in (self.override_reason, self.collector, self.deviation_reason):
                field.clear()
            self._message = None
        self.preview = preview
        self._rebuild_lines(kept)
        self._render()

    def show_message(self, text: str, error: FieldappError | None = None) -> None:
        """A refusal or a hint in a volunteer's words (translated again with the window when `error` is given)."""
        self._message = (text, error)
        self._render_message()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_confirm()

    # --- what was typed -------------------------------------------------------------------------------------------

    def quantities(self) -> dict[str, int] | None:
        """Only the quantities changed from the entitlement (None when none was): the service checks the reason."""
        if self.preview is None:
            return None
        entitled = {line.code: line.entitled for line in self.preview.lines}
        changed = {code: spin.value() for code, spin in self._spins.items() if spin.value() != entitled.get(code)}
        return changed or None

    def is_served(self) -> bool:
        return self.preview is not None and self.preview.already_served is not None

    def can_confirm(self) -> bool:
        if self.preview is None or self._busy:
            return False
        return not self.is_served() or bool(self.override_reason.text().strip())

    # --- building ---------------------------------------------------------------------------------------------------

    def _rebuild_lines(self, kept: dict[str, int]) -> None:
        while self.lines_grid.count():
            widget = self.lines_grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self._spins = {}
        if self.preview is None:
            return
        self.item_header, self.entitled_header, self.given_header = (QLabel(self.lines_box) for _ in range(3))
        for column, header in enumerate((self.item_header, self.entitled_header, self.given_header)):
            header.setObjectName("deskEntitledHeader")
            self.lines_grid.addWidget(header, 0, column)
        arabic = i18n.current_language() == "ar"
        previous = self.collector
        for row, line in enumerate(self.preview.lines, start=1):
            label = QLabel((line.label_ar if arabic and line.label_ar else line.label), self.lines_box)
            label.setObjectName(f"deskItem_{line.code}")
            entitled = QLabel(str(line.entitled), self.lines_box)
            entitled.setObjectName(f"deskEntitled_{line.code}")
            spin = QSpinBox(self.lines_box)
            spin.setObjectName(f"deskQuantity_{line.code}")
            spin.setRange(0, MAX_QUANTITY)
            spin.setValue(kept.get(line.code, line.entitled))
            spin.setProperty("itemLabel", label.text())
            spin.valueChanged.connect(self._on_input)
            label.setBuddy(spin)
            for column, widget in enumerate((label, entitled, spin)):
                self.lines_grid.addWidget(widget, row, column)
            self._spins[line.code] = spin
            self.setTabOrder(previous, spin)
            previous = spin
        self.setTabOrder(previous, self.deviation_reason)
        self.setTabOrder(self.deviation_reason, self.confirm_button)

    def _render(self) -> None:
        preview = self.preview
        has = preview is not None
        served = preview.already_served if has else None
        self.empty_label.setVisible(not has)
        for widget in (self.names, self.details_label, self.flags_label, self.lines_box, self.confirm_button):
            widget.setVisible(has)
        self.served_banner.setVisible(served is not None)
        self.served_details.setVisible(served is not None)
        self.void_button.show_for(served)
        self.form.setRowVisible(self.override_reason, served is not None)
        self.form.setRowVisible(self.collector, has)
        self.setProperty("served", served is not None)
        self.style().unpolish(self)
        self.style().polish(self)
        if has:
            household = preview.household
            self.name_label.setText(household.shown_name)
            self.name_ar_label.setText(household.head_name_ar or "")
            self.name_ar_label.setVisible(bool(household.head_name_ar))
            self.details_label.setText(self._details(household))
            flags = [flag_label(flag) for flag in household.flags]
            self.flags_label.setText(fill(self.tr("Vulnerability: %1"), ", ".join(flags)) if flags else "")
            self.flags_label.setVisible(bool(flags))
        if served is not None:
            self.served_banner.setText(self.tr("ALREADY SERVED"))
            text = self.tr("On %1 by %2 — receipt %3")
            for number, value in enumerate((local_text(served.served_at), served.handed_out_by or "?", served.receipt)):
                text = text.replace(f"%{number + 1}", value)
            if served.collector_name:
                text += "\n" + fill(self.tr("Collected by: %1"), served.collector_name)
            self.served_details.setText(text)
            self.served_banner.setAccessibleName(self.served_banner.text() + " — " + text)
        self._retitle_lines()
        self._render_message()
        self._on_input()

    def _details(self, household) -> str:
        from fieldapp.services.receipts import mask_cin  # a preview came from the services: they are loaded

        parts = []
        cin = left_to_right(mask_cin(household.cin))  # AB****56 stays in that order inside Arabic
        parts.append(fill(self.tr("CIN %1"), cin) if cin else self.tr("no CIN"))
        parts.append(self.tr("%n person(s)", "", household.size))
        arabic = i18n.current_language() == "ar"
        place = household.commune_ar if arabic and household.commune_ar else household.commune
        parts.append(", ".join(filter(None, (place, household.douar))))
        return " · ".join(parts)

    def _retitle_lines(self) -> None:
        if self.preview is None:
            return
        self.item_header.setText(self.tr("Item"))
        self.entitled_header.setText(self.tr("Entitled"))
        self.given_header.setText(self.tr("Given"))
        for spin in self._spins.values():
            spin.setAccessibleName(fill(self.tr("Quantity given: %1"), spin.property("itemLabel")))

    def _render_message(self) -> None:
        if self._message is None:
            self.message.hide()
            return
        text, error = self._message
        self.message.setText(error.message() if error is not None else text)
        self.message.setAccessibleName(self.message.text())
        self.message.show()

    def _on_input(self, *_args) -> None:
        differs = self.quantities() is not None
        self.form.setRowVisible(self.deviation_reason, differs or bool(self.deviation_reason.text()))
        self._update_confirm()
        self.state_changed.emit()

    def _update_confirm(self) -> None:
        self.confirm_button.setEnabled(self.can_confirm())
        self.void_button.setEnabled(not self._busy and self.void_button.allowed)
        self.lines_box.setEnabled(not self.is_served() or bool(self.override_reason.text().strip()))
        if self.is_served():
            self.confirm_button.setText(fill(self.tr("Serve again (%1)"), CONFIRM_KEY))
        else:
            self.confirm_button.setText(fill(self.tr("Confirm hand-out (%1)"), CONFIRM_KEY))
        self.confirm_button.setAccessibleName(self.confirm_button.text())

    def retranslate_ui(self) -> None:
        self.empty_label.setText(
            self.tr("Find a family: type a name, CIN or phone, or scan the code on its card, sheet or receipt.")
        )
        self.override_label.setText(self.tr("Coordinator's reason to serve again"))
        self.override_reason.setAccessibleName(self.override_label.text())
        self.override_reason.setPlaceholderText(self.tr("Required to serve this family a second time"))
        self.collector_label.setText(self.tr("Collected by (if not the head)"))
        self.collector.setAccessibleName(self.tr("Collected by"))
        self.collector.setPlaceholderText(self.tr("Name of the person collecting for the family"))
        self.deviation_label.setText(self.tr("Reason for other quantities"))
        self.deviation_reason.setAccessibleName(self.deviation_label.text())
        self.lines_box.setAccessibleName(self.tr("Entitlement"))
        if self.preview is not None:  # item labels follow the language (Arabic labels in Arabic)
            self._rebuild_lines({code: spin.value() for code, spin in self._spins.items()})
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeskCounters(QWidget):
    """Families served today at the event (and in all), and what is left of each item that has a stock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: DeskStats | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        self.served_label = QLabel(self)
        self.served_label.setObjectName("deskServedToday")
        self.served_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.served_label.setWordWrap(True)
        self.stock_label = QLabel(self)
        self.stock_label.setObjectName("deskStockLeft")
        self.stock_label.setTextFormat(Qt.TextFormat.RichText)
        self.stock_label.setWordWrap(True)
        column.addWidget(self.served_label)
        column.addWidget(self.stock_label)
        self.show_stats(None)

    def show_stats(self, stats: DeskStats | None) -> None:
        self.stats = stats
        self.served_label.setVisible(stats is not None)
        self.stock_label.setVisible(bool(stats and stats.items))
        if stats is None:
            return
        served = self.tr("Served today: %n family(ies)", "", stats.served_today)
        self.served_label.setText(served + " " + self.tr("(%n at this event)", "", stats.served_total))
        self.served_label.setAccessibleName(self.served_label.text())
        arabic = i18n.current_language() == "ar"
        parts = []
        for item in stats.items:
            label = item.label_ar if arabic and item.label_ar else item.label
            colour = "#b71c1c" if item.left <= 0 else "#1b5e20" if item.left > item.stock // 10 else "#e65100"
            parts.append(f"{html.escape(label)}: <b style='color:{colour}'>{item.left}</b> / {item.stock}")
        self.stock_label.setText(html.escape(self.tr("Left:")) + "<br>" + "<br>".join(parts))
        self.stock_label.setAccessibleName(self.stock_label.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.show_stats(self.stats)
        super().changeEvent(event)
