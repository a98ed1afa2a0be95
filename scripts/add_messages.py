"""Add CLI messages (fr, ar, en) from a Python file defining M = {key: (fr, ar, en)}, keeping each JSON sorted."""

import json
import runpy
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "translations"


def main(source: str) -> None:
    messages = runpy.run_path(source)["M"]
    for index, language in enumerate(("fr", "ar", "en")):
        path = FOLDER / f"messages.{language}.json"
        current = json.loads(path.read_text(encoding="utf-8"))
        current.update({key: texts[index] for key, texts in messages.items()})
        path.write_text(json.dumps(dict(sorted(current.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
