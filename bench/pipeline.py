"""End-to-end throughput of the extraction pipeline on PostgreSQL + Redis.

Creates its own database (``bench_pipeline``), loads the knowledge base, then for 1 and for 2
worker processes uploads N synthetic articles and measures:
- throughput: articles per second from the first upload to the last article done;
- queue latency: from an article's upload (commit) to its task starting on a worker, p50/p95
  (task-started events from the workers, matched to uploads by article id).

Usage: python bench/pipeline.py [--articles 300] [--workers 1,2]
       [--database-url postgres://postgres@127.0.0.1:5432/bench_pipeline] [--redis-url redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.support import percentile, recreate_database  # noqa: E402 (after the path is set)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker process counts")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_pipeline")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    return parser.parse_args()


class StartedEvents:
    """Collects task-started times per article id from the workers' Celery events."""

    def __init__(self, app):
        self.app, self.thread, self.stop = app, None, threading.Event()
        self.article_of: dict[str, int] = {}  # task id -> article id (task-received carries the args)
        self.started_at: dict[str, float] = {}  # task id -> when a worker started it

    @property
    def started(self) -> dict[int, float]:
        return {self.article_of[uuid]: at for uuid, at in self.started_at.items() if uuid in self.article_of}

    def _run(self):
        def on_received(event):
            digits = "".join(ch for ch in event.get("args") or "" if ch.isdigit())
            if digits:
                self.article_of[event["uuid"]] = int(digits)

        def on_started(event):
            self.started_at.setdefault(event["uuid"], event["timestamp"])

        with self.app.connection() as conn:
            receiver = self.app.events.Receiver(
                conn, handlers={"task-received": on_received, "task-started": on_started}
            )
            while not self.stop.is_set():
                try:
                    receiver.capture(limit=None, timeout=1, wakeup=True)
                except TimeoutError:
                    continue
                except OSError:
                    continue

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        time.sleep(1)
        return self

    def __exit__(self, *exc):
        self.stop.set()


def main() -> int:
    args = parse_args()
    os.environ.update(
        {
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get(
                "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
            ),
            "ALLOWED_HOSTS": "localhost",
            "ARCHIVE_VAR_DIR": str(REPO / "var" / "bench-pipeline"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    recreate_database(args.database_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=REPO, check=True)

    import django

    django.setup()
    import redis
    from django.db import connection

    from archive.kb import KnowledgeBase, default_kb
    from archive.models import Article, ArticleStatus
    from archive.services import article_create, kb_load
    from config.celery import app
    from tests.pipeline.conftest import synthetic_articles

    kb = KnowledgeBase(e for e in default_kb().entries if e.kind in {"weapon", "unit", "org"})
    kb_load(kb=kb)
    broker = redis.Redis.from_url(args.redis_url)
    print(
        f"pipeline benchmark: {args.articles} articles per run, PostgreSQL + Redis, "
        f"knowledge base of {len(kb)} entries"
    )
    print(f"{'workers':>7} {'articles/s':>10} {'wall s':>7} {'queue p50 ms':>12} {'queue p95 ms':>12}")
    for run, workers in enumerate(int(w) for w in args.workers.split(",")):
        Article.objects.all().delete()
        broker.flushdb()
        env = dict(os.environ)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-E",
                "--loglevel",
                "WARNING",
                "--concurrency",
                str(workers),
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"bench{run}@%h",
            ],
            cwd=REPO,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while not app.control.ping(timeout=1) and time.monotonic() < deadline:
                time.sleep(0.5)
            # Warm every worker process up (the model loads on first use) before timing.
            warm = article_create(
                title=f"Warm-up {run}", body=f"Warm-up {run}: the Su-57 and the NATO summit."
            )
            while Article.objects.filter(pk=warm.pk, status=ArticleStatus.DONE).count() == 0:
                time.sleep(0.2)
            time.sleep(2 * workers)
            uploaded: dict[int, float] = {}
            with StartedEvents(app) as events:
                begin = time.time()
                for title, body in synthetic_articles(kb, args.articles, seed=100 + run):
                    article = article_create(title=f"{title} (run {run})", body=f"{body} Run {run}.")
                    uploaded[article.pk] = time.time()
                while Article.objects.filter(pk__in=uploaded, status=ArticleStatus.DONE).count() < len(
                    uploaded
                ):
                    time.sleep(0.2)
                end = time.time()
                time.sleep(1.5)
            latencies = [
                1000 * (events.started[pk] - t) for pk, t in uploaded.items() if pk in events.started
            ]
            p50 = f"{percentile(latencies, 0.5):12.0f}" if latencies else f"{'n/a':>12}"
            p95 = f"{percentile(latencies, 0.95):12.0f}" if latencies else f"{'n/a':>12}"
            print(
                f"{workers:7d} {len(uploaded) / (end - begin):10.1f} {end - begin:7.1f} {p50} {p95}"
                f"   ({len(latencies)} latencies)"
            )
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
