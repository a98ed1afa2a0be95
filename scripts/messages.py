"""The CLI's message catalogs (resources/translations/messages.{fr,ar,en}.json), kept sorted by key.

`messages.py add FILE.py`: add or replace messages from a Python file defining M = {key: (fr, ar, en)}.
`messages.py merge`: resolve a git merge conflict in the catalogs with the union of both sides' keys (ours wins).
"""

import json
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("fr", "ar", "en")


def catalog_path(language: str) -> Path:
    return FOLDER / f"messages.{language}.json"


def write_catalog(language: str, messages: dict) -> None:
    text = json.dumps(dict(sorted(messages.items())), ensure_ascii=False, indent=1) + "\n"
    catalog_path(language).write_text(text, encoding="utf-8")


def add(source: str) -> None:
    new = runpy.run_path(source)["M"]
    for index, language in enumerate(LANGUAGES):
        current = json.loads(catalog_path(language).read_text(encoding="utf-8"))
        current.update({key: texts[index] for key, texts in new.items()})
        write_catalog(language, current)


def _side(stage: int, language: str) -> dict:
    relative = catalog_path(language).relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f":{stage}:{relative}"], capture_output=True, text=True, check=True)
    return json.loads(shown.stdout)


def merge() -> None:
    for language in LANGUAGES:
        if "<<<<<<<" in catalog_path(language).read_text(encoding="utf-8"):
            write_catalog(language, {**_side(3, language), **_side(2, language)})
            print(f"merged messages.{language}.json", file=sys.stderr)


if __name__ == "__main__":
    add(sys.argv[2]) if sys.argv[1] == "add" else merge()
