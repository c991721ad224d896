"""Search latency at scale on PostgreSQL: synthetic archive, index build, query mix, naive baseline.

Generates N news-like articles whose vocabulary and entity names come from the knowledge base
(``archive.kb.default_kb()``), loads them with COPY into a database of its own (dropped and
created by the script), builds the search index through the backend's ``rebuild`` (the
``rebuild_search_index`` code path) and prints p50/p95/p99 latencies of ``search_articles`` for a
fixed query mix, the index build time and size, and the same queries through a naive
``icontains`` search over the first min(N, 20000) articles as the baseline.

Usage:
    .venv/bin/python bench/search.py --articles 100000 [--runs 30] [--reuse]

The server is ``$BENCH_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``);
the benchmark database is ``bench_search`` on it. ``--reuse`` keeps a database already holding N
articles and only runs the queries. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
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

SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "bench_search"
SOURCES = [f"Bench Wire {number:02d}" for number in range(1, 41)]
LANGUAGES = (["en"] * 80) + (["ru"] * 8) + (["uk"] * 6) + (["fr"] * 3) + (["de"] * 3)

# News-like sentences; {W} weapons, {W2} a second weapon, {O} an organisation, {P} a place,
# {U} a unit, {N} a number, {Y} a year, {F} filler words from a long-tailed vocabulary.
TEMPLATES = [
    "{O} said on {D} that {N} {W} had been delivered to {U}.",
    "The {W} is expected to enter service with {U} by {Y}, the ministry said.",
    "Officials in {P} confirmed the contract after talks with {O}.",
    "According to {O}, the {W} will replace the ageing {W2} fleet.",
    "Satellite images published on {D} show {W} near {P}.",
    "The deal, worth about {N} million dollars, also covers training and spare parts.",
    "{U} has been operating the {W} since {Y}.",
    "Analysts said the {W} gives {P} a capability it has lacked for years.",
    "A spokesman for {O} declined to comment on the {F} {F} programme.",
    "The first batch of {W} arrived in {P} in {Y}, with more expected {F}.",
    "Air defence units in {P} were placed on alert after reports of {W2} activity.",
    "The exercise involved {N} troops from {U} and allied {F} forces.",
    "Production of the {W} will be increased to {N} units a year, {O} said.",
    "Crews of {U} completed conversion training on the {W} in {P}.",
    "The ministry of defence in {P} published a {F} report on {F} readiness.",
    "Officials described the {F} {F} as a priority for the armed forces.",
    "Parliament in {P} approved funding for {N} more {W} on {D}.",
    "The {W2} was shown to foreign buyers at an exhibition in {P}.",
    "{O} signed a memorandum with local industry to build {W} components.",
    "Engineers are fitting new radios and night sights to the {W}.",
    "The navy of {P} plans to retire the {W2} by {Y}.",
    "A delegation from {O} visited {U} to inspect the {F} depot.",
    "Unconfirmed reports said a {W2} was lost during the {F} operation.",
    "Budget documents show {N} million set aside for {W} support.",
    "The general staff said {U} would move closer to the border with {P}.",
    "Test firings of the {W} took place at a range near {P}.",
    "Export rules may delay the sale of {W} to {P}, officials warned.",
    "The {F} contract includes an option for {N} additional {W}.",
    "Veterans of {U} criticised the slow pace of {F} reforms.",
    "Journalists were shown the {W} during a media day in {P}.",
    "Insurance costs for shipping near {P} rose after the {F} incident.",
    "The defence minister of {P} met counterparts from {O} on {D}.",
    "Procurement officials expect a decision on the {W} tender by {Y}.",
    "{U} reported that maintenance of the {W2} fleet had improved.",
    "Think-tank researchers questioned whether {P} can afford the {W}.",
    "Local residents near {P} reported low-flying {W2} at night.",
    "The contract with {O} was cancelled after delays and cost overruns.",
    "Pilots from {U} trained alongside crews from {O} in {P}.",
    "A new logistics hub for {U} opened near {P} on {D}.",
    "Officials said spare parts for the {W2} remain in short supply.",
]
COMMON_WORDS = ["officials", "contract", "said", "reported", "border", "training"]
BASE_VOCABULARY = (
    "armoured brigade logistics procurement upgrade modernisation radar sensor munitions artillery shell "
    "battalion convoy frontline counteroffensive drone strike interception launcher warhead hangar runway "
    "squadron frigate corvette submarine patrol escort airspace border garrison depot reservist mobilisation "
    "sanctions export licence tender budget parliament minister general commander staff doctrine readiness "
    "deterrence alliance partner summit delegation inspection maintenance overhaul engine avionics optics "
    "thermal satellite reconnaissance surveillance electronic jamming countermeasure camouflage bunker "
    "trench "
    "minefield engineer bridge ferry railway fuel ammunition stockpile shortage backlog delivery schedule"
).split()
RARE_WORDS = ["minehunter", "hovercraft", "seaplane", "icebreaker", "airship"]
PHRASES = ['"conversion training"', '"satellite images"', '"test firings"', '"logistics hub"']


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """A long tail of invented words, as real archives have (names, places, jargon, typos)."""
    onsets, vowels, codas = "bdfgklmnprstvz", "aeiou", ["", "n", "r", "s", "l", "k", "th", "m"]
    words = set()
    while len(words) < count:
        syllables = rng.randint(2, 4)
        words.add(
            "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables))
        )
    return sorted(words)


def zipf_cumulative(count: int, exponent: float = 1.1) -> list[float]:
    """Cumulative Zipf weights, computed once: ``choices`` would otherwise sum them on every call."""
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


class ArticleGenerator:
    def __init__(self, kb, entity_ids: dict[tuple[str, str], int], seed: int):
        self.rng = random.Random(seed)
        by_kind: dict[str, list] = {}
        for entry in kb.entries:
            if (entry.kind, entry.name) in entity_ids:
                by_kind.setdefault(entry.kind, []).append(entry)
        for entries in by_kind.values():
            self.rng.shuffle(entries)  # popularity (Zipf rank) is random, not alphabetical
        self.by_kind = by_kind
        self.weights = {kind: zipf_cumulative(len(entries)) for kind, entries in by_kind.items()}
        self.entity_ids = entity_ids
        self.filler = BASE_VOCABULARY + pseudo_words(self.rng, 60_000)
        self.filler_weights = zipf_cumulative(len(self.filler), 1.0)
        self.start = datetime(2014, 1, 1, tzinfo=UTC)

    def pick(self, kind: str, k: int = 1):
        return self.rng.choices(self.by_kind[kind], cum_weights=self.weights[kind], k=k)

    def article(self, number: int) -> tuple[dict, list[int]]:
        rng = self.rng
        weapons = self.pick("weapon", 3)
        org, place, unit = self.pick("org")[0], self.pick("place")[0], self.pick("unit")[0]
        fillers = iter(rng.choices(self.filler, cum_weights=self.filler_weights, k=40))
        sentences = []
        for template in rng.choices(TEMPLATES, k=rng.randint(5, 9)):
            weapon, other = rng.choice(weapons), rng.choice(weapons)
            sentence = (
                template.replace("{W2}", rng.choice([other.name, *other.aliases[:2]]))
                .replace("{W}", weapon.name)
                .replace("{O}", org.name)
                .replace("{P}", place.name)
                .replace("{U}", unit.name)
                .replace("{N}", str(rng.randint(2, 400)))
                .replace("{Y}", str(rng.randint(2015, 2031)))
                .replace("{D}", rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]))
            )
            while "{F}" in sentence:
                sentence = sentence.replace("{F}", next(fillers), 1)
            sentences.append(sentence)
        for _ in range(rng.randint(4, 8)):  # free sentences from the long-tailed vocabulary
            words = rng.choices(self.filler, cum_weights=self.filler_weights, k=rng.randint(8, 16))
            sentences.insert(rng.randrange(len(sentences) + 1), " ".join(words).capitalize() + ".")
        if rng.random() < 0.002:
            sentences.append(f"A {rng.choice(RARE_WORDS)} was also mentioned in the briefing.")
        source = rng.choice(SOURCES)
        body = f"{place.name.upper()} ({source}, report {number}) - " + " ".join(sentences)
        published = self.start + timedelta(seconds=rng.randint(0, 12 * 365 * 86400))
        topic = rng.choice(["deliveries", "contract", "upgrade", "deployment", "exercise"])
        title = f"{org.name} and {weapons[0].name}: {topic} in {place.name}"
        entities = {self.entity_ids[(entry.kind, entry.name)] for entry in (*weapons, org, place, unit)}
        return {
            "title": title[:500],
            "body": body,
            "source": source,
            "published_at": published,
            "language": rng.choice(LANGUAGES),
        }, sorted(entities)


def create_database(reuse: bool) -> bool:
    """Create the benchmark database; True when an existing one is kept."""
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and reuse:
            return True
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    return False


def setup_django() -> None:
    base = SERVER_URL.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{DATABASE}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ARCHIVE_VAR_DIR", tempfile.mkdtemp(prefix="bench-search-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def load(count: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from archive.kb import default_kb
    from archive.models import Entity, Source
    from archive.services import kb_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    kb = default_kb()
    kb_load(kb=kb)
    Source.objects.bulk_create([Source(name=name) for name in SOURCES])
    source_ids = dict(Source.objects.values_list("name", "pk"))
    entity_ids = {(kind, name): pk for pk, kind, name in Entity.objects.values_list("pk", "kind", "name")}
    print(f"schema and knowledge base: {time.perf_counter() - started:.1f} s", flush=True)

    generator = ArticleGenerator(kb, entity_ids, seed)
    now = datetime.now(UTC)
    started = time.perf_counter()
    raw = connection.connection  # psycopg connection: COPY streams rows without SQL per row
    chunk = 10_000
    for first in range(1, count + 1, chunk):
        rows, tags = [], []
        for number in range(first, min(first + chunk, count + 1)):
            article, entities = generator.article(number)
            rows.append(
                (
                    number,
                    article["title"],
                    article["body"],
                    "",
                    "",
                    "",
                    "",
                    article["published_at"],
                    article["language"],
                    False,
                    hashlib.sha256(article["body"].encode()).hexdigest(),
                    "[]",
                    "done",
                    "",
                    "bench",
                    0,
                    now,
                    now,
                    source_ids[article["source"]],
                )
            )
            tags += [
                (number, entity_id, 1, round(0.9 - position * 0.1, 2), "suggested", now, now)
                for position, entity_id in enumerate(entities)
            ]
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY archive_article (id, title, body, original_file, original_filename, url, author, "
                "published_at, language, is_demo, content_hash, minhash, status, status_error, "
                "extractor_version, extraction_attempts, created_at, updated_at, source_id) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            with cursor.copy(
                "COPY archive_tag (article_id, entity_id, mention_count, salience, status, "
                "created_at, updated_at) FROM STDIN"
            ) as copy:
                for row in tags:
                    copy.write_row(row)
        raw.commit()
        if (first + chunk - 1) % 100_000 == 0:
            print(
                f"  loaded {first + chunk - 1} articles ({time.perf_counter() - started:.0f} s)", flush=True
            )
    with raw.cursor() as cursor:
        cursor.execute("SELECT setval('archive_article_id_seq', %s)", [count])
    raw.commit()
    print(
        f"generated and loaded {count} articles with COPY: {time.perf_counter() - started:.1f} s", flush=True
    )
    with connection.cursor() as cursor:
        # What autovacuum would do on a live system: the planner needs row counts of every table.
        cursor.execute("ANALYZE")


def build_index() -> tuple[float, dict[str, str]]:
    from django.db import connection, transaction

    from archive.search import get_backend

    started = time.perf_counter()
    done = 0

    def progress(step: int) -> None:
        nonlocal done
        done += step
        if done % 100_000 < step:
            print(f"  indexed {done} ({time.perf_counter() - started:.0f} s)", flush=True)

    with transaction.atomic():
        get_backend().rebuild(batch_size=2000, progress=progress)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE archive_searchdocument")
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT 'table + TOAST', pg_size_pretty(pg_table_size('archive_searchdocument'))
            UNION ALL SELECT 'tsvector GIN', pg_size_pretty(pg_relation_size('search_doc_vector'))
            UNION ALL SELECT 'newest-first btree', pg_size_pretty(pg_relation_size('search_doc_newest'))
            UNION ALL SELECT 'all indexes', pg_size_pretty(pg_indexes_size('archive_searchdocument'))
            UNION ALL SELECT 'articles (for scale)', pg_size_pretty(pg_total_relation_size('archive_article'))
        """)
        sizes = dict(cursor.fetchall())
    return elapsed, sizes


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    at = lambda share: ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]  # noqa: E731
    return f"p50 {at(0.5):7.1f}  p95 {at(0.95):7.1f}  p99 {at(0.99):7.1f} ms"


