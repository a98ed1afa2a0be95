"""The recovery key, shown once after set-up: printed or written down before going on (a forgotten password is then
not the end of the data: `fieldapp recover --recovery-key KEY`). It is never saved in the data folder."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QMarginsF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.shared.labels import fill

KEY_STYLE = "font-size:16pt; font-family:monospace; white-space:nowrap"  # one line: no break at a dash


class RecoveryKeyDialog(QDialog):
    """The key in large letters, "Print it", "Save as PDF…", and "I have written it down" before Continue."""

    def __init__(self, recovery_key: str, association: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.association = association
        self.setObjectName("recoveryKeyDialog")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)  # Continue, once it is kept, is the way out
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recoveryKey")
        key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        key_font.setPointSize(font.pointSize() + 4)
        self.key_label.setFont(key_font)
        self.key_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("recoveryPrint")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("recoverySavePdf")
        self.kept = QCheckBox(self)
        self.kept.setObjectName("recoveryKept")
        self.buttons = QDialogButtonBox(self)
        self.continue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setObjectName("recoveryContinue")
        self.continue_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        for widget in (self.title, self.explanation, self.key_label, self.print_button, self.save_button):
            layout.addWidget(widget)
        layout.addWidget(self.message)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        self.print_button.clicked.connect(self.print_it)
        self.save_button.clicked.connect(self.choose_pdf)
        self.retranslate_ui()
        self.resize(560, 360)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Recovery key"))
        self.title.setText(self.tr("Keep this recovery key on paper"))
        self.explanation.setText(
            self.tr(
                "The association's data is encrypted. If every coordinator forgets their password, this key (and only "
                "it, or HQ) opens it again. It is shown only now: print it or write it down, and keep it locked away, "
                "not with the laptop."
            )
        )
        self.print_button.setText(self.tr("&Print it"))
        self.save_button.setText(self.tr("Save as &PDF (on a USB stick)…"))
        self.kept.setText(self.tr("I have &written it down or printed it"))
        self.continue_button.setText(self.tr("&Continue"))

    def reject(self) -> None:  # Escape does not skip it: the key would be lost
        if self.kept.isChecked():
            super().reject()

    def document(self) -> QTextDocument:
        """The page: what the key is for, the key itself, and how to use it."""
        doc = QTextDocument()
        direction = "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"
        texts = [
            self.tr("fieldapp recovery key"),
            fill(self.tr("Association: %1"), self.association) if self.association else "",
            self.tr("If every password is forgotten: fieldapp recover --recovery-key KEY --user NAME"),
        ]
        title, association, usage = (html.escape(text) for text in texts)
        doc.setHtml(
            f'<div dir="{direction}"><h1>{title}</h1><p>{association}</p>'
            f'<p dir="ltr" style="{KEY_STYLE}"><b>{html.escape(self.recovery_key)}</b></p>'
            f"<p>{usage}</p></div>"
        )
        return doc

    def write_pdf(self, path: str) -> str:
        """The page as a PDF at `path` (the person chooses where: never beside the database)."""
        writer = QPdfWriter(path)
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20))
        )
        writer.setResolution(300)
        self.document().print_(writer)
        del writer  # the file is complete once the writer is gone
        return path

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery key"), "", "PDF (*.pdf)")
        if path:
            self.write_pdf(path if path.lower().endswith(".pdf") else path + ".pdf")
            self.message.setText(fill(self.tr("Saved to %1. Print it, then delete the file."), path))

    def print_it(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
            self.message.setText(self.tr("Sent to the printer."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
