"""The household form's consent choice (law 09-08): given, or not yet; neither chosen for a new family."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from ui.shared.styles import ERROR_STYLE


class ConsentChoice(QGroupBox):
    """`value()` is True (the head of household agreed), False (not yet: to be collected) or None (no choice made:
    a new family cannot be saved so); `show_error` says beside the buttons what is missing."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdConsent")
        self.given = QRadioButton(self)
        self.given.setObjectName("householdConsentGiven")
        self.pending = QRadioButton(self)
        self.pending.setObjectName("householdConsentPending")
        self.group = QButtonGroup(self)
        for button in (self.given, self.pending):
            self.group.addButton(button)
        self.error = QLabel(self)
        self.error.setObjectName("householdConsentError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        for widget in (self.given, self.pending, self.error):
            layout.addWidget(widget)
        self.setFocusProxy(self.given)  # a refusal about the choice puts the focus on its first button
        self.group.buttonToggled.connect(lambda _button, on: on and self._chosen())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Consent (law 09-08)"))
        self.given.setText(self.tr("The head of household agrees to be registered"))
        self.pending.setText(self.tr("Not yet: consent to be collected"))
        self.given.setAccessibleName(self.tr("Consent given"))
        self.pending.setAccessibleName(self.tr("Consent not yet collected"))

    def value(self) -> bool | None:
        if self.given.isChecked():
            return True
        return False if self.pending.isChecked() else None

    def set_value(self, value: bool | None) -> None:
        """Show a stored choice; None clears both buttons (a new family: the person must choose)."""
        self.group.setExclusive(False)  # an exclusive group cannot be emptied
        self.given.setChecked(value is True)
        self.pending.setChecked(value is False)
        self.group.setExclusive(True)
        self.show_error("")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        for button in (self.given, self.pending):
            button.setAccessibleDescription(text)

    def _chosen(self) -> None:
        self.show_error("")
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
