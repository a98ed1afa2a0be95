"""The members of a household as rows of fields (names, sex, birth year, relation), added and removed by keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.normalize import western_digits
from fieldapp.services.households import MemberInput
from fieldapp.views import MemberView
from ui.households.widgets import chosen
from ui.shared.labels import fill

SEXES = ("", "F", "M")
RELATIONS = ("", "spouse", "child", "parent", "grandchild", "sibling", "other")
# Western and Arabic-Indic digits: an Arabic keyboard types ١٩٨٥.
YEAR_PATTERN = QRegularExpression("[0-9\u0660-\u0669\u06f0-\u06f9]{0,4}")


class MemberRow(QWidget):
    """One member: the fields of one line, and the button that removes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(self)
        self.name_ar = QLineEdit(self)
        self.name_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.sex = QComboBox(self)
        self.birth_year = QLineEdit(self)
        self.birth_year.setValidator(QRegularExpressionValidator(YEAR_PATTERN, self.birth_year))
        self.birth_year.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.relation = QComboBox(self)
        self.remove = QPushButton("✕", self)
        self.remove.setAutoDefault(False)
        widths = ((self.sex, 110), (self.birth_year, 80), (self.relation, 170), (self.remove, 36))
        layout.addWidget(self.name, 1)
        layout.addWidget(self.name_ar, 1)
        for widget, width in widths:
            widget.setFixedWidth(width)
            layout.addWidget(widget)

    def fields(self) -> list[QWidget]:
        return [self.name, self.name_ar, self.sex, self.birth_year, self.relation, self.remove]

    def is_blank(self) -> bool:
        typed = (self.name.text().strip(), self.name_ar.text().strip(), self.birth_year.text().strip())
        return not any(typed) and self.sex.currentIndex() <= 0

    def year(self) -> int | None:
        digits = western_digits(self.birth_year.text().strip())
        return int(digits) if digits else None

    def value(self) -> MemberInput:
        return MemberInput(
            name=self.name.text(),
            name_ar=self.name_ar.text() or None,
            sex=chosen(self.sex),
            birth_year=self.year(),
            relation=chosen(self.relation),
        )


class MembersEditor(QWidget):
    """Rows of members; blank rows are ignored; Ctrl+Delete or ✕ removes a row, the button adds one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdMembers")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.headers = [QLabel(self) for _ in range(5)]
        for label in self.headers:
            label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.headers[0], 1)
        header.addWidget(self.headers[1], 1)
        for label, width in zip(self.headers[2:], (110, 80, 170), strict=True):
            label.setFixedWidth(width)
            header.addWidget(label)
        header.addSpacing(36 + header.spacing())
        layout.addLayout(header)
        self.rows_layout = QVBoxLayout()
        layout.addLayout(self.rows_layout)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("memberAdd")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_member().name.setFocus())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.rows: list[MemberRow] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for label, text in zip(
            self.headers,
            (self.tr("Name"), self.tr("Name in Arabic"), self.tr("Sex"), self.tr("Birth year"), self.tr("Relation")),
            strict=True,
        ):
            label.setText(text)
        self.add_button.setText(self.tr("&Add a member"))
        self.add_button.setAccessibleName(self.tr("Add a member"))
        for row in self.rows:
            self._fill_choices(row)
        self._name_rows()

    def _fill_choices(self, row: MemberRow) -> None:
        sexes = {"": "—", "F": self.tr("Female"), "M": self.tr("Male")}
        relations = {
            "": "—",
            "spouse": self.tr("Spouse"),
            "child": self.tr("Child"),
            "parent": self.tr("Parent"),
            "grandchild": self.tr("Grandchild"),
            "sibling": self.tr("Brother or sister"),
            "other": self.tr("Other relative"),
        }
        for combo, labels in ((row.sex, sexes), (row.relation, relations)):
            current = chosen(combo) or ""
            extra = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i) not in labels]
            combo.clear()
            for code, label in labels.items():
                combo.addItem(label, code)
            for code in extra:  # a relation typed on the command line is kept as it was written
                combo.addItem(code, code)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def _name_rows(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            names = (
                ("memberName", self.tr("Member %1: name")),
                ("memberNameAr", self.tr("Member %1: name in Arabic")),
                ("memberSex", self.tr("Member %1: sex")),
                ("memberBirthYear", self.tr("Member %1: birth year")),
                ("memberRelation", self.tr("Member %1: relation")),
                ("memberRemove", self.tr("Remove member %1")),
            )
            for widget, (object_name, accessible) in zip(row.fields(), names, strict=True):
                widget.setObjectName(f"{object_name}{number}")
                widget.setAccessibleName(fill(accessible, str(number)))
            row.birth_year.setPlaceholderText(self.tr("e.g. 1985"))
            row.remove.setToolTip(self.tr("Remove this member (Ctrl+Delete)"))

    def add_member(self, member: MemberView | None = None) -> MemberRow:
        row = MemberRow(self)
        self._fill_choices(row)
        if member is not None:
            row.name.setText(member.name)
            row.name_ar.setText(member.name_ar or "")
            if member.relation and row.relation.findData(member.relation) < 0:
                row.relation.addItem(member.relation, member.relation)
            row.sex.setCurrentIndex(max(row.sex.findData(member.sex or ""), 0))
            row.birth_year.setText(str(member.birth_year) if member.birth_year else "")
            row.relation.setCurrentIndex(max(row.relation.findData(member.relation or ""), 0))
        for widget in row.fields()[:-1]:
            widget.installEventFilter(self)
        row.name.textChanged.connect(self.changed)
        row.name_ar.textChanged.connect(self.changed)
        row.sex.currentIndexChanged.connect(self.changed)
        row.birth_year.textChanged.connect(self.changed)
        row.relation.currentIndexChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self._name_rows()
        self.changed.emit()
        return row

    def remove_row(self, row: MemberRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._name_rows()
        following = self.rows[index] if index < len(self.rows) else (self.rows[-1] if self.rows else None)
        (following.name if following is not None else self.add_button).setFocus()
        self.changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            row = next((r for r in self.rows if watched in r.fields()), None)
            if row is not None:
                self.remove_row(row)
                return True
        return super().eventFilter(watched, event)

    def set_members(self, members: list[MemberView]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        for member in members:
            self.add_member(member)
        self._name_rows()

    def members(self) -> list[MemberInput]:
        return [row.value() for row in self.rows if not row.is_blank()]

    def focus_chain(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.fields()] + [self.add_button]

    def row_for_error(self, key: str, params: dict) -> MemberRow | None:
        """The row a core refusal is about (bad birth year, a member with no name), when it can be told."""
        for row in self.rows:
            if row.is_blank():
                continue
            if key == "error.member_birth_year" and str(row.year()) == str(params.get("year")):
                return row
            if key == "error.member_invalid" and not row.name.text().strip():
                return row
        return None


class MembersBox(QGroupBox):
    """The members editor under its title, scrolling when the family is large."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        self.editor = MembersEditor(scroll)
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(96)
        layout.addWidget(scroll)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Members besides the head of household"))
        self.editor.retranslate_ui()
