"""``python -m archive.extraction --jsonl < in.jsonl > out.jsonl``.

Reads ``{"id", "text"}`` lines, writes ``{"id", "mentions": [...]}`` lines, using
the shipped knowledge base (no database).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from itertools import islice
from typing import TextIO

from .extractor import Extractor

CHUNK = 64
MENTION_FIELDS = ("start", "end", "text", "kind", "entity", "confidence", "origin")


def _records(stream: TextIO) -> Iterator[dict]:
    for number, line in enumerate(stream, 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"line {number}: not JSON: {exc}") from exc


def run(stream_in: TextIO, stream_out: TextIO, extractor: Extractor) -> int:
    records = _records(stream_in)
    count = 0
    while chunk := list(islice(records, CHUNK)):
        results = extractor.extract_many([r.get("text") or "" for r in chunk])
        for record, mentions in zip(chunk, results, strict=True):
            rows = [{f: getattr(m, f) for f in MENTION_FIELDS} | {"in_kb": m.in_kb} for m in mentions]
            stream_out.write(
                json.dumps({"id": record.get("id"), "mentions": rows}, ensure_ascii=False) + "\n"
            )
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m archive.extraction",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--jsonl", action="store_true", required=True, help="JSON lines in and out")
    parser.add_argument("--no-model", action="store_true", help="dictionary and rules only")
    args = parser.parse_args(argv)
    run(sys.stdin, sys.stdout, Extractor(use_model=not args.no_model))
    return 0
