"""Requests per second and latency of the API's tag feed and article list, on PostgreSQL + gunicorn.

Builds its own database (``bench_api``, reused when it already holds the articles) with 100,000
articles, about three tags each and their tag changes, starts gunicorn on a free loopback port,
then for each scenario lets concurrent clients send a bounded number of requests and prints
requests/s, p50 and p95:
- ``tags feed``: each client follows the feed from its start, page after page (page_size 200);
- ``articles list``: random pages of the article list (page_size 50) with their tags;
- ``articles filtered``: the list filtered by language and entity.

Usage: python bench/api.py [--articles 100000] [--clients 8] [--requests 400] [--workers 2]
       [--database-url postgres://postgres@127.0.0.1:5432/bench_api] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per scenario, over all clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_api")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    return parser.parse_args()


def server_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        "ARCHIVE_VAR_DIR": str(REPO / "var" / "bench-api"),
        # Measure the API, not the throttle.
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_CLIENT": "1000000/min",
    }


def ensure_database(url: str, rebuild: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def populate(n_articles: int) -> str:
    """Fill the database (inside this process, with Django set up); returns a client token."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from archive.models import Article, Entity, Source, Tag, TagChange, TagChangeAction
    from archive.services import api_token_issue
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < n_articles:
        print(f"populating {n_articles - have} articles ...", flush=True)
        started = time.perf_counter()
        rng = random.Random(1)
        sources = [Source.objects.get_or_create(name=f"Bench source {n}")[0] for n in range(20)]
        kinds = ["weapon", "unit", "org", "person", "place"]
        entities = list(Entity.objects.filter(slug__startswith="bench-"))
        if not entities:
            entities = Entity.objects.bulk_create(
                Entity(kind=kinds[n % 5], name=f"Bench entity {n}", slug=f"bench-entity-{n}", curated=True)
                for n in range(500)
            )
        now = timezone.now()
        for start in range(have, n_articles, BATCH):
            stop = min(start + BATCH, n_articles)
            articles = Article.objects.bulk_create(
                Article(
                    title=f"Bench article {n}",
                    body=f"Bench article {n}. " + "Defense news text about systems and units. " * 20,
                    content_hash=f"bench-{n:064d}"[-64:],
                    source=sources[n % len(sources)],
                    language=("en", "ru", "uk")[n % 3],
                    status="done",
                    published_at=now - timezone.timedelta(minutes=n),
                )
                for n in range(start, stop)
            )
            tags = [
                Tag(article_id=a.pk, entity_id=e.pk, mention_count=rng.randint(1, 5), salience=rng.random())
                for a in articles
                for e in rng.sample(entities, 3)
            ]
            Tag.objects.bulk_create(tags, batch_size=BATCH)
            TagChange.objects.bulk_create(
                [
                    TagChange(
                        article_id=t.article_id,
                        entity_id=t.entity_id,
                        action=TagChangeAction.CREATED,
                        status=t.status,
                        mention_count=t.mention_count,
                        salience=t.salience,
                    )
                    for t in tags
                ],
                batch_size=BATCH,
            )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"populated in {time.perf_counter() - started:.0f} s", flush=True)
    user = UserFactory(username="bench-client")
    return api_token_issue(user=user, name="bench")[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning"],
        cwd=REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/api/v1/", timeout=2).status_code < 500:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_scenario(name: str, base: str, token: str, clients: int, total: int, next_url) -> None:
    """``next_url(client_state, last_response_json)`` gives each client's next URL."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = [total]

    def client(seed: int) -> None:
        rng = random.Random(seed)
        state: dict = {"rng": rng}
        data = None
        with httpx.Client(base_url=base, headers={"Authorization": f"Token {token}"}, timeout=30) as http:
            while True:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                url = next_url(state, data)
                started = time.perf_counter()
                response = http.get(url)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {url}")
                data = response.json() if response.status_code == 200 else None

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"{name:20} {len(latencies):5d} requests  {len(latencies) / wall:7.1f} req/s  "
        f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  errors {len(errors)}"
    )
    for error in errors[:5]:
        print("   ", error)


def feed_next(state: dict, data) -> str:
    if data and data.get("next"):
        return data["next"]
    return "/api/v1/tags/?page_size=200"


def list_next(pages: int):
    def next_url(state: dict, data) -> str:
        return f"/api/v1/articles/?page_size=50&page={state['rng'].randint(1, pages)}"

    return next_url


def filtered_next(state: dict, data) -> str:
    rng = state["rng"]
    entity = state.setdefault("entity", rng.randint(1, 500))
    # About 600 articles per entity, a third of them in English: the first pages exist for each.
    return f"/api/v1/articles/?language=en&page_size=50&page={rng.randint(1, 3)}&entity={entity}"


def main() -> None:
    args = parse_args()
    # A terminated run still stops its gunicorn (the finally clause below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    env = server_environment(args.database_url)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    ensure_database(args.database_url, args.rebuild)
    token = populate(args.articles)
    server, base = start_server(env, args.workers)
    try:
        print(
            f"{args.articles} articles, {args.clients} clients, {args.requests} requests per scenario, "
            f"gunicorn with {args.workers} workers on {base}"
        )
        run_scenario("tags feed", base, token, args.clients, args.requests, feed_next)
        pages = args.articles // 50
        run_scenario("articles list", base, token, args.clients, args.requests, list_next(pages))
        run_scenario("articles filtered", base, token, args.clients, args.requests, filtered_next)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
