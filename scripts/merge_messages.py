"""Resolve a git merge conflict in the message catalogs: the union of both sides' keys (ours wins), sorted."""

import json
import subprocess
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "translations"


def side(stage: int, path: Path) -> dict:
    relative = path.relative_to(FOLDER.parent.parent).as_posix()
    text = subprocess.run(["git", "show", f":{stage}:{relative}"], capture_output=True, text=True, check=True).stdout
    return json.loads(text)


def main() -> None:
    for language in ("fr", "ar", "en"):
        path = FOLDER / f"messages.{language}.json"
        if "<<<<<<<" not in path.read_text(encoding="utf-8"):
            continue
        merged = {**side(3, path), **side(2, path)}
        path.write_text(json.dumps(dict(sorted(merged.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"merged {path.name}: {len(merged)} keys", file=sys.stderr)


if __name__ == "__main__":
    main()
