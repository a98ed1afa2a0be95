"""Settings: language (the whole layout turns right-to-left in Arabic), receipts and printer, association details."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from fieldapp import i18n
from fieldapp.errors import FieldappError
from fieldapp.permissions import Action
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.services import setup
from ui.households.widgets import CommuneBox
from ui.shell import translations
from ui.shell.operations import run_operation
from ui.shell.page import Page
from ui.shell.translations import LANGUAGE_NAMES


def printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:  # a build without printing support still runs
        return []
    return list(QPrinterInfo.availablePrinterNames())


class SettingsPage(Page):
    watches = frozenset({"settings"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setObjectName("settingsLanguage")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.association = QLineEdit(self)
        self.association.setObjectName("settingsAssociation")
        self.default_commune = CommuneBox(self, "settingsDefaultCommune")
        self.operator = QLineEdit(self)
        self.operator.setObjectName("settingsOperator")
        self.receipt_format = QComboBox(self)
        self.receipt_format.setObjectName("settingsReceiptFormat")
        for code in RECEIPT_FORMATS:
            self.receipt_format.addItem(code, code)
        self.printer = QComboBox(self)
        self.printer.setObjectName("settingsPrinter")
        self.print_directly = QCheckBox(self)
        self.print_directly.setObjectName("settingsPrintDirectly")
        self.logo = QLineEdit(self)
        self.logo.setObjectName("settingsLogo")
        self.logo_browse = QPushButton(self)
        self.logo_browse.setObjectName("settingsLogoBrowse")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.logo_browse)
        self.hq_url = QLineEdit(self)
        self.hq_url.setObjectName("settingsHqUrl")
        self.lock_after = QSpinBox(self)
        self.lock_after.setObjectName("settingsLockAfter")
        self.lock_after.setRange(0, 240)
        self.backup_folder = QLineEdit(self)
        self.backup_folder.setObjectName("settingsBackupFolder")
        self.backup_browse = QPushButton(self)
        self.backup_browse.setObjectName("settingsBackupBrowse")
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(self.backup_browse)
        self.labels = [QLabel(self) for _ in range(11)]
        rows = (
            self.language,
            self.association,
            self.default_commune,
            self.operator,
            self.receipt_format,
            self.printer,
            self.print_directly,
            logo_row,
            self.hq_url,
            self.lock_after,
            backup_row,
        )
        for label, row in zip(self.labels, rows, strict=True):
            form.addRow(label, row)
            label.setBuddy({id(logo_row): self.logo, id(backup_row): self.backup_folder}.get(id(row), row))
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.save = QPushButton(self)
        self.save.setObjectName("settingsSave")
        self.save.setDefault(True)
        # On a demo laptop only: the way out of the demo to a real set-up (ui/settings/leave_demo.py).
        self.demo_note = QLabel(self)
        self.demo_note.setObjectName("settingsDemoNote")
        self.demo_note.setWordWrap(True)
        self.leave_demo = QPushButton(self)
        self.leave_demo.setObjectName("settingsLeaveDemo")
        for widget in (self.demo_note, self.leave_demo):
            widget.hide()
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.save)
        layout.addSpacing(16)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.leave_demo)
        layout.addStretch(1)
        self.leave_demo.clicked.connect(self.ask_to_leave_demo)
        self.save.clicked.connect(self.save_settings)
        self.logo_browse.clicked.connect(self._choose_logo)
        self.backup_browse.clicked.connect(self._choose_backup_folder)
        self._edited = False
        for field in (self.association, self.operator, self.logo, self.hq_url, self.backup_folder):
            field.textEdited.connect(self._mark_edited)
        for combo in (self.language, self.receipt_format, self.printer, self.default_commune):
            combo.activated.connect(self._mark_edited)
        self.default_commune.lineEdit().textEdited.connect(self._mark_edited)
        self.print_directly.clicked.connect(self._mark_edited)
        self.lock_after.valueChanged.connect(self._mark_edited)
        self.refresh()

    def _mark_edited(self, *_args) -> None:
        self._edited = True

    def retranslate_ui(self) -> None:
        texts = (
            self.tr("&Language"),
            self.tr("&Association name"),
            self.tr("Default &commune of new households"),
            self.tr("&Your name (on receipts)"),
            self.tr("&Receipt format"),
            self.tr("&Printer"),
            self.tr("Print receipts &directly"),
            self.tr("Association &logo"),
            self.tr("&HQ address"),
            self.tr("Loc&k the window after (minutes without use; 0: never)"),
            self.tr("Second &backup folder (a USB stick)"),
        )
        widgets = (
            self.language,
            self.association,
            self.default_commune,
            self.operator,
            self.receipt_format,
            self.printer,
            self.print_directly,
            self.logo,
            self.hq_url,
            self.lock_after,
            self.backup_folder,
        )
        for label, text, widget in zip(self.labels, texts, widgets, strict=True):
            label.setText(text)
            widget.setAccessibleName(text.replace("&", ""))
        for index, text in enumerate(
            (
                self.tr("A6 (postcard)"),
                self.tr("80 mm roll (thermal printer)"),
                self.tr("A4, two copies (family and association)"),
            )
        ):
            self.receipt_format.setItemText(index, text)
        if self.printer.count():
            self.printer.setItemText(0, self.tr("Default printer"))
        self.logo_browse.setText(self.tr("Choose…"))
        self.backup_browse.setText(self.tr("Choose…"))
        self.logo_browse.setAccessibleName(self.tr("Choose the logo file"))
        self.backup_browse.setAccessibleName(self.tr("Choose the second backup folder"))
        self.save.setText(self.tr("&Save"))
        self.save.setAccessibleName(self.tr("Save settings"))
        self.default_commune.fill()
        self.default_commune.lineEdit().setPlaceholderText(self.tr("None: asked for each new household"))
        self.demo_note.setText(
            self.tr(
                "This laptop runs the demo data (fake families). When the association is ready to work for real, "
                "leave the demo: its data is set aside and the set-up of a new laptop starts."
            )
        )
        self.leave_demo.setText(self.tr("Leave the demo and set the association up…"))
        self.leave_demo.setAccessibleName(self.tr("Leave the demo and set the association up"))

    def apply_role(self) -> None:
        self.save.setEnabled(self.ctx.may(Action.SETTINGS))
        self.leave_demo.setEnabled(self.ctx.may(Action.SETTINGS))

    def refresh(self) -> None:
        if not self._edited:  # never overwrite what the person is typing
            self.ctx.tasks.run(
                lambda: setup.current_settings(self.ctx.db), on_done=self._show, on_error=self.show_error
            )

    def _show(self, values: dict) -> None:
        if self._edited:
            return
        self.language.setCurrentIndex(max(self.language.findData(values["language"]), 0))
        self.association.setText(values.get("association_name") or "")
        self.default_commune.blockSignals(True)
        self.default_commune.set_code(values.get("default_commune"))
        self.default_commune.blockSignals(False)
        for widget in (self.demo_note, self.leave_demo):
            widget.setVisible(bool(values.get("demo")))
        self.operator.setText(values.get("operator_name") or "")
        self.receipt_format.setCurrentIndex(max(self.receipt_format.findData(values["receipt_format"]), 0))
        self.printer.clear()
        self.printer.addItem(self.tr("Default printer"), None)
        for name in printer_names():
            self.printer.addItem(name, name)
        self.printer.setCurrentIndex(max(self.printer.findData(values.get("printer")), 0))
        self.print_directly.setChecked(bool(values.get("print_directly")))
        self.logo.setText(values.get("logo_path") or "")
        self.hq_url.setText(values.get("hq_url") or "")
        self.lock_after.blockSignals(True)
        self.lock_after.setValue(values.get("lock_after_minutes", 10))
        self.lock_after.blockSignals(False)
        self.backup_folder.setText(values.get("backup_folder") or "")

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Association logo"), "", self.tr("Images (*.png *.jpg)"))
        if path:
            self.logo.setText(path)

    def _choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Second backup folder"))
        if folder:
            self.backup_folder.setText(folder)
            self._mark_edited()

    def values(self) -> dict:
        return {
            "language": self.language.currentData(),
            "association_name": self.association.text().strip(),
            "default_commune": self.default_commune.value() or None,
            "operator_name": self.operator.text().strip() or None,
            "receipt_format": self.receipt_format.currentData(),
            "printer": self.printer.currentData(),
            "print_directly": self.print_directly.isChecked(),
            "logo_path": self.logo.text().strip() or None,
            "hq_url": self.hq_url.text().strip() or None,
            "lock_after_minutes": self.lock_after.value(),
            "backup_folder": self.backup_folder.text().strip() or None,
        }

    def save_settings(self) -> None:
        values = self.values()
        run_operation(self.ctx, lambda: setup.update_settings(self.ctx.db, values), self._saved, self._refused)

    def _saved(self, outcome) -> None:
        self._edited = False
        translations.install(QApplication.instance(), outcome.value["language"])
        self.message.setText(self.tr("Settings saved."))

    def ask_to_leave_demo(self):
        from ui.settings.leave_demo import ask_to_leave_demo

        return ask_to_leave_demo(self.window(), self)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, FieldappError):
            self.message.setText(error.message())  # what was typed stays in the fields
        else:
            self.show_error(error)
