"""Getting a receipt PDF onto paper (a printer, or the PDF viewer) and telling the volunteer where it went."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from ui.shared.labels import fill
from ui.shell.context import AppContext, error_text

SPOOL_TIMEOUT_S = 30


class PrinterUnavailable(Exception):
    """No printer to send to: the named one is not installed, or there is no default printer."""

    def __init__(self, printer: str | None) -> None:
        super().__init__(printer or "")
        self.printer = printer


class PrintFailed(Exception):
    """The print spooler refused the file; `detail` is what it said."""

    def __init__(self, printer: str, detail: str) -> None:
        super().__init__(f"{printer}: {detail}")
        self.printer, self.detail = printer, detail


def receipt_path(data_dir: str | os.PathLike, receipt: str, copy: bool = False) -> Path:
    """Where a receipt's PDF is kept: <data dir>/receipts/<number>.pdf, a reprint beside it as <number>-copy.pdf
    (the folder is made when missing)."""
    folder = Path(data_dir) / "receipts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{receipt}{'-copy' if copy else ''}.pdf"


def choose_printer(wanted: str | None) -> str:
    """The printer set in the settings when it is installed, else the system's default one (GUI thread)."""
    from PySide6.QtPrintSupport import QPrinterInfo  # here, not at start-up: the desk is the first page shown

    names = QPrinterInfo.availablePrinterNames()
    if wanted:
        if wanted in names:
            return wanted
        raise PrinterUnavailable(wanted)
    default = QPrinterInfo.defaultPrinterName()
    if not default:
        raise PrinterUnavailable(None)
    return default


def send_to_printer(path: str | os.PathLike, printer: str) -> None:
    """Hand the PDF to the system's print spooler (CUPS `lp`, or the Windows "printto" verb); safe off the GUI thread.

    Qt alone cannot draw a PDF onto a QPrinter without QtPdf (PySide6-Addons), so the spooler, which accepts PDF
    directly (CUPS) or through the PDF reader that is installed (Windows), does the printing.
    """
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "printto", f'"{printer}"')  # type: ignore[attr-defined]  # noqa: S606
        except OSError as error:
            raise PrintFailed(printer, str(error)) from error
        return
    import shutil
    import subprocess

    command = shutil.which("lp") or shutil.which("lpr")
    if command is None:
        raise PrintFailed(printer, "lp")
    option = "-d" if command.endswith("lp") else "-P"
    try:
        done = subprocess.run(
            [command, option, printer, str(path)], capture_output=True, text=True, timeout=SPOOL_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PrintFailed(printer, str(error)) from error
    if done.returncode != 0:
        raise PrintFailed(printer, (done.stderr or done.stdout).strip() or str(done.returncode))


def open_pdf(path: str | os.PathLike) -> bool:
    """Open the PDF in the laptop's viewer (tests observe this with QDesktopServices.setUrlHandler("file", …))."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


class ReceiptPrinter(QObject):
    """After a distribution (or for a reprint): write its receipt PDF, then print it (setting print_directly) or open
    it in the viewer.

    `ready(path)` once the PDF is written; `note(text)` says, in the person's words, where the receipt went.
    """

    ready = Signal(str)
    note = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def print_receipt(self, receipt: str, copy: bool = False) -> None:
        """Write the receipt (`copy`: a reprint, marked DUPLICATA and recorded in the audit trail), then print it."""
        db = self.ctx.db
        path = receipt_path(Path(db.path).parent, receipt, copy)

        def write() -> tuple[Path, dict]:
            from fieldapp.services import receipts, setup

            if copy:
                return receipts.reprint_receipt(db, receipt, path).value, setup.current_settings(db)
            return receipts.write_receipt(db, receipt, path), setup.current_settings(db)

        self.note.emit(self.tr("Preparing the receipt…"))
        self.ctx.tasks.run(
            write,
            on_done=lambda done: self._written(*done),
            on_error=lambda error: self.note.emit(error_text(error, self.ctx.data_dir)),
        )

    def _written(self, path: Path, chosen: dict) -> None:
        self.ready.emit(str(path))
        if not chosen.get("print_directly"):
            self._open(path, self.tr("The receipt is open: print it from the PDF viewer."))
            return
        try:
            printer = choose_printer(chosen.get("printer"))
        except PrinterUnavailable as missing:
            why = fill(self.tr("Printer %1 is not available."), missing.printer or "")
            if not missing.printer:
                why = self.tr("No printer is installed.")
            self._open(path, why + " " + self.tr("The receipt was opened as a PDF instead."))
            return
        self.note.emit(fill(self.tr("Printing on %1…"), printer))
        failed = self.tr("Printing failed (%1). The receipt was opened as a PDF instead.")
        self.ctx.tasks.run_network(
            lambda: send_to_printer(path, printer),
            on_done=lambda _: self.note.emit(fill(self.tr("Sent to printer %1."), printer)),
            on_error=lambda error: self._open(path, fill(failed, str(error))),
        )

    def _open(self, path: Path, note: str) -> None:
        self.note.emit(note)
        if not open_pdf(path):
            self.note.emit(fill(self.tr("The receipt PDF is in %1."), str(path)))


class ReceiptBanner(QLabel):
    """The last receipt, large, with where it went (printer or viewer) under it; stays until the next one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskLastReceipt")
        self.setStyleSheet(
            "#deskLastReceipt { background: #1b5e20; color: white; font-size: 13pt; font-weight: bold;"
            " padding: 8px; border-radius: 4px; }"
        )
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipt: str | None = None
        self.name = self.note = ""
        self.hide()

    def show_receipt(self, receipt: str, name: str) -> None:
        self.receipt, self.name, self.note = receipt, name, ""
        self._render()

    def set_note(self, note: str) -> None:
        self.note = note
        self._render()

    def _render(self) -> None:
        if self.receipt is None:
            return
        number = fill(self.tr("Receipt %1"), self.receipt)
        served = fill(self.tr("%1 served"), self.name)
        self.setText(
            f"<div style='font-size:20pt'>{html.escape(number)}</div>"
            f"<div>{html.escape(served)}</div><div style='font-size:11pt'>{html.escape(self.note)}</div>"
        )
        self.setAccessibleName(" — ".join(filter(None, (number, served, self.note))))
        self.show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
