"""The progress window over long work: a bar that follows the work, Cancel that stops it, no answer after Cancel."""

import os
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fieldapp.errors import BadData
from ui.shared.long_task import LongTask
from ui.shell.tasks import TaskRunner


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def make(parent):
    runner = TaskRunner(parent)
    return LongTask(parent, runner, "Export", "Writing…"), runner


def test_the_bar_follows_the_work_and_the_answer_comes_back(qtbot, parent):
    task, runner = make(parent)
    answers, step = [], threading.Event()

    def work(progress):
        progress.report(1, 4)
        step.wait(10)
        progress.report(3, 4)
        return "done"

    task.start(work, answers.append, answers.append)
    assert task.isVisible() and task.bar.maximum() == 0  # moving until the work says how much there is
    qtbot.waitUntil(lambda: task.bar.maximum() == 4 and task.bar.value() == 1)
    step.set()
    qtbot.waitUntil(lambda: answers == ["done"])
    assert not task.isVisible() and task.bar.value() == 3
    runner.wait()


def test_cancel_stops_the_work_at_its_next_report_and_nobody_is_answered(qtbot, parent):
    task, runner = make(parent)
    answers, reached, cancelled = [], threading.Event(), []
    task.cancelled.connect(lambda: cancelled.append(True))

    def work(progress):
        for done in range(1000):
            progress.report(done, 1000)  # raises Cancelled once the person pressed Cancel
            reached.set()
            threading.Event().wait(0.01)
        return "finished anyway"

    task.start(work, answers.append, answers.append, discard=lambda result: answers.append(("discarded", result)))
    assert reached.wait(10)
    qtbot.mouseClick(task.cancel_button, Qt.MouseButton.LeftButton)

    assert not task.isVisible() and cancelled == [True]
    qtbot.waitUntil(lambda: not task.running)
    assert answers == [("discarded", None)]
    runner.wait()


def test_a_refusal_reaches_on_error_and_a_file_is_not_left_half_written(qtbot, parent, tmp_path):
    task, runner = make(parent)
    errors = []

    def write(temp, _progress):
        temp.write_bytes(b"half")
        raise BadData("error.name_required")

    task.write_file(tmp_path / "out.pdf", write, errors.append, errors.append)

    qtbot.waitUntil(lambda: len(errors) == 1)
    assert errors[0].key == "error.name_required"
    assert list(tmp_path.iterdir()) == []
    runner.wait()


def test_a_written_file_replaces_the_old_one_synced_and_nothing_is_left_beside_it(qtbot, parent, tmp_path, monkeypatch):
    task, runner = make(parent)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    synced, answers = [], []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))

    def write(temp, _progress):
        temp.write_bytes(b"new")
        return "written"

    task.write_file(target, write, answers.append, answers.append)

    qtbot.waitUntil(lambda: answers == ["written"])
    assert target.read_bytes() == b"new" and list(tmp_path.iterdir()) == [target]
    assert len(synced) == (2 if os.name == "posix" else 1)  # the file, then the folder that holds the move
    runner.wait()


def test_a_cancelled_file_never_appears_and_the_old_one_stays_as_it_was(qtbot, parent, tmp_path):
    task, runner = make(parent)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    answers, reached = [], threading.Event()

    def write(temp, progress):
        temp.write_bytes(b"half")
        for done in range(1000):
            progress.report(done, 1000)
            reached.set()
            threading.Event().wait(0.01)
        return "finished anyway"

    task.write_file(target, write, answers.append, answers.append)
    assert reached.wait(10)
    qtbot.keyClick(task, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: not task.running)
    assert answers == [] and target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]
    runner.wait()