def measure(run, variants: list, runs: int) -> list[float]:
    for variant in variants:  # warm-up: the first touch of a page of the index is not what we measure
        run(variant)
    samples = []
    for index in range(runs):
        started = time.perf_counter()
        run(variants[index % len(variants)])
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def mid_frequency_words(seed: int) -> list[str]:
    """Invented words of Zipf rank 150 to 600: each is in roughly 1% to 4% of the articles.

    The generator is rebuilt with the loading run's seed, so its vocabulary is the same.
    """
    from archive.kb import default_kb
    from archive.models import Entity

    entity_ids = {(kind, name): pk for pk, kind, name in Entity.objects.values_list("pk", "kind", "name")}
    filler = ArticleGenerator(default_kb(), entity_ids, seed).filler
    return [filler[rank] for rank in (150, 200, 300, 400, 500, 600)]


def query_mix(total: int, seed: int = 7) -> list[tuple[str, dict, list]]:
    from archive.models import Entity

    names = list(
        Entity.objects.filter(kind="weapon", name__regex=r"^[A-Za-z]+ [A-Za-z]+$", tags__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("name", flat=True)[:6]
    )
    families = list(
        Entity.objects.filter(kind="weapon", variants__isnull=False)
        .distinct()
        .values_list("pk", flat=True)[:200]
    )
    return [
        ("rare term", {"facets": False}, [{"query": word} for word in RARE_WORDS]),
        ("common term, ranked top 20", {"facets": False}, [{"query": word} for word in COMMON_WORDS]),
        (
            "mid-frequency term, ranked top 20",
            {"facets": False},
            [{"query": word} for word in mid_frequency_words(seed)],
        ),
        ("phrase of common words", {"facets": False}, [{"query": phrase} for phrase in PHRASES]),
        ("phrase: multi-word entity names", {"facets": False}, [{"query": f'"{name}"'} for name in names]),
        (
            "entity filter (family + variants) and a word",
            {"facets": False},
            [
                {"query": word, "entity": family}
                for word, family in zip(BASE_VOCABULARY[:8], families[:8], strict=False)
            ],
        ),
        (
            "entity filter alone, newest first",
            {"facets": False},
            [{"query": "", "entity": family} for family in families[8:16]],
        ),
        ("facets: common term", {"facets": True}, [{"query": word} for word in COMMON_WORDS]),
        ("facets: medium term", {"facets": True}, [{"query": word} for word in BASE_VOCABULARY[20:26]]),
    ]


def true_count(variant: dict) -> int:
    """All matches, counted past the selector's count limit, for the share shown beside each figure."""
    from django.db import connection, transaction

    from archive.search import get_backend
    from archive.search.query import parse_query
    from archive.search.types import SearchFilters

    # The search's own matching conditions, without its count limit.
    scope, params = get_backend()._scope(
        parse_query(variant["query"]), SearchFilters(entity_id=variant.get("entity"))
    )
    sql = f"SELECT count(*) {scope}"  # noqa: S608 - the backend's own SQL
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def naive_search(query: str, limit_ids: int, entity: int | None = None) -> tuple[int, list]:
    """The baseline: icontains on title and body, newest first, over the first ``limit_ids`` articles."""
    from django.db.models import Q

    from archive.models import Article

    words = [word for word in query.replace('"', " ").split() if word]
    matches = Article.objects.filter(pk__lte=limit_ids)
    for word in words:
        matches = matches.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if entity is not None:
        matches = matches.filter(tags__entity_id=entity)
    return matches.count(), list(matches.order_by("-published_at").values_list("pk", "title")[:20])


def run_queries(total: int, runs: int, baseline_size: int, seed: int) -> None:
    from archive.search import search_articles

    print(
        f"\nQuery latency over {total} articles, {runs} runs each (search_articles: hits, article and tag "
        "loading, snippets; facets where named):"
    )
    for name, options, variants in query_mix(total, seed):
        counts = [true_count(variant) for variant in variants]
        samples = measure(
            lambda variant, options=options: search_articles(**variant, **options), variants, runs
        )
        share = statistics.mean(counts) / total * 100
        print(
            f"  {name:46s} {percentiles(samples)}   matches: mean {statistics.mean(counts):,.0f} "
            f"({share:.2f}%)"
        )

    size = min(total, baseline_size)
    print(
        f"\nBaseline: naive icontains over the first {size} articles (same words, newest first, with count):"
    )
    for name, _, variants in query_mix(total, seed)[:7]:
        samples = measure(
            lambda variant: naive_search(variant["query"], size, variant.get("entity")),
            variants,
            max(5, runs // 3),
        )
        print(f"  {name:46s} {percentiles(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline", type=int, default=20_000, help="articles the naive baseline searches")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    args = parser.parse_args()

    kept = create_database(args.reuse)
    setup_django()
    from archive.models import Article

    if not kept or Article.objects.count() != args.articles:
        if kept:
            sys.exit(f"{DATABASE} holds another number of articles: run without --reuse.")
        load(args.articles, args.seed)
        elapsed, sizes = build_index()
        print(f"\nIndex build (rebuild + VACUUM ANALYZE): {elapsed:.1f} s")
        for name, size in sizes.items():
            print(f"  {name:22s} {size}")
    run_queries(args.articles, args.runs, args.baseline, args.seed)


if __name__ == "__main__":
    main()
