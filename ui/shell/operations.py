"""Writes a page asks for: run on the database worker; once one succeeded, what it changed is published to every page.

After Anki's CollectionOp: a page names the use case and what to do with its answer; it never publishes by hand. The
use case's answer says what it changed (`changed`, see fieldapp/services/__init__.py); a refusal that found records
changed elsewhere says so too (`FieldappError.stale`), and those are published the same way. The page's own callback
runs first (it may settle its state, e.g. a form no longer edited, before its own reload is asked for), then the
changes are published, even when the callback failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from fieldapp.errors import FieldappError

if TYPE_CHECKING:
    from ui.shell.context import AppContext
    from ui.shell.tasks import Progress

T = TypeVar("T")


def changes_of(answer: object) -> frozenset[str]:
    """The kinds of record an answer (or a refusal) says changed; nothing for an answer that changed nothing."""
    if isinstance(answer, FieldappError):
        return answer.stale
    return frozenset(getattr(answer, "changed", None) or ())


def run_operation(
    ctx: AppContext,
    write: Callable[[], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> int:
    """Run `write()` on the database worker; then `on_done(answer)` (or `on_error(error)`), then publish its changes.

    Without `on_error`, a refusal is left to the runner's default (a bug is raised on the GUI thread).
    """
    done, failed = _publishing(ctx, on_done, on_error)
    return ctx.tasks.run(write, on_done=done, on_error=failed)


def run_long_operation(
    ctx: AppContext,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    touches: frozenset[str] = frozenset(),
) -> Progress:
    """`run_operation` for long work with progress and Cancel (`ctx.tasks.run_long`). `touches`: what the work may
    have changed even when it stops part-way (an import commits batch by batch), published whatever the outcome."""
    done, failed = _publishing(ctx, on_done, on_error, touches)
    return ctx.tasks.run_long(work, on_done=done, on_error=failed, on_progress=on_progress)


def _publishing(ctx: AppContext, on_done, on_error, touches: frozenset[str] = frozenset()):
    """The runner's callbacks: the page's own first, then what changed is published, even when the callback failed."""

    def done(answer) -> None:
        try:
            if on_done is not None:
                on_done(answer)
        finally:
            ctx.changes.publish(changes_of(answer) | touches)

    def failed(error: BaseException) -> None:
        try:
            if on_error is not None:
                on_error(error)
            elif not isinstance(error, FieldappError):
                raise error
        finally:
            ctx.changes.publish(changes_of(error) | touches)

    return done, failed
