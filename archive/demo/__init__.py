"""Fictional demo articles shipped with the app (see README.md in this folder)."""

import json
from pathlib import Path

DEMO_FILE = Path(__file__).resolve().parent / "articles.jsonl"


def demo_records(path: Path = DEMO_FILE) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
