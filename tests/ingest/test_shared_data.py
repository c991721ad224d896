"""Checks against the project's development set (read from the shared data folder, never copied)."""

import json
import os
from pathlib import Path

import pytest

from archive.ingest import NEAR_DUPLICATE_THRESHOLD, fingerprint, parse_text, similarity

SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", Path(__file__).resolve().parents[2] / ".." / "shared"))
DEV_SET = SHARED / "data" / "dev" / "articles.jsonl"

pytestmark = pytest.mark.skipif(not DEV_SET.exists(), reason=f"development set not found at {DEV_SET}")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    with DEV_SET.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def test_language_detection_matches_every_annotated_language(records):
    mismatches = [
        (record["id"], record["lang"], parse_text(record["text"]).language)
        for record in records
        if parse_text(record["text"]).language != record["lang"]
    ]
    assert mismatches == []


def test_no_event_date_in_a_lead_is_taken_for_a_dateline(records):
    # None of the development articles opens with a dateline that carries a year.
    dated = [record["id"] for record in records if parse_text(record["text"]).published_at is not None]
    assert dated == []


def test_development_articles_are_not_near_duplicates_of_each_other(records):
    prints = [fingerprint(record["text"]) for record in records]
    worst = max(
        similarity(a.minhash, b.minhash) for index, a in enumerate(prints) for b in prints[index + 1 :]
    )
    assert worst < 0.5
    assert len({fp.content_hash for fp in prints}) == len(prints)


def test_lightly_edited_real_article_is_a_near_duplicate(records):
    longest = max(records, key=lambda record: len(record["text"]))["text"]
    words = longest.split(" ")
    for position in (len(words) // 4, len(words) // 2, 3 * len(words) // 4):
        words[position] = "edited"
    edited = " ".join(words)
    assert similarity(fingerprint(longest).minhash, fingerprint(edited).minhash) >= NEAR_DUPLICATE_THRESHOLD
