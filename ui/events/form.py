"""The event form (name, dates, site, commune, items with their rules) and the event chooser other pages share."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.views import EventView
from ui.shared.item_editor import ItemsEditor, item_dict
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class EventChooser(QComboBox):
    """Events newest first; keeps its choice across reloads, else picks the event running today, else the newest."""

    def __init__(self, parent: QWidget, object_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_events(self, events: list[EventView]) -> bool:
        """Fill the list; True when the chosen event changed (the page then reloads what it shows for it)."""
        before = self.event_id()
        today = dt.date.today()
        running = next((e.id for e in events if e.starts_on <= today <= e.ends_on), None)
        wanted = before if any(e.id == before for e in events) else running or (events[0].id if events else None)
        self.blockSignals(True)
        self.clear()
        for event in events:
            self.addItem(f"{event.name} · {event.starts_on.isoformat()}", event.id)
            self.setItemData(self.count() - 1, event.name, NAME_ROLE)
        self.setCurrentIndex(max(self.findData(wanted), 0) if events else -1)
        self.blockSignals(False)
        return self.event_id() != before

    def event_id(self) -> str | None:
        return self.currentData()

    def event_name(self) -> str:
        return self.currentData(NAME_ROLE) or ""

    def choose(self, event_id: str) -> None:
        self.setCurrentIndex(self.findData(event_id))


class EventForm(QWidget):
    """Create or edit an event: `submitted` carries what was typed; the page saves it, or calls show_error()."""

    submitted = Signal(dict)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventForm")
        self.event_id: str | None = None
        self._event_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)  # the fields scroll on a small screen; the message and the buttons stay in view
        scroll.setObjectName("eventFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        fields = QWidget(scroll)
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("eventFormHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.name = self._line("eventName")
        self.starts, self.ends = self._date("eventStarts"), self._date("eventEnds")
        self.site, self.commune = self._line("eventSite"), self._line("eventCommune")
        dates = QHBoxLayout()
        self.ends_label = QLabel(self)
        self.ends_label.setBuddy(self.ends)
        for widget in (self.starts, self.ends_label, self.ends):
            dates.addWidget(widget)
        dates.addStretch(1)
        form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(4)]
        self.fields = (self.name, self.starts, self.site, self.commune)
        for label, row, field in zip(
            self.labels, (self.name, dates, self.site, self.commune), self.fields, strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, row)
        self.items = ItemsEditor(fields)
        self.error = QLabel(self)
        self.error.setObjectName("eventFormError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("eventSave")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("eventCancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.items, 1)
        scroll.setWidget(fields)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        for line in (self.name, self.site, self.commune):
            line.returnPressed.connect(self.submit)
        self.retranslate_ui()
        self.load(None)

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        return line

    def _date(self, name: str) -> QDateEdit:
        date = QDateEdit(self)
        date.setObjectName(name)
        date.setCalendarPopup(True)
        # Left to right before the format: in a right-to-left window Qt would show 2026-09-12 as 12-09-2026.
        date.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        date.setDisplayFormat("yyyy-MM-dd")
        return date

    def retranslate_ui(self) -> None:
        texts = (self.tr("&Name"), self.tr("&Starts on"), self.tr("Si&te"), self.tr("Comm&une"))
        for label, text, field in zip(self.labels, texts, self.fields, strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.ends_label.setText(self.tr("&Ends on"))
        self.ends.setAccessibleName(self.tr("Ends on"))
        self.commune.setPlaceholderText(self.tr("Name or HCP code (empty: every household is expected)"))
        for button, text in ((self.save_button, self.tr("Sa&ve event")), (self.cancel_button, self.tr("Cancel"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self._show_heading()

    def load(self, event: EventView | None) -> None:
        """Show an event to edit, or an empty form (with one blank item) for a new one."""
        self.event_id = event.id if event else None
        self._event_name = event.name if event else ""
        today = QDate.currentDate()
        self.name.setText(event.name if event else "")
        self.starts.setDate(QDate(event.starts_on) if event else today)
        self.ends.setDate(QDate(event.ends_on) if event else today)
        self.site.setText((event.site or "") if event else "")
        self.commune.setText((event.commune_code or "") if event else "")
        self.commune.setEnabled(event is None)  # who is expected depends on it: chosen once, when the event is made
        self.items.set_items([item_dict(i) for i in event.items] if event else [item_dict()])
        self.error.clear()
        self._show_heading()

    def values(self) -> dict:
        """What was typed, checked as far as the form can (the services check the rest); raises ValueError."""
        return {
            "event_id": self.event_id,
            "name": self.name.text(),
            "starts_on": self.starts.date().toPython(),
            "ends_on": self.ends.date().toPython(),
            "site": self.site.text(),
            "commune": self.commune.text().strip() or None,
            "items": self.items.specs(),
        }

    def submit(self) -> None:
        try:
            values = self.values()
        except (ValueError, FieldappError) as error:
            self.show_error(error)
            return
        self.error.clear()
        self.submitted.emit(values)

    def show_error(self, error: BaseException) -> None:
        """A refusal shown in the form; everything typed stays where it is."""
        self.error.setText(error.message() if isinstance(error, FieldappError) else str(error))

    def _show_heading(self) -> None:
        if self.event_id:
            self.heading.setText(fill(self.tr("Edit “%1”"), self._event_name))
        else:
            self.heading.setText(self.tr("New event"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
