"""Shape and coverage checks for the fictional demo articles shipped in archive/demo/articles.jsonl.

The demo set is what a fresh install shows, so it must exercise every entity kind, the spelling
variants the extractor normalises, and the non-English scripts, while staying clearly fictional.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest

DEMO_FILE = Path(__file__).resolve().parents[1] / "archive" / "demo" / "articles.jsonl"
REQUIRED_FIELDS = {"title", "body", "source", "url", "author", "published_at", "language"}
DEMO_SOURCES = {"Demo Defense Wire", "Demo Naval Review", "Demo Air Power Journal"}
DISCLAIMER = "This is a demo article written for the archive; the events are fictional."

# Surface strings per kind: every one must occur somewhere, so a kind cannot silently disappear
# when an article is edited. Weapons are split by category because each category has its own KB file.
WEAPON_SURFACES: dict[str, tuple[str, ...]] = {
    "aircraft": ("Su-30SM2", "Su-30SM", "Su-30MKI", "Gripen E", "MiG-29", "F-16", "C-130J", "A400M"),
    "helicopter": ("Mi-24", "Mi-35M", "Mi-24V", "AH-64E", "AW149", "H145M"),
    "drone": ("Bayraktar TB2", "Kizilelma", "Akinci", "TB3"),
    "missile": (
        "Oreshnik",
        "Iskander-M",
        "BrahMos-A",
        "Meteor",
        "Naval Strike Missile",
        "Kh-35U",
        "Hellfire",
    ),
    "air defence": ("IRIS-T SLM", "Patriot", "NASAMS", "SAMP/T NG", "Skyranger 30", "Tor-M2"),
    "artillery": ("K9", "M109A5", "M119", "HIMARS", "TOS-1A", "Krab"),
    "armour": ("Leopard 2", "Leopard 2A7", "Leopard 2A8", "T-90M", "T-72B3M", "K2PL", "Puma", "Lynx KF41"),
    "ship": ("Type 055", "Type 052D", "Type 26", "City-class", "HMS Glasgow", "TCG Anadolu"),
    "submarine": ("Virginia-class", "USS Minnesota", "Collins-class", "Astute-class", "636.3"),
}
UNIT_SURFACES = (
    "50-й смешанной авиационной базе",
    "1st Guards Tank Army",
    "82nd Airborne Division",
    "Black Sea Fleet",
    "Ramstein Air Base",
    "86th Airlift Wing",
    "45th Armoured Brigade",
    "714th Anti-Armour Helicopter Squadron",
    "1st Army Aviation Brigade",
    "18th Mechanised Division",
)
ORG_SURFACES = (
    "Russian Ministry of Defence",
    "Ministry of National Defence",
    "Bundeswehr",
    "Royal Australian Navy",
    "Turkish Naval Forces",
    "Rheinmetall",
    "Saab",
    "Rostec",
    "Hanwha Aerospace",
    "NATO",
    "AUKUS",
    "TASS",
    "Reuters",
)
PERSON_SURFACES = (
    "Boris Pistorius",
    "Mark Rutte",
    "Andrei Belousov",
    "Viktor Khrenin",
    "Władysław Kosiniak-Kamysz",
    "Richard Marles",
    "Hanno Pevkur",
    "Armin Papperger",
    "Colonel Aleh Marozau",
    "Lieutenant Colonel Jana Kessler",
)
PLACE_SURFACES = (
    "Belarus",
    "Poland",
    "Lithuania",
    "Crimea",
    "Minsk",
    "Glasgow",
    "Black Sea",
    "Baltic Sea",
    "Indian Ocean",
    "Astrakhan region",
    "Rhineland-Palatinate",
)
# Spellings the extractor must reconcile with a canonical name; the demo data has to show each once.
SPELLING_VARIANTS = (
    "Су-30СМ2",  # Cyrillic designation inside English text
    "Su-30C2",  # Latin C read from Cyrillic С
    "Su-30 SM",  # spacing variant
    "SU-30SM",  # case variant
    "Orehnik",  # transliteration variant of Oreshnik
    "Zelenskiy",
    "Zelenskyy",
    "Wladyslaw Kosiniak-Kamysz",
    "в Беларуси",  # inflected place name
    "под Барановичами",
    "над Харківщиною",
)
# Entities meant to recur over time so that entity pages have a timeline and related entities.
RECURRING_ENTITIES: dict[str, tuple[str, ...]] = {
    "Su-30SM2": ("Su-30SM2", "Су-30СМ2", "Su-30C2"),
    "Mi-24 family": ("Mi-24", "Mi-35M", "Ми-24", "Ми-35М"),
    "Oreshnik": ("Oreshnik", "Orehnik"),
    "IRIS-T SLM": ("IRIS-T SLM",),
    "Black Sea Fleet": ("Black Sea Fleet", "Черноморского флота"),
    "Zelensky": ("Zelensky", "Зеленськ"),
    "Viktor Khrenin": ("Khrenin", "Хренин"),
    "Kosiniak-Kamysz": ("Kosiniak-Kamysz",),
    "Colonel Marozau": ("Marozau",),
    "Rheinmetall": ("Rheinmetall",),
    "TASS": ("TASS", "ТАСС"),
}
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def load_articles() -> list[dict[str, str]]:
    with DEMO_FILE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def articles() -> list[dict[str, str]]:
    return load_articles()


@pytest.fixture(scope="module")
def corpus(articles: list[dict[str, str]]) -> str:
    return "\n".join(f"{article['title']}\n{article['body']}" for article in articles)


def missing_from(corpus: str, surfaces: Iterable[str]) -> list[str]:
    return [surface for surface in surfaces if surface not in corpus]


def word_shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_every_line_is_a_json_object_with_exactly_the_expected_fields() -> None:
    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines()
    assert lines, "demo file is empty"
    for number, line in enumerate(lines, start=1):
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"
        assert set(record) == REQUIRED_FIELDS, f"line {number} fields: {sorted(record)}"
        assert all(isinstance(value, str) and value.strip() for value in record.values()), f"line {number}"


def test_article_count_is_between_18_and_25(articles: list[dict[str, str]]) -> None:
    assert 18 <= len(articles) <= 25


def test_titles_are_marked_demo_and_unique(articles: list[dict[str, str]]) -> None:
    titles = [article["title"] for article in articles]
    assert all(title.startswith("[Demo] ") for title in titles)
    assert len(set(titles)) == len(titles)


def test_bodies_end_with_the_fictional_disclaimer(articles: list[dict[str, str]]) -> None:
    for article in articles:
        assert article["body"].rstrip().splitlines()[-1] == DISCLAIMER, article["title"]


def test_bodies_are_short_articles(articles: list[dict[str, str]]) -> None:
    for article in articles:
        assert 150 <= len(article["body"].split()) <= 400, article["title"]


def test_bodies_are_distinct_and_not_near_duplicates(articles: list[dict[str, str]]) -> None:
    bodies = [article["body"].replace(DISCLAIMER, "") for article in articles]
    assert len(set(bodies)) == len(bodies)
    shingles = [word_shingles(body) for body in bodies]
    for i in range(len(shingles)):
        for j in range(i + 1, len(shingles)):
            overlap = len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j])
            assert overlap < 0.2, (articles[i]["title"], articles[j]["title"], overlap)


def test_sources_and_urls_are_invented(articles: list[dict[str, str]]) -> None:
    assert {article["source"] for article in articles} == DEMO_SOURCES
    urls = [article["url"] for article in articles]
    assert all(url.startswith("https://demo.invalid/") for url in urls)
    assert len(set(urls)) == len(urls)


def test_dates_are_timezone_aware_and_span_the_last_18_months(articles: list[dict[str, str]]) -> None:
    dates = [datetime.fromisoformat(article["published_at"]) for article in articles]
    assert all(date.tzinfo is not None and date.utcoffset() is not None for date in dates)
    assert min(dates) >= datetime(2025, 5, 1, tzinfo=UTC)
    assert max(dates) < datetime(2026, 12, 1, tzinfo=UTC)
    months = {(date.year, date.month) for date in dates}
    assert len(months) >= 15, "dates should be spread out, not bunched"


def test_languages_are_english_plus_two_russian_and_one_ukrainian(articles: list[dict[str, str]]) -> None:
    languages = [article["language"] for article in articles]
    assert set(languages) == {"en", "ru", "uk"}
    assert languages.count("ru") == 2
    assert languages.count("uk") == 1


def test_russian_and_ukrainian_articles_are_written_in_cyrillic(articles: list[dict[str, str]]) -> None:
    for article in articles:
        if article["language"] == "en":
            continue
        text = article["body"].replace(DISCLAIMER, "")
        cyrillic = len(CYRILLIC_LETTER.findall(text))
        latin = len(LATIN_LETTER.findall(text))
        assert cyrillic > 10 * latin, article["title"]
        # Letters that exist in only one of the two languages show the text is not mislabelled.
        if article["language"] == "uk":
            assert re.search(r"[іїєґ]", text), article["title"]
        else:
            assert re.search(r"[ыэъ]", text), article["title"]


def test_english_articles_stay_mostly_latin_but_some_carry_cyrillic(articles: list[dict[str, str]]) -> None:
    english = [article for article in articles if article["language"] == "en"]
    assert any(CYRILLIC_LETTER.search(article["body"]) for article in english)
    for article in english:
        assert len(CYRILLIC_LETTER.findall(article["body"])) < 20, article["title"]


@pytest.mark.parametrize("category", sorted(WEAPON_SURFACES))
def test_every_weapon_category_is_present(corpus: str, category: str) -> None:
    assert missing_from(corpus, WEAPON_SURFACES[category]) == []


@pytest.mark.parametrize(
    ("kind", "surfaces"),
    [
        ("unit", UNIT_SURFACES),
        ("org", ORG_SURFACES),
        ("person", PERSON_SURFACES),
        ("place", PLACE_SURFACES),
        ("spelling variant", SPELLING_VARIANTS),
    ],
)
def test_every_entity_kind_is_present(corpus: str, kind: str, surfaces: tuple[str, ...]) -> None:
    assert missing_from(corpus, surfaces) == [], kind


@pytest.mark.parametrize("entity", sorted(RECURRING_ENTITIES))
def test_shared_entities_recur_in_different_months(articles: list[dict[str, str]], entity: str) -> None:
    surfaces = RECURRING_ENTITIES[entity]
    months = {
        article["published_at"][:7]
        for article in articles
        if any(surface in f"{article['title']}\n{article['body']}" for surface in surfaces)
    }
    assert len(months) >= 2, entity


def test_invented_officers_get_a_rank_first_and_the_surname_alone_later(corpus: str) -> None:
    ranked = re.findall(
        r"\b(?:Colonel|Lieutenant Colonel|Major|Commander|Captain|Group Captain) [A-Z][a-z]+ ([A-Z][\w-]+)",
        corpus,
    )
    surname_reused = [surname for surname in set(ranked) if corpus.count(f"{surname} said") >= 1]
    assert len(surname_reused) >= 8, surname_reused
