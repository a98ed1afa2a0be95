"""The wizard's last two steps: the dry run's counts and problems, then the import's progress and what it did."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QProgressBar, QTableView, QVBoxLayout, QWidget

from ui.importing.models import ProblemsModel
from ui.importing.steps import Step, label_for, say
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE
from ui.shared.table_view import rows_table

WRAPPED_ROWS = 300  # problems shown on as many lines as their message takes; beyond, one line each (the tooltip)


def problems_table(parent: QWidget, name: str) -> tuple[ProblemsModel, QTableView]:
    model = ProblemsModel(parent)
    table = rows_table(parent, name, model, stretch=ProblemsModel.MESSAGE)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return model, table


def problem_titles() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("ImportProblems", "Row"),
        QCoreApplication.translate("ImportProblems", "Column"),
        QCoreApplication.translate("ImportProblems", "Value"),
        QCoreApplication.translate("ImportProblems", "Type"),
        QCoreApplication.translate("ImportProblems", "Problem"),
    )


def fit_problems(table: QTableView, model: ProblemsModel) -> None:
    """The message takes the width left and wraps; rows grow to their message while there are not too many."""
    header, modes = table.horizontalHeader(), QHeaderView.ResizeMode
    for column in range(model.columnCount()):
        header.setSectionResizeMode(
            column, modes.Stretch if column == ProblemsModel.MESSAGE else modes.ResizeToContents
        )
    fitted = model.rowCount() <= WRAPPED_ROWS
    table.verticalHeader().setSectionResizeMode(modes.ResizeToContents if fitted else modes.Fixed)


class ReportStep(Step):
    """The dry run: how many rows each way, then every problem, errors and warnings in their colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = label_for(self, "importReportIntro")
        counts = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for name in ("created", "updated", "unchanged", "rejected", "warnings"):
            label = label_for(self, f"importCount{name.capitalize()}", wrap=False)
            label.setFrameShape(QLabel.Shape.StyledPanel)
            label.setMargin(6)
            self.count_labels[name] = label
            counts.addWidget(label)
        counts.addStretch(1)
        self.legend = label_for(self, "importReportLegend")
        self.problems, self.problems_table = problems_table(self, "importProblems")
        layout.addWidget(self.intro)
        layout.addLayout(counts)
        layout.addWidget(self.legend)
        layout.addWidget(self.problems_table, 1)
        self.counts: dict[str, int] = {}
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr("Nothing has been written yet. This is what the import will do:"))
        self.legend.setText(
            self.tr("Red: an error, the row will not be imported. Yellow: a warning, the row is imported; check it.")
        )
        self.problems.titles = problem_titles()
        self.problems_table.setAccessibleName(self.tr("Problems found, row by row"))
        self.problems.retranslate()
        self._fit()
        self._show_counts()

    def show_check(self, counts: dict[str, int], problems: list) -> None:
        self.counts = counts
        self.problems.set_rows(sorted(problems, key=lambda p: (p.row, p.level != "error")))
        self._fit()
        self._show_counts()

    def _fit(self) -> None:
        """The message takes the width left and wraps; rows grow to their message while there are not too many."""
        header = self.problems_table.horizontalHeader()
        for column in range(self.problems.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == ProblemsModel.MESSAGE
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        rows = self.problems_table.verticalHeader()
        fitted = self.problems.rowCount() <= WRAPPED_ROWS
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fitted else QHeaderView.ResizeMode.Fixed)

    def _show_counts(self) -> None:
        texts = {
            "created": self.tr("To create: %1"),
            "updated": self.tr("To update: %1"),
            "unchanged": self.tr("Unchanged: %1"),
            "rejected": self.tr("Rejected (not imported): %1"),
            "warnings": self.tr("Warnings: %1"),
        }
        for name, label in self.count_labels.items():
            label.setText(fill(texts[name], self.counts.get(name, 0)))
            colour = {"rejected": "#FFC7CE", "warnings": "#FFEB9C"}.get(name) if self.counts.get(name) else None
            label.setStyleSheet(f"background: {colour}; color: black;" if colour else "")


class ImportStep(Step):
    """The import under way (a bar, Cancel at the bottom), then what it did: never "done" alone when rows were left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.status = label_for(self, "importStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 0)
        self.rejected_text = label_for(self, "importRejectedText")
        self.rejected_text.setStyleSheet(ERROR_STYLE)
        self.problems, self.problems_table = problems_table(self, "importResultProblems")
        self.problems_table.hide()
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.rejected_text)
        layout.addWidget(self.problems_table, 1)
        self.stretch = QWidget(self)  # keeps the sentences at the top while there is no list under them
        layout.addWidget(self.stretch, 1)
        self.result = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.bar.setAccessibleName(self.tr("Progress of the import"))
        self.problems.titles = problem_titles()
        self.problems_table.setAccessibleName(self.tr("Rows not imported and warnings"))
        self.problems.retranslate()
        fit_problems(self.problems_table, self.problems)
        self._show()

    def show_running(self) -> None:
        self.result = None
        self.bar.setRange(0, 0)
        self.bar.show()
        self._show()

    def progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def show_result(self, result, problems: list) -> None:
        """What the import did, and every problem of the rows (those refused while writing too)."""
        self.result = result
        self.bar.hide()
        self.problems.set_rows(sorted(problems, key=lambda p: (p.row, p.level != "error")))
        fit_problems(self.problems_table, self.problems)
        self.problems_table.setVisible(bool(problems))
        self.stretch.setVisible(not problems)
        self._show()

    def _show(self) -> None:
        result = self.result
        if result is None:
            say(self.status, self.tr("Importing the households… Cancel stops between two batches of households."))
            say(self.rejected_text, "")
            return
        first = self.tr("Import stopped (Cancel).") if result.cancelled else self.tr("Import finished.")
        written = [
            self.tr("%n household(s) created.", "", result.created),
            self.tr("%n household(s) updated.", "", result.updated) if result.updated else "",
            self.tr("%n unchanged.", "", result.unchanged) if result.unchanged else "",
        ]
        if result.warnings:
            written.append(self.tr("%n warning(s): listed below.", "", result.warnings))
        if result.cancelled:
            written.append(self.tr("The rows after those were not imported."))
        say(self.status, " ".join(filter(None, [first, *written])))
        if result.rejected:
            text = self.tr(
                "%n row(s) were NOT imported. Save them with “Save rejected rows…”: each comes with the reason,"
                " its faulty cells in red; correct them and import that file.",
                "",
                result.rejected,
            )
        else:
            text = ""
        say(self.rejected_text, text)
