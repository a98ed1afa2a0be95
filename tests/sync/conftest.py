"""Fixtures for sync tests: two laptops of one association (real SQLite files)."""

from __future__ import annotations

import pytest
from replicas import laptop


@pytest.fixture
def laptop_a(tmp_path):
    db = laptop(tmp_path, "KHR1")
    yield db
    db.dispose()


@pytest.fixture
def laptop_b(tmp_path):
    db = laptop(tmp_path, "OUJ2")
    yield db
    db.dispose()
