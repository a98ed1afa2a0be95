"""The household form: register or edit a family; refusals shown in the form with everything typed kept."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.db import Database
from fieldapp.duplicates import Candidate
from fieldapp.errors import FieldappError
from fieldapp.normalize import phone_text
from fieldapp.permissions import Action
from fieldapp.services import households
from fieldapp.services.households import INPUT_FIELDS, MAX_SIZE, HouseholdInput
from fieldapp.views import HouseholdView
from ui.households.consent_choice import ConsentChoice
from ui.households.members_table import MembersBox
from ui.households.widgets import CommuneBox, DuplicatesPanel, FlagsBox, MessageBar
from ui.shared.labels import fill
from ui.shell.context import AppContext, error_text
from ui.shell.operations import run_operation

STYLE = """
*[invalid="true"] { border: 2px solid #b00020; }
QLabel#householdFormMessage { padding: 6px; border-radius: 3px; }
QLabel#householdFormMessage[tone="error"] { color: #7a0012; background: #fde7ea; border: 1px solid #b00020; }
QLabel#householdFormMessage[tone="warning"] { color: #4d3900; background: #fff4d6; border: 1px solid #c98f00; }
"""
# Which field a core message is about, so that field is marked and gets the focus.
FIELD_OF_ERROR = {
    "error.name_required": "head_name",
    "error.cin_taken": "cin",
    "error.phone_invalid": "phone",
    "error.commune_unknown": "commune",
    "error.commune_ambiguous": "commune",
    "error.size_invalid": "size",
    "error.size_below_members": "size",
    "error.consent_choice_required": "consent",
}


def save_new(db: Database, data: HouseholdInput, check_duplicates: bool):
    """On the database worker: the look-alike households if there are any (and they are wanted), else register."""
    households.check_new_household(data)
    if check_duplicates:
        candidates = households.possible_duplicates(db, data)
        if candidates:
            return candidates
    return households.register_household(db, data)


class HouseholdForm(QDialog):
    """New household when `household` is None, else that household; `saved` carries the stored HouseholdView."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, household: HouseholdView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household = household
        self.saving = False
        self._discard_armed = False
        self._marked: set[QWidget] = set()  # fields marked invalid (read back from here, not from Qt properties)
        self.setObjectName("householdForm")
        self.setStyleSheet(STYLE)
        self.setup_ui()
        self.retranslate_ui()
        self.load(household)
        if household is None:
            self._ask_default_commune()
        if not ctx.may(Action.EDIT_IDENTITY):  # a volunteer corrects notes, needs and the douar, not who the family is
            for field in (self.head_name, self.head_name_ar, self.cin, self.phone):
                field.setReadOnly(True)
            self.members_box.setEnabled(False)

    # -- building ----------------------------------------------------------------------------------------------------

    def _line(self, name: str, direction: Qt.LayoutDirection | None = None) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if direction is not None:
            edit.setLayoutDirection(direction)
        edit.textEdited.connect(lambda: self._unmark(edit))
        return edit

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        self.message.open_requested.connect(self.open_household)
        layout.addWidget(self.message)

        ltr, rtl = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft
        self.head_name = self._line("householdName", ltr)
        self.head_name_ar = self._line("householdNameAr", rtl)  # Arabic is typed right to left in any language
        self.cin = self._line("householdCin", ltr)
        self.cin.setMaxLength(20)
        self.phone = self._line("householdPhone", ltr)
        self.phone.setMaxLength(20)
        self.commune = CommuneBox(self, "householdCommune")
        self.commune.editTextChanged.connect(lambda: self._unmark(self.commune))
        self.douar = self._line("householdDouar")
        self.size = QSpinBox(self)
        self.size.setObjectName("householdSize")
        self.size.setRange(1, MAX_SIZE)
        self.size.valueChanged.connect(lambda: self._unmark(self.size))
        self.identity = QFormLayout()
        self.identity_labels = [QLabel(self) for _ in range(7)]
        fields = (self.head_name, self.head_name_ar, self.cin, self.phone, self.commune, self.douar, self.size)
        for label, field in zip(self.identity_labels, fields, strict=True):
            label.setBuddy(field)
            self.identity.addRow(label, field)

        self.flags_box = FlagsBox(self)
        self.flag_boxes = self.flags_box.boxes
        self.consent = ConsentChoice(self)
        self.consent_by = self._line("householdConsentBy")
        self.consent_by_label = QLabel(self)
        self.consent_by_label.setBuddy(self.consent_by)
        self.consent.changed.connect(self._on_consent_chosen)
        self.consent_by.setEnabled(False)
        self.notes_label = QLabel(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("householdNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.notes_label.setBuddy(self.notes)
        right = QFormLayout()
        right.addRow(self.flags_box)
        right.addRow(self.consent)
        right.addRow(self.consent_by_label, self.consent_by)
        right.addRow(self.notes_label, self.notes)
        columns = QHBoxLayout()
        columns.addLayout(self.identity, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        # Fields and members scroll (the Arabic font is taller: 768-px screens); message and buttons stay in view.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("householdFormScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget(self.scroll, objectName="householdFormFields")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(columns)
        self.members_box = MembersBox(content)
        self.members = self.members_box.editor
        self.members.changed.connect(self._on_members_changed)
        inner.addWidget(self.members_box, 1)
        self.scroll.setWidget(content)
        layout.addWidget(self.scroll, 1)

        self.duplicates = DuplicatesPanel(self)
        self.duplicates.open_requested.connect(self.open_household)
        self.duplicates.register_anyway_requested.connect(lambda: self.save(check_duplicates=False))
        layout.addWidget(self.duplicates)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("householdSave")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("householdCancel")
        self.history_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.HelpRole)
        self.history_button.setObjectName("householdHistoryButton")
        self.history_button.clicked.connect(self.show_history)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=lambda: self.save())
        self._chain_focus()
        self.fit_to_screen()

    def show_history(self) -> None:
        from ui.households.history import HistoryDialog

        if self.household is not None:
            HistoryDialog(self.ctx, self.household.id, self.household.head_name, self).open()

    def fit_to_screen(self, available_height: int | None = None) -> None:
        """All of the form if it fits, else no taller (40 px for the title bar) nor wider than the free screen."""
        free = screen.availableGeometry() if (screen := QGuiApplication.primaryScreen()) is not None else None
        unscrolled = self.layout().sizeHint().height() - self.scroll.sizeHint().height()
        wanted = max(600, unscrolled + self.scroll.widget().sizeHint().height())
        height = min(wanted, (available_height or (free.height() if free is not None else 768)) - 40)
        self.resize(min(940, free.width() - 16) if free else 940, max(height, self.minimumSizeHint().height()))

    def retranslate_ui(self) -> None:
        self.history_button.setText(self.tr("&History…"))
        self.history_button.setAccessibleName(self.history_button.text().replace("&", ""))
        names = (
            (self.tr("&Name (Latin letters)"), self.tr("Name of the head of household, Latin letters")),
            (self.tr("Name in &Arabic"), self.tr("Name of the head of household in Arabic")),
            (self.tr("&CIN"), self.tr("National identity card number (CIN)")),
            (self.tr("&Phone"), self.tr("Phone number")),
            (self.tr("Co&mmune"), self.tr("Commune")),
            (self.tr("&Douar / quarter"), self.tr("Douar or quarter")),
            (self.tr("Household si&ze"), self.tr("Household size, head included")),
        )
        fields = (self.head_name, self.head_name_ar, self.cin, self.phone, self.commune, self.douar, self.size)
        for label, field, (text, accessible) in zip(self.identity_labels, fields, names, strict=True):
            label.setText(text)
            field.setAccessibleName(accessible)
        self.commune.fill()
        self.commune.lineEdit().setPlaceholderText(self.tr("Type a few letters of the name"))
        self.phone.setPlaceholderText("06 12 34 56 78")
        self.cin.setPlaceholderText(self.tr("e.g. BK123456"))
        self.flags_box.retranslate_ui()
        self.consent.retranslate_ui()
        self.consent_by_label.setText(self.tr("Consent &collected by"))
        self.consent_by.setAccessibleName(self.tr("Consent collected by"))
        self.notes_label.setText(self.tr("No&tes"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.members_box.retranslate_ui()
        self.duplicates.retranslate_ui()
        self.message.retranslate_ui()
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self._set_close_text()
        self._set_title()

    def _set_close_text(self) -> None:
        text = self.tr("Close") if self.household is not None and not self._dirty() else self.tr("Cancel")
        self.cancel_button.setText(text)
        self.cancel_button.setAccessibleName(text)

    def _set_title(self) -> None:
        if self.household is None:
            self.setWindowTitle(self.tr("New household"))
        else:
            self.setWindowTitle(fill(self.tr("Household: %1"), self.household.head_name))

    def _chain_focus(self) -> None:
        """Tab walks the form top to bottom, member rows included, whatever was added or removed."""
        chain: list[QWidget] = [self.message.open_button, self.head_name, self.head_name_ar, self.cin, self.phone]
        chain += [self.commune, self.douar, self.size, *self.flag_boxes.values()]
        chain += [self.consent.given, self.consent.pending, self.consent_by]
        chain += [self.notes, *self.members.focus_chain(), *self.duplicates.focus_chain()]
        chain += [self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- values ------------------------------------------------------------------------------------------------------

    def load(self, household: HouseholdView | None) -> None:
        """Show `household` (or an empty form); what was typed before is replaced."""
        self.household = household
        self.history_button.setVisible(household is not None and self.ctx.may(Action.AUDIT))
        view = household
        for edit, name in (
            *((self.head_name, "head_name"), (self.head_name_ar, "head_name_ar"), (self.cin, "cin")),
            *((self.douar, "douar"), (self.consent_by, "consent_by")),
        ):
            edit.setText((getattr(view, name) or "") if view else "")
        self.phone.setText((phone_text(view.phone) or "") if view else "")  # as people write it; stored as E.164
        self.commune.set_code(view.commune_code if view else None)
        self.members.set_members(list(view.members) if view else [])
        self.size.setValue(view.size if view else 1)
        self.flags_box.set_flags(view.flags if view else [])
        # A family on file has given its consent or not yet; a new one has no choice made until someone makes it.
        self.consent.set_value(bool(view.consent_at) if view else None)
        self.consent_by.setEnabled(self.consent.value() is True)
        self.notes.setPlainText((view.notes or "") if view else "")
        self._initial = self.input_data()
        self._show_candidates([])
        self.message.show_message("", "")
        self._set_title()
        self._set_close_text()
        self._chain_focus()
        self.head_name.setFocus()

    def input_data(self) -> HouseholdInput:
        """Everything the form holds, as typed (the core cleans and checks it)."""
        return HouseholdInput(
            head_name=self.head_name.text(),
            head_name_ar=self.head_name_ar.text(),
            cin=self.cin.text(),
            phone=self.phone.text(),
            commune=self.commune.value(),
            douar=self.douar.text(),
            size=self.size.value(),
            flags=self.flags_box.flags(),
            consent=self.consent.value(),
            consent_by=self.consent_by.text(),
            notes=self.notes.toPlainText(),
            members=self.members.members(),
        )

    def _dirty(self) -> bool:
        return hasattr(self, "_initial") and self.input_data() != self._initial

    def _ask_default_commune(self) -> None:
        """A new family starts in the laptop's default commune (set at set-up), still changeable."""
        from fieldapp.services import setup

        db = self.ctx.db
        self.ctx.tasks.run(lambda: setup.current_settings(db)["default_commune"], on_done=self._prefill_commune)

    def _prefill_commune(self, code: str | None) -> None:
        if not code or self.household is not None or self.commune.currentText().strip():
            return  # no default, another family loaded meanwhile, or a commune already typed: left as it is
        untouched = not self._dirty()
        self.commune.set_code(code)
        if untouched:  # the default is not something typed: closing the form asks nothing
            self._initial = self.input_data()
        self._set_close_text()

    def _on_consent_chosen(self) -> None:
        self.consent_by.setEnabled(self.consent.value() is True)
        self._unmark(self.consent)

    def _on_members_changed(self) -> None:
        listed = 1 + len(self.members.members())
        if self.size.value() < listed:
            self.size.setValue(listed)
        self._unmark(self.members_box)
        self._chain_focus()

    # -- saving ------------------------------------------------------------------------------------------------------

    def save(self, check_duplicates: bool = True) -> None:
        if self.saving:
            return
        self._unmark_all()
        data = self.input_data()
        if self.household is None:
            job = partial(save_new, self.ctx.db, data, check_duplicates)
        else:
            changes = self._changes(data)
            if changes == HouseholdInput():
                self.accept()
                return
            job = partial(households.update_household, self.ctx.db, self.household.id, changes)
        self._checked_duplicates = check_duplicates
        self._set_saving(True)
        run_operation(self.ctx, job, on_done=self._on_saved, on_error=self._on_refused)

    def _changes(self, data: HouseholdInput) -> HouseholdInput:
        """Only what differs from the household as loaded: unchanged fields would repeat their warnings, re-sent
        members would replace every member row, and a re-sent consent would be re-dated."""
        initial = self._initial
        changed = {name: getattr(data, name) for name in INPUT_FIELDS if getattr(data, name) != getattr(initial, name)}
        if "consent" in changed or "consent_by" in changed:
            changed.update(consent=data.consent, consent_by=data.consent_by)
        return HouseholdInput(**changed)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        for button in (self.save_button, self.duplicates.open_button, self.duplicates.register_button):
            button.setEnabled(not saving)

    def _on_saved(self, result) -> None:
        self._set_saving(False)
        if isinstance(result, list):
            self._show_candidates(result)
            return
        notices = result.notices
        if not self._checked_duplicates:  # the person saw the look-alikes and chose to register anyway
            notices = [n for n in notices if n.key != "warning.possible_duplicates"]
        self.saved.emit(result.value)
        if not notices:
            self.household = result.value
            self.accept()
            return
        self.load(result.value)  # as stored (CIN upper-cased, phone as people write it): what is warned of
        text = "\n".join([self.tr("Saved. Please check:"), *(f"• {notice.message()}" for notice in notices)])
        self.message.show_message(text, "warning")
        self.cancel_button.setFocus()

    def _on_refused(self, error: BaseException) -> None:
        """The core said no: say why at the top, mark the field, keep every value typed."""
        self._set_saving(False)
        taken = isinstance(error, FieldappError) and error.key == "error.cin_taken"
        self.message.show_message(
            error_text(error, self.ctx.data_dir), "error", error.params.get("id") if taken else None
        )
        if not isinstance(error, FieldappError):
            return
        field = getattr(self, FIELD_OF_ERROR.get(error.key, ""), None)
        if field is None and error.key.startswith("error.member"):
            row = self.members.row_for_error(error.key, error.params)
            field = row.birth_year if row and error.key == "error.member_birth_year" else (row.name if row else None)
            self._mark(self.members_box, error)
        if field is not None:
            self._mark(field, error)
            field.setFocus()

    # -- messages and marks ------------------------------------------------------------------------------------------

    def _mark(self, widget: QWidget, error: BaseException) -> None:
        if widget is self.consent:  # said beside the two buttons, where the choice is made
            self.consent.show_error(error_text(error, self.ctx.data_dir))
        self._marked.add(widget)
        widget.setProperty("invalid", True)
        widget.setAccessibleDescription(error_text(error, self.ctx.data_dir))
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _unmark(self, widget: QWidget) -> None:
        if widget in self._marked:
            if widget is self.consent:
                self.consent.show_error("")
            self._marked.discard(widget)
            widget.setProperty("invalid", False)
            widget.setAccessibleDescription("")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._discard_armed = False

    def _unmark_all(self) -> None:
        for widget in list(self._marked):
            self._unmark(widget)

    def is_marked(self, widget: QWidget) -> bool:
        return widget in self._marked

    # -- look-alikes and other households ----------------------------------------------------------------------------

    def _show_candidates(self, candidates: list[Candidate]) -> None:
        self.duplicates.show_candidates(candidates)
        # While look-alikes are shown, Enter opens the selected one rather than registering again.
        self.duplicates.open_button.setDefault(bool(candidates))
        self.save_button.setDefault(not candidates)

    def open_household(self, household_id: str | None) -> None:
        """Show another household instead of what was typed (the person chose it among look-alikes)."""
        if not household_id or self.saving:
            return
        self._set_saving(True)

        def loaded(view: HouseholdView) -> None:
            self._set_saving(False)
            self.load(view)

        def failed(error: BaseException) -> None:
            self._set_saving(False)
            self.message.show_message(error_text(error, self.ctx.data_dir), "error")

        self.ctx.tasks.run(lambda: households.get_household(self.ctx.db, household_id), loaded, failed)

    # -- closing -----------------------------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape or Cancel: a second press is needed when something typed would be lost."""
        if self.saving:
            return
        if self._dirty() and not self._discard_armed:
            self._discard_armed = True
            self.message.show_message(
                self.tr("Not saved. Press Escape or Cancel again to close without saving."), "warning"
            )
            return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
