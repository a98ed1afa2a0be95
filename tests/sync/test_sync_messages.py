"""Every message key the sync client and the sync commands use is translated in French, Arabic and English."""

from __future__ import annotations

import re
from pathlib import Path

from fieldapp import i18n

ROOT = Path(__file__).resolve().parents[2]
KEY_LITERAL = re.compile(r"""["']((?:error|cli|label)\.[A-Za-z0-9_]+)["']""")
PHASES = ("connect", "push", "pull")
TABLE_HEADERS = ("key", "kind", "name", "event", "field", "current", "other", "when", "receipts")


def _keys_in(paths) -> set[str]:
    return {key for path in paths for key in KEY_LITERAL.findall(path.read_text(encoding="utf-8"))}


def test_sync_keys_are_translated_in_every_language():
    used = _keys_in(sorted((ROOT / "sync").glob("*.py")) + [ROOT / "fieldapp" / "cli" / "syncing.py"])
    used |= {f"cli.sync_{phase}" for phase in PHASES} | {f"label.{h}" for h in TABLE_HEADERS}
    assert len(used) > 20
    for language in i18n.LANGUAGES:
        missing = sorted(k for k in used if k not in i18n.catalog(language))
        assert missing == [], (language, missing)
