"""Qt translations of the window: extract strings into resources/translations/*.ts, check them, build the .qm files.

python scripts/translations.py update    # pyside6-lupdate over ui/ (keeps existing translations)
python scripts/translations.py check     # fails when a French or Arabic string is missing or unfinished
python scripts/translations.py release   # pyside6-lrelease: .ts → .qm (make translations; run by set-up)
python scripts/translations.py apply FILE.json   # fill translations from {"source": {"fr": "…", "ar": "…"}}
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("fr", "ar")


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def ts_path(language: str) -> Path:
    return TS_DIR / f"fieldapp_{language}.ts"


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    for language in LANGUAGES:
        subprocess.run(
            [
                _tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-target-language",
                language,
                "-ts",
                str(ts_path(language)),
            ],
            check=True,
        )


def missing(language: str) -> list[str]:
    """Sources with no finished translation (numerus forms included)."""
    tree = ET.parse(ts_path(language))
    result = []
    for context in tree.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform") if translation is not None else []
            texts = [f.text for f in forms] if forms else [translation.text if translation is not None else None]
            unfinished = translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete")
            if unfinished or not all(texts):
                result.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return result


def apply(mapping_file: str) -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    for language in LANGUAGES:
        tree = ET.parse(ts_path(language))
        for message in tree.iter("message"):
            wanted = mapping.get(message.findtext("source"), {}).get(language)
            if not wanted:
                continue
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                for text in wanted if isinstance(wanted, list) else [wanted]:
                    ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = wanted
        tree.write(ts_path(language), encoding="utf-8", xml_declaration=True)


def release() -> None:
    for language in LANGUAGES:
        target = ts_path(language).with_suffix(".qm")
        subprocess.run([_tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)], check=True)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "release"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "apply":
        apply(argv[2])
        update()  # back to lupdate's own layout, so a diff shows only the translations that changed
    elif command == "check":
        gaps = {language: missing(language) for language in LANGUAGES}
        for language, items in gaps.items():
            for item in items:
                print(f"{language}: {item}")
        return 1 if any(gaps.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
