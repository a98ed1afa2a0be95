"""Every string of the window is translated into French and Arabic, with the same placeholders as its source."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TS = ROOT / "resources" / "translations"


def test_the_translation_files_cover_every_string_of_the_window():
    done = subprocess.run(
        [sys.executable, "scripts/translations.py", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, f"untranslated:\n{done.stdout}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_translations_keep_the_placeholders_of_their_source(language):
    wrong = []
    for message in ET.parse(TS / f"fieldapp_{language}.ts").iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        wanted = set(re.findall(r"%\d", source))
        for form in forms:
            if set(re.findall(r"%\d", form)) != wanted:
                wrong.append(f"{source!r} → {form!r}")
    assert wrong == []


def test_arabic_translations_are_in_arabic_script():
    latin_only = []
    for message in ET.parse(TS / "fieldapp_ar.ts").iter("message"):
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if any(re.search(r"[A-Za-z]{3}", message.findtext("source") or "") for _ in [0]) and not any(
            re.search(r"[\u0600-\u06FF]", form) for form in forms
        ):
            latin_only.append(message.findtext("source"))
    assert latin_only == []
