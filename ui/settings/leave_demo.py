"""Leaving the demo from the window: a clear warning, the demo's record set aside, then the first set-up of a new
laptop (fieldapp.services.leave_demo does the work; ui/shell/app.py shows the set-up dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.errors import FieldappError
from ui.shell.context import show_error


def ask_to_leave_demo(window, parent: QWidget | None = None) -> QMessageBox:
    """The warning (what is discarded, where it is kept); leaving starts only from its confirm button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, QCoreApplication.translate("LeaveDemo", "Leave the demo"), "", parent=parent or window
    )
    box.setObjectName("leaveDemoWarning")
    box.setText(QCoreApplication.translate("LeaveDemo", "Leave the demo and set the association up?"))
    box.setInformativeText(
        QCoreApplication.translate(
            "LeaveDemo",
            "The demo families, servings, events, volunteers and users are discarded: they were never real. "
            "Nothing is deleted: the demo's data is moved to a demo-archive folder inside the data folder. "
            "Then the set-up of a new laptop starts: your association, this laptop's code and its first coordinator.",
        )
    )
    confirm = box.addButton(
        QCoreApplication.translate("LeaveDemo", "Leave the demo"), QMessageBox.ButtonRole.DestructiveRole
    )
    confirm.setObjectName("leaveDemoConfirm")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("leaveDemoCancel")
    box.setDefaultButton(cancel)  # Enter on an unread warning keeps the demo
    confirm.clicked.connect(lambda: _check_then_leave(window))
    box.open()
    return box


def _check_then_leave(window) -> None:
    from fieldapp.services import leave_demo

    ctx = window.ctx
    ctx.tasks.run(
        lambda: leave_demo.check_can_leave(ctx.db),
        on_done=lambda _none: leave_now(window),
        on_error=lambda error: show_error(window, error, ctx.data_dir),
    )


def leave_now(window) -> None:
    """Every job of the window finishes first and none starts after (a read must not reopen the file being moved);
    then the record is set aside, the set-up dialog opens and the demo's window closes."""
    from fieldapp.services import leave_demo
    from ui.shell.app import set_up_after_demo

    ctx = window.ctx
    ctx.tasks.close(60_000)
    db = ctx.db
    data_dir = str(db.path.parent)
    try:
        leave_demo.leave_demo(db)
    except FieldappError as error:  # checked a moment ago: only another program could have changed it since
        show_error(None, error, ctx.data_dir).finished.connect(window.close)
        return
    ctx.reads.dispose()
    set_up_after_demo(data_dir)  # shown before the window closes: the app does not quit in between
    window.close()
