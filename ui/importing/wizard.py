"""The import wizard: the file read, its columns mapped, every row checked, then the import with progress and Cancel.

All work runs on the database worker; the dialog only shows where it is. Nothing is written before the person has
seen the report and pressed Import; the mapping is remembered then.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import left_to_right
from fieldapp.importing.mapping import guess_mapping, write_template
from fieldapp.importing.table import CSV_SUFFIXES, WORKBOOK_SUFFIXES, Table, read_table
from fieldapp.services import importing
from ui.importing.report import ImportStep, ReportStep
from ui.importing.steps import FileStep, MappingStep, say
from ui.shared.busy_dialog import BusyDialog
from ui.shared.labels import fill
from ui.shell.context import AppContext, error_text
from ui.shell.operations import run_long_operation
from ui.shell.tasks import Cancelled, Progress

FILE, MAPPING, REPORT, IMPORT = range(4)


def documents(name: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder) / name)


class ImportWizard(BusyDialog):
    """`imported(ImportResult)` once the import ended (finished or cancelled: what was written stays)."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setModal(True)
        self.path: str | None = None
        self.table: Table | None = None
        self.check: importing.ImportCheck | None = None
        self.result: importing.ImportResult | None = None
        self.job: Progress | None = None  # the check or the import running, to cancel
        self.reading = False
        self.closed = False  # answers arriving after the window closed are dropped
        self._setup_ui()
        self.retranslate_ui()
        self.go(FILE)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("importSteps")
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget(self)
        self.file_step, self.mapping_step = FileStep(self), MappingStep(self)
        self.report_step, self.import_step = ReportStep(self), ImportStep(self)
        for step in (self.file_step, self.mapping_step, self.report_step, self.import_step):
            self.stack.addWidget(step)
        self.work_bar = QProgressBar(self)
        self.work_bar.setObjectName("importWorkProgress")
        self.work_bar.hide()
        self.status = QLabel(self)
        self.status.setObjectName("importStatusLine")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()  # in reading order whatever the platform: Back before Next, mirrored in Arabic
        self.save_rejected_button = self._button("importSaveRejected")
        self.back_button = self._button("importBack")
        self.next_button = self._button("importNext")
        self.close_button = self._button("importClose")
        self.next_button.setDefault(True)
        buttons.addWidget(self.save_rejected_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.work_bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1040, 700)
        self.file_step.browse_button.clicked.connect(self.choose_file)
        self.file_step.template_button.clicked.connect(self.choose_template_file)
        self.file_step.sheet.currentTextChanged.connect(lambda sheet: self.open_file(self.path, sheet))
        self.mapping_step.changed.connect(self._update_buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        self.save_rejected_button.clicked.connect(self.choose_rejected_file)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import a households list"))
        self.save_rejected_button.setText(self.tr("Save rejected rows…"))
        self.save_rejected_button.setToolTip(self.tr("The rows not imported, with the reason, to correct and import"))
        self.back_button.setText(self.tr("Back"))
        self.work_bar.setAccessibleName(self.tr("Progress"))
        self._update_buttons()

    # -- where the wizard is -------------------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self._update_buttons()

    def _update_buttons(self) -> None:
        step, running = self.step, self.job is not None
        names = (self.tr("1. The file"), self.tr("2. The columns"), self.tr("3. The check"), self.tr("4. The import"))
        shown = [f"<b>{html.escape(n)}</b>" if i == step else html.escape(n) for i, n in enumerate(names)]
        self.steps_label.setText(" &nbsp;·&nbsp; ".join(shown))
        self.back_button.setVisible(step in (MAPPING, REPORT))
        self.back_button.setEnabled(not running)
        imported = self.result is not None
        self.next_button.setVisible(step != IMPORT)
        if step == FILE:
            self.next_button.setText(self.tr("Next"))
            self.next_button.setEnabled(self.table is not None and not self.reading)
        elif step == MAPPING:
            self.next_button.setText(self.tr("Check the rows"))
            self.next_button.setEnabled(not running and bool(self.mapping_step.mapping()))
        elif step == REPORT and self.check is not None:
            todo = self.check.created + self.check.updated
            self.next_button.setText(self.tr("Import %n household(s)", "", todo))
            self.next_button.setEnabled(todo > 0 and not running)
        rejected = self.result.rejected if imported else (self.check.rejected if self.check else 0)
        self.save_rejected_button.setVisible(step in (REPORT, IMPORT) and rejected > 0 and not running)
        self.close_button.setText(self.tr("Close") if step == IMPORT and not running else self.tr("Cancel"))

    def back(self) -> None:
        if self.job is None and self.step in (MAPPING, REPORT):
            self.go(self.step - 1)

    def next(self) -> None:
        if self.step == FILE and self.table is not None:
            self.go(MAPPING)
        elif self.step == MAPPING:
            self.check_rows()
        elif self.step == REPORT:
            self.start_import()

    def reject(self) -> None:
        """Cancel: stops the check (back to the columns) or the import (what was written stays); else closes."""
        if self.job is not None:
            self.job.cancel()
            say(self.status, self.tr("Stopping…"))
            self.close_button.setEnabled(False)
            return
        self._busy = False
        super().reject()

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)

    # -- 1. the file ---------------------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES))
        filters = fill(self.tr("Households lists (%1)"), patterns)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the list to import"), documents(""), filters)
        if path:
            self.open_file(path)

    def open_file(self, path: str | None, sheet: str | None = None) -> None:
        """Read `path` (its `sheet`, else the first that holds something) on the worker, with the saved mapping."""
        if not path:
            return
        if sheet is None or path != self.path:
            self.file_step.show_sheets([])
        self.path, self.table, self.check, self.result = path, None, None, None
        self.file_step.path.setText(left_to_right(path))
        self.file_step.show_read(None)
        say(self.file_step.message, "")
        self.reading = True
        say(self.status, self.tr("Reading the file…"))
        self._update_buttons()
        db = self.ctx.db

        def read() -> tuple[Table, dict[str, str]]:
            return read_table(path, sheet or None), importing.saved_mapping(db)

        self.ctx.tasks.run(
            read, on_done=lambda answer: self._on_read(path, answer), on_error=lambda e: self._on_unreadable(path, e)
        )

    def _on_read(self, path: str, answer: tuple[Table, dict[str, str]]) -> None:
        if self.closed:
            return  # the wizard was closed while the work ran
        if path != self.path:
            return  # another file was chosen meanwhile
        table, saved = answer
        self.reading = False
        self.table = table
        say(self.status, "")
        self.file_step.show_sheets(table.sheets, table.sheet)
        self.file_step.show_read(table)
        self.mapping_step.show_table(table, guess_mapping(table.headers, saved))
        self._update_buttons()

    def _on_unreadable(self, path: str, error: BaseException) -> None:
        if self.closed or path != self.path:
            return  # closed, or another file chosen, while the file was read
        self.reading = False
        self.table = None
        say(self.status, "")
        say(self.file_step.message, error_text(error, self.ctx.data_dir))
        self._update_buttons()

    def choose_template_file(self) -> None:
        suggested = documents(self.tr("households-template") + ".xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the template"), suggested, self.tr("Excel (*.xlsx)"))
        if path and Path(path).suffix.lower() != ".xlsx":
            path += ".xlsx"
        if path:
            self.save_template(path)

    def save_template(self, path: str) -> None:
        def saved(_) -> None:
            if self.closed:
                return
            text = self.tr("Template saved in %1. Fill it in (one household per row), then choose it here.")
            say(self.status, fill(text, left_to_right(path)))

        self.ctx.tasks.run(lambda: write_template(path), on_done=saved, on_error=self._say_error)

    def _say_error(self, error: BaseException) -> None:
        if self.closed:
            return  # the wizard was closed while the work ran
        say(self.status, error_text(error, self.ctx.data_dir))

    # -- 2. the check --------------------------------------------------------------------------------------------------

    def check_rows(self) -> None:
        """The dry run on the worker with the columns as chosen; Cancel goes back to the columns."""
        if self.table is None or self.job is not None:
            return
        db, table, mapping = self.ctx.db, self.table, self.mapping_step.mapping()
        say(self.mapping_step.message, "")
        say(self.status, self.tr("Checking every row…"))
        self._start(lambda progress: importing.check_import(db, table, mapping, progress.report), self._on_checked,
                    self._on_check_refused)  # fmt: skip

    def _start(self, work, on_done, on_error, writes: frozenset[str] = frozenset()) -> None:
        """Work on the database worker; `writes`: what it may change, published to the pages once it ends."""
        self.work_bar.setRange(0, 0)
        self.work_bar.show()
        if writes:
            self.job = run_long_operation(self.ctx, work, on_done, on_error, self._progressed, touches=writes)
        else:
            self.job = self.ctx.tasks.run_long(work, on_done, on_error, self._progressed)
        self.close_button.setEnabled(True)
        self._update_buttons()

    def _progressed(self, done: int, total: int) -> None:
        for bar in (self.work_bar, self.import_step.bar):
            if total > 0:
                bar.setRange(0, total)
                bar.setValue(min(done, total))

    def _stopped(self) -> None:
        self.job = None
        self.work_bar.hide()
        self.close_button.setEnabled(True)
        say(self.status, "")

    def _on_checked(self, check: importing.ImportCheck) -> None:
        if self.closed:
            return  # the wizard was closed while the work ran
        cancelled = self.job is not None and self.job.cancelled
        self._stopped()
        if cancelled:
            self._update_buttons()
            return
        self.check = check
        counts = {name: getattr(check, name) for name in ("created", "updated", "unchanged", "rejected", "warnings")}
        self.report_step.show_check(counts, check.problems)
        self.go(REPORT)

    def _on_check_refused(self, error: BaseException) -> None:
        if self.closed:
            return  # the wizard was closed while the work ran
        self._stopped()
        if not isinstance(error, Cancelled):
            say(self.mapping_step.message, error_text(error, self.ctx.data_dir))
        self._update_buttons()

    # -- 3. the import -------------------------------------------------------------------------------------------------

    def start_import(self) -> None:
        """The rows the check accepted, written on the worker; the mapping is remembered first."""
        check = self.check
        if check is None or self.job is not None or not check.created + check.updated:
            return
        db = self.ctx.db

        def work(progress: Progress) -> importing.ImportResult:
            importing.save_mapping(db, check.table, check.mapping)

            def report(done: int, total: int) -> None:
                with contextlib.suppress(Cancelled):  # run_import asks `cancelled` between transactions
                    progress.report(done, total)

            return importing.run_import(db, check, report, lambda: progress.cancelled)

        self._busy = True
        self.go(IMPORT)
        self.import_step.show_running()
        # the mapping is saved first, and an import stopped part-way keeps the batches it wrote
        self._start(work, self._on_imported, self._on_import_failed, writes=frozenset({"households", "settings"}))
        self.work_bar.hide()  # the step has its own bar

    def _on_imported(self, result: importing.ImportResult) -> None:
        self._stopped()
        self._busy = False
        self.result = result
        self.import_step.show_result(result, [*self.check.problems, *result.problems] if self.check else [])
        self._update_buttons()
        self.imported.emit(result)

    def _on_import_failed(self, error: BaseException) -> None:
        self._stopped()
        self._busy = False
        self.result = importing.ImportResult(rejected=self.check.rejected if self.check else 0)
        self.import_step.bar.hide()
        say(self.import_step.status, error_text(error, self.ctx.data_dir))
        self._update_buttons()

    # -- the rejected rows ---------------------------------------------------------------------------------------------

    def choose_rejected_file(self) -> None:
        stem = Path(self.table.source).stem if self.table else "import"
        suggested = documents(f"{stem}-" + self.tr("rejected") + ".xlsx")
        title = self.tr("Save rejected rows")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, self.tr("Excel (*.xlsx)"))
        if path and Path(path).suffix.lower() != ".xlsx":
            path += ".xlsx"
        if path:
            self.save_rejected(path)

    def save_rejected(self, path: str) -> None:
        """The refused rows (with those refused while writing) to an XLSX, faulty cells in red, on the worker."""
        check = self.check
        if check is None:
            return
        late = list(self.result.problems) if self.result else []

        def saved(count: int) -> None:
            if self.closed:
                return
            text = self.tr("%n rejected row(s) saved in %1: correct the red cells, then import that file.", "", count)
            say(self.status, fill(text, left_to_right(path)))

        self.ctx.tasks.run(lambda: importing.write_rejected(check, path, late), on_done=saved, on_error=self._say_error)
