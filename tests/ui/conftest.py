"""Qt tests run offscreen; the app's singletons are reset between tests."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
