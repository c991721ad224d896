"""Render time of the reader pages on PostgreSQL with a large entity.

Creates its own database (``bench_pages``), loads N synthetic articles (default 10,000) each
tagged with one member of the Mi-24 family (Mi-24, Mi-24P, Mi-35, Mi-35M) and a few other
entities, with mentions at real offsets, then renders through the Django test client and prints
p50/p95 per page and the number of queries:
- the entity page of the family (every article in its list, timeline and co-mentions),
- the same page deep in its pagination, the entity's Atom feed,
- the home page, and an article page with many mentions.

The texts are synthetic (made here from a word list); nothing is read from the shared data.

Usage: python bench/pages.py [--articles 10000] [--runs 30] [--reuse]
       [--database-url postgres://postgres@127.0.0.1:5432/bench_pages] [--without-reader-indexes]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.support import percentile, recreate_database  # noqa: E402 (after the path is set)

WORDS = (
    "ministry said the brigade received new systems during exercises near the border while analysts "
    "noted deliveries of spare parts training crews and upgraded radar were reported by officials "
    "in a statement on tuesday after the contract was signed with the plant for another batch"
).split()
OTHER_KINDS = ("place", "org", "unit", "person", "weapon")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_pages")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it already holds the data")
    parser.add_argument(
        "--without-reader-indexes",
        action="store_true",
        help="drop the indexes of migration 0006 first, to see what they buy",
    )
    return parser.parse_args()


def configure(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",  # noqa: S106 - local bench
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        STATIC_MANIFEST="0",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("ARCHIVE_VAR_DIR", tempfile.mkdtemp(prefix="bench-pages-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def database_exists(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


def synthetic_body(rng: random.Random, surfaces: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    """About 1,500 characters in paragraphs, with each surface placed 1-3 times; returns the spans."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    placements = [surface for surface in surfaces for _ in range(rng.randint(1, 3))]
    rng.shuffle(placements)
    for index in range(24):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
        if index < len(placements):
            surface = placements[index]
            sentence += " " + surface
            spans.append((length + len(sentence) - len(surface), length + len(sentence), surface))
        sentence += ".\n\n" if index % 6 == 5 else ". "
        pieces.append(sentence)
        length += len(sentence)
    return "".join(pieces).strip(), spans


def load(count: int, seed: int = 7) -> None:
    from archive.models import Article, Entity, Mention, Source, Tag

    rng = random.Random(seed)
    mi24 = Entity.objects.create(kind="weapon", name="Mi-24", slug="weapon-mi-24", curated=True)
    mi35 = Entity.objects.create(kind="weapon", name="Mi-35", slug="weapon-mi-35", parent=mi24, curated=True)
    family = [
        mi24,
        mi35,
        Entity.objects.create(kind="weapon", name="Mi-24P", slug="weapon-mi-24p", parent=mi24, curated=True),
        Entity.objects.create(kind="weapon", name="Mi-35M", slug="weapon-mi-35m", parent=mi35, curated=True),
    ]
    others = Entity.objects.bulk_create(
        Entity(kind=OTHER_KINDS[n % 5], name=f"Entity {n:03d}", slug=f"entity-{n:03d}", curated=True)
        for n in range(400)
    )
    sources = Source.objects.bulk_create(Source(name=f"Bench source {n}") for n in range(20))
    start = datetime(2016, 1, 1, tzinfo=UTC)
    batch = 1000
    for first in range(0, count, batch):
        articles, plans = [], []
        for n in range(first, min(count, first + batch)):
            # Popular entities come up far more often, as places and ministries do in the news.
            popular = {others[int(rng.paretovariate(1.2)) % len(others)] for _ in range(4)}
            tagged = [rng.choice(family), *popular]
            body, spans = synthetic_body(rng, [entity.name for entity in tagged])
            articles.append(
                Article(
                    title=f"Bench article {n}: {tagged[0].name} and {tagged[1].name}",
                    body=body,
                    content_hash=f"bench-{n:08d}",
                    source=sources[n % len(sources)],
                    language="en",
                    published_at=start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60)),
                    status="done",
                )
            )
            plans.append((tagged, spans))
        Article.objects.bulk_create(articles)
        mentions, tags = [], []
        for article, (tagged, spans) in zip(articles, plans, strict=True):
            by_name = {entity.name: entity for entity in tagged}
            counts: dict[int, int] = {}
            for begin, end, surface in spans:
                entity = by_name[surface]
                counts[entity.pk] = counts.get(entity.pk, 0) + 1
                mentions.append(
                    Mention(
                        article=article,
                        entity=entity,
                        start=begin,
                        end=end,
                        text=surface,
                        kind=entity.kind,
                        origin="gazetteer",
                        confidence=0.9,
                    )
                )
            most = max(counts.values())
            tags.extend(
                Tag(article=article, entity_id=entity_id, mention_count=n, salience=round(n / most, 3))
                for entity_id, n in counts.items()
            )
        Mention.objects.bulk_create(mentions)
        Tag.objects.bulk_create(tags)
        print(f"  loaded {min(count, first + batch)} / {count} articles", end="\r", flush=True)
    print()


def measure(client, url: str, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm the caches of the database and the template loader
        client.get(url)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return timings, len(queries.captured_queries), len(response.content)


def main() -> None:
    args = parse_args()
    configure(args.database_url)
    fresh = not (args.reuse and database_exists(args.database_url))
    if fresh:
        recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from archive.models import Article, Mention, Tag

    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        began = time.perf_counter()
        load(args.articles)
        with connection.cursor() as cursor:
            # What autovacuum does on a live database: statistics and the visibility map.
            cursor.execute("VACUUM ANALYZE")
        print(f"loaded in {time.perf_counter() - began:.1f} s")
    if args.without_reader_indexes:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS tag_entity_article")
            cursor.execute("DROP INDEX IF EXISTS article_published_desc")
            cursor.execute("ANALYZE")
    print(
        f"database: {Article.objects.count()} articles, {Tag.objects.count()} tags, "
        f"{Mention.objects.count()} mentions; PostgreSQL {connection.pg_version // 10000}"
    )

    busiest = (
        Tag.objects.filter(entity__slug="weapon-mi-24")
        .order_by("-mention_count")
        .values_list("article_id", flat=True)
        .first()
    )
    per_page = 25
    last_page = max(1, -(-Article.objects.count() // per_page))
    pages = {
        "entity page (family, page 1)": "/entities/weapon-mi-24/",
        f"entity page (family, page {last_page // 2})": f"/entities/weapon-mi-24/?page={last_page // 2}",
        "entity page (a variant)": "/entities/weapon-mi-35/",
        "entity feed (family)": "/entities/weapon-mi-24/feed/",
        "home": "/",
        "article page": f"/articles/{busiest}/",
    }
    client = Client()
    print(f"\n{'page':38} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KB':>6}   ({args.runs} runs)")
    for name, url in pages.items():
        timings, queries, size = measure(client, url, args.runs)
        print(
            f"{name:38} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
            f"{queries:8d} {size / 1024:6.0f}"
        )


if __name__ == "__main__":
    main()
