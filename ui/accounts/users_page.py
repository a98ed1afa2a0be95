"""Users (coordinators only): who may log in on this laptop, their role; add, change role, disable or enable, unlock
after repeated failures, reset a password. Every change runs on the database worker through the accounts service."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from fieldapp.errors import BadData
from fieldapp.permissions import Action, Role
from fieldapp.services import accounts
from fieldapp.services.accounts import UserView
from fieldapp.timefmt import DAY, local_text
from ui.accounts.password_dialog import PasswordDialog, password_field
from ui.accounts.session import role_name
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE
from ui.shared.table_model import RowsModel
from ui.shared.table_view import rows_table, select_row
from ui.shell.context import error_text
from ui.shell.operations import run_operation
from ui.shell.page import Page


class UsersModel(RowsModel):
    NAME, ROLE, STATE, CREATED = range(4)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Role"), self.tr("State"), self.tr("Since"))

    def state(self, user: UserView) -> str:
        if user.disabled:
            return self.tr("disabled")
        if user.locked:
            return self.tr("locked (too many failed logins)")
        return self.tr("active")

    def cells(self, row: UserView) -> tuple:
        return (row.name, role_name(row.role), self.state(row), local_text(row.created_at, DAY))

    def key(self, row: UserView) -> str:
        return row.name


class UsersPage(Page):
    watches = frozenset({"users"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model = UsersModel(self)
        self.table = rows_table(self, "usersTable", self.model, stretch=UsersModel.NAME)
        actions = QHBoxLayout()
        self.role_button = self._button("userRole", actions)
        self.disable_button = self._button("userDisable", actions)
        self.unlock_button = self._button("userUnlock", actions)
        self.reset_button = self._button("userResetPassword", actions)
        actions.addStretch(1)
        self.add_box = QGroupBox(self)
        form = QHBoxLayout(self.add_box)
        self.name = QLineEdit(self.add_box)
        self.name.setObjectName("userName")
        self.role = QComboBox(self.add_box)
        self.role.setObjectName("userNewRole")
        for role in (Role.VOLUNTEER, Role.COORDINATOR):
            self.role.addItem(role.value, role.value)
        self.password = password_field(self.add_box, "userPassword")
        self.again = password_field(self.add_box, "userPasswordAgain")
        self.form_labels = [QLabel(self.add_box) for _ in range(4)]
        for label, field in zip(self.form_labels, (self.name, self.role, self.password, self.again), strict=True):
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field, 1)
        self.add_button = QPushButton(self.add_box)
        self.add_button.setObjectName("userAdd")
        form.addWidget(self.add_button)
        self.message = QLabel(self)
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        for widget in (self.intro, self.table):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        layout.addLayout(actions)
        layout.addWidget(self.add_box)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_user)
        self.again.returnPressed.connect(self.add_user)
        self.role_button.clicked.connect(self.switch_role)
        self.disable_button.clicked.connect(self.disable_or_enable)
        self.unlock_button.clicked.connect(self.unlock)
        self.reset_button.clicked.connect(self.reset_password)
        self._update_buttons()

    def _button(self, name: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        row.addWidget(button)
        return button

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "Who may log in on this laptop. A volunteer serves at the desk, prints and checks volunteers in; a "
                "coordinator may do everything. Each password opens the encrypted data: nobody can read it back."
            )
        )
        self.model.retranslate()
        self.table.setAccessibleName(self.tr("Users"))
        self.add_box.setTitle(self.tr("New user"))
        texts = (self.tr("&Name"), self.tr("&Role"), self.tr("&Password"), self.tr("Password &again"))
        for label, text, field in zip(
            self.form_labels, texts, (self.name, self.role, self.password, self.again), strict=True
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        for index in range(self.role.count()):
            self.role.setItemText(index, role_name(self.role.itemData(index)))
        self.add_button.setText(self.tr("&Add"))
        self.add_button.setAccessibleName(self.tr("Add the user"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.reset_button.setText(self.tr("Reset the &password…"))
        self._update_buttons()

    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.tasks.run(lambda: accounts.list_users(db), on_done=self._show, on_error=self.show_error)

    def _show(self, users: list[UserView]) -> None:
        previous = self.selected()
        self.model.set_rows(users)
        row = self.model.row_of(previous.name) if previous is not None else -1
        if users:
            select_row(self.table, max(row, 0))
        self._update_buttons()

    def selected(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], UsersModel.RowRole) if rows else None

    def _update_buttons(self, *_args) -> None:
        user = self.selected()
        for button in (self.role_button, self.disable_button, self.unlock_button, self.reset_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked)
        self.reset_button.setEnabled(user is not None and not user.disabled)
        volunteer = user is not None and user.role == Role.VOLUNTEER.value
        self.role_button.setText(self.tr("Make &coordinator") if volunteer else self.tr("Make &volunteer"))
        self.disable_button.setText(self.tr("&Enable…") if user is not None and user.disabled else self.tr("&Disable"))
        for button in (self.role_button, self.disable_button, self.unlock_button, self.reset_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

    def apply_role(self) -> None:
        self.setEnabled(self.ctx.may(Action.MANAGE_USERS))

    # --- changes ------------------------------------------------------------------------------------------------------
    def _run(self, work, done_text: str) -> None:
        self.message.setStyleSheet("")
        run_operation(self.ctx, work, on_done=lambda _outcome: self._say(done_text), on_error=self._refused)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _refused(self, error: BaseException) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(error, self.ctx.data_dir))  # in the user's language; what was typed stays

    def add_user(self) -> None:
        name, role, password = self.name.text().strip(), self.role.currentData(), self.password.text()
        if password != self.again.text():
            self._refused(BadData("error.passwords_differ"))
            return
        db = self.ctx.db

        def added(_outcome) -> None:
            for field in (self.name, self.password, self.again):
                field.clear()
            self._say(fill(self.tr("%1 can now log in."), name))

        run_operation(self.ctx, lambda: accounts.add_user(db, name, role, password), added, self._refused)

    def switch_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        role = Role.COORDINATOR if user.role == Role.VOLUNTEER.value else Role.VOLUNTEER
        db = self.ctx.db
        text = fill(self.tr("%1 is now %2."), user.name, role_name(role.value))
        self._run(lambda: accounts.set_role(db, user.name, role.value), text)

    def disable_or_enable(self) -> PasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        if user.disabled:  # coming back needs a new password: their old wrap was erased
            dialog = PasswordDialog(self.ctx, user.name, enabling=True, parent=self)
            dialog.accepted.connect(lambda: self._say(fill(self.tr("%1 can log in again."), user.name)))
            dialog.open()
            return dialog
        db = self.ctx.db
        self._run(lambda: accounts.disable_user(db, user.name), fill(self.tr("%1 can no longer log in."), user.name))
        return None

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            db = self.ctx.db
            self._run(lambda: accounts.unlock_user(db, user.name), fill(self.tr("%1 may try again."), user.name))

    def reset_password(self) -> PasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(self.ctx, user.name, parent=self)
        dialog.accepted.connect(lambda: self._say(fill(self.tr("New password set for %1."), user.name)))
        dialog.open()
        return dialog
