"""Cancelling a receipt from the desk: a button, and a dialog that asks for the reason and voids on the worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.i18n import left_to_right
from fieldapp.timefmt import local_text
from ui.shared.busy_dialog import BusyDialog
from ui.shared.labels import fill, paragraph
from ui.shell.context import AppContext, error_text
from ui.shell.operations import run_operation

if TYPE_CHECKING:  # the desk shows before the services (SQLAlchemy) are loaded: see ui/shell/app.py
    from fieldapp.views import DistributionView

MAX_REASON = 300
STYLE = """
#voidTitle { font-size: 15pt; font-weight: bold; }
#voidMessage { color: #b00020; }
"""


def cancelled_text(receipt: str) -> str:
    """What the desk says once a receipt is cancelled: 'Receipt KHR1-2026-00042 cancelled.'"""
    return fill(QCoreApplication.translate("VoidDialog", "Receipt %1 cancelled."), left_to_right(receipt))


class VoidButton(QPushButton):
    """ "Cancel this receipt…", shown where a receipt is on screen; `requested` carries the distribution it cancels."""

    requested = Signal(object)
    #: whether who is logged in may void (a volunteer may not: the button is then never shown nor enabled)
    allowed = True

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAutoDefault(False)
        self.served: DistributionView | None = None
        self.clicked.connect(lambda: self.requested.emit(self.served) if self.served is not None else None)
        self.show_for(None)

    def show_for(self, served: DistributionView | None) -> None:
        """The receipt the button cancels (hidden when None)."""
        self.served = served
        self.retranslate_ui()
        self.setVisible(served is not None and self.allowed)
        self.setEnabled(self.isEnabled() and self.allowed)

    def set_allowed(self, allowed: bool) -> None:
        self.allowed = allowed
        self.setEnabled(allowed)
        self.show_for(self.served)

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Cancel this receipt…"))
        receipt = left_to_right(self.served.receipt) if self.served is not None else ""
        self.setAccessibleName(fill(self.tr("Cancel receipt %1"), receipt).strip())


class VoidDialog(BusyDialog):
    """Which receipt, whose and when; a required reason; the void runs on the database worker, never blocking.

    `voided(DistributionView)` once the service committed (the change is then published to every page); a refusal
    is shown in the dialog in plain words and what was typed stays.
    """

    voided = Signal(object)

    def __init__(self, ctx: AppContext, served: DistributionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.served = ctx, served
        self._busy = False
        self.setObjectName("voidDialog")
        self.setStyleSheet(STYLE)
        self.setModal(True)
        self._setup_ui()
        self.retranslate_ui()

    @classmethod
    def ask(cls, ctx: AppContext, served: DistributionView, parent: QWidget) -> VoidDialog:
        """Open the dialog over `parent` without waiting for it (the window keeps drawing); it deletes itself."""
        dialog = cls(ctx, served, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.reason.setFocus()
        return dialog

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("voidTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self.family_label, self.served_label, self.event_label = QLabel(self), QLabel(self), QLabel(self)
        self.family = QLabel(self)
        self.family.setObjectName("voidFamily")
        self.served_on = QLabel(self)
        self.served_on.setObjectName("voidServedOn")
        self.event = QLabel(self)
        self.event.setObjectName("voidEvent")
        for label, value in (
            (self.family_label, self.family),
            (self.served_label, self.served_on),
            (self.event_label, self.event),
        ):
            value.setWordWrap(True)
            form.addRow(label, value)
        self.explain = QLabel(self)
        self.explain.setObjectName("voidExplain")
        self.explain.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason_label.setBuddy(self.reason)
        self.message = QLabel(self)
        self.message.setObjectName("voidMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.void_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.void_button.setObjectName("voidConfirm")
        self.keep_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setObjectName("voidKeep")
        self.keep_button.setAutoDefault(False)
        self.void_button.setDefault(True)  # Enter in the reason confirms, only once a reason is typed
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(self.explain)
        layout.addSpacing(6)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.void_button.clicked.connect(self.confirm)
        self.keep_button.clicked.connect(self.reject)
        self.reason.textChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        served = self.served
        self.setWindowTitle(self.tr("Cancel a receipt"))
        self.title_label.setText(fill(self.tr("Cancel receipt %1?"), left_to_right(served.receipt)))
        self.family_label.setText(self.tr("Family:"))
        names = [served.household_name, served.household_name_ar]
        if i18n.current_language() == "ar":
            names.reverse()
        self.family.setText(paragraph(" — ".join(filter(None, names))))
        self.served_label.setText(self.tr("Served:"))
        when = left_to_right(local_text(served.served_at))
        self.served_on.setText(fill(self.tr("On %1 by %2"), when, served.handed_out_by or "?"))
        self.event_label.setText(self.tr("Event:"))
        self.event.setText(paragraph(served.event_name))
        self.explain.setText(
            self.tr(
                "The receipt stays in the history, marked CANCELLED. The family can then be served again for this"
                " event."
            )
        )
        self.reason_label.setText(self.tr("&Reason for cancelling (required)"))
        self.reason.setAccessibleName(self.tr("Reason for cancelling (required)"))
        self.reason.setPlaceholderText(self.tr("For example: wrong family, wrong event"))
        self.void_button.setText(self.tr("Cancel the receipt"))
        self.void_button.setAccessibleName(self.void_button.text())
        self.keep_button.setText(self.tr("Keep it"))
        self.keep_button.setAccessibleName(self.keep_button.text())
        self.setAccessibleName(self.title_label.text())
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._busy

    def _update_buttons(self) -> None:
        self.void_button.setEnabled(not self._busy and bool(self.reason.text().strip()))
        self.keep_button.setEnabled(not self._busy)
        self.reason.setReadOnly(self._busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))

    # --- cancelling -------------------------------------------------------------------------------------------------

    def confirm(self) -> None:
        """Void the receipt on the database worker (one transaction); the dialog waits, the window does not."""
        reason = self.reason.text().strip()
        if self._busy or not reason:
            return
        db, receipt = self.ctx.db, self.served.receipt

        def void():
            from fieldapp.services import distributions

            # No actor: the laptop's operator, as for the hand-outs recorded at the desk.
            return distributions.void_distribution(db, receipt, reason)

        self._busy = True
        self._update_buttons()
        self._say(self.tr("Cancelling the receipt…"))
        run_operation(self.ctx, void, on_done=self._on_voided, on_error=self._on_refused)

    def _on_voided(self, outcome) -> None:
        self._busy = False
        self.voided.emit(outcome.value)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._say(error_text(error, self.ctx.data_dir))  # a rule in plain words; a bug: where its details went
        self.reason.setFocus()
        # Cancelled meanwhile (the command line, another window, a sync): the refusal says the distributions are stale,
        # and the pages behind reload them (ui/shell/operations.py)
