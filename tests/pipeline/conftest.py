"""A real Redis and real Celery worker processes for the pipeline tests.

These tests run in their own pytest session with ``REDIS_URL`` set (see the Makefile), so the
app's settings pick Redis as the broker exactly as in production.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from archive.kb import default_kb
from archive.models import Article, ArticleStatus
from archive.services import kb_load

REPO = Path(__file__).resolve().parents[2]
SERVICES_REQUIRED = bool(os.environ.get("ARCHIVE_REQUIRE_SERVICES") or os.environ.get("CI"))


def _service_missing(message: str):
    if SERVICES_REQUIRED:
        pytest.fail(f"{message} (services are required here)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_client():
    url = settings.REDIS_URL
    if not url:
        _service_missing("REDIS_URL is not set: the pipeline tests need a real Redis")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        _service_missing(f"Redis at {url} is not reachable")
    return client


@pytest.fixture
def clean_queue(redis_client):
    redis_client.flushdb()
    yield redis_client
    redis_client.flushdb()


def database_url() -> str:
    """The URL of the test database this session created, for the worker processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A Celery worker (and optionally the beat scheduler) in its own process group."""

    def __init__(self, *, beat: bool, concurrency: int, extra_env: dict[str, str], log: Path):
        self.beat, self.concurrency, self.extra_env, self.log = beat, concurrency, extra_env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "ARCHIVE_VAR_DIR": str(settings.VAR_DIR),
            **self.extra_env,
        }
        cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(self.concurrency),
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"pipeline-test-{os.getpid()}-{time.monotonic_ns()}@%h",
        ]
        if self.beat:
            cmd += ["--beat", "--schedule", str(self.log.with_suffix(".beat"))]
        self.process = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        """SIGKILL the whole worker: main process and pool children, no chance to clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(clean_queue, tmp_path):
    workers: list[Worker] = []

    def start(*, beat: bool = False, concurrency: int = 1, **env: str) -> Worker:
        worker = Worker(
            beat=beat,
            concurrency=concurrency,
            log=tmp_path / f"worker{len(workers)}.log",
            extra_env={key.upper(): str(value) for key, value in env.items()},
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    for log in sorted(tmp_path.glob("worker*.log")):
        sys.stderr.write(f"--- {log.name} (last lines) ---\n")
        sys.stderr.write("\n".join(log.read_text(errors="replace").splitlines()[-15:]) + "\n")


def wait_until(predicate, *, timeout: float, interval: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def done_count() -> int:
    return Article.objects.filter(status=ArticleStatus.DONE).count()


@pytest.fixture
def weapons_and_orgs_kb(transactional_db):
    """The shipped weapon, unit and organisation entries (places from packages left out for speed)."""
    from archive.kb import KnowledgeBase

    kb = KnowledgeBase(e for e in default_kb().entries if e.kind in {"weapon", "unit", "org"})
    kb_load(kb=kb)
    return kb


def synthetic_articles(kb, count: int, *, seed: int = 7) -> list[tuple[str, str]]:
    """Distinct news-like articles naming knowledge-base entities."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    weapons = sorted(e.name for e in kb.entries if e.kind == "weapon")
    orgs = sorted(e.name for e in kb.entries if e.kind == "org")
    units = sorted(e.name for e in kb.entries if e.kind == "unit")
    articles = []
    for i in range(count):
        w1, w2 = rng.sample(weapons, 2)
        org, unit = rng.choice(orgs), rng.choice(units)
        body = (
            f"Report {i}: the {unit} took delivery of new {w1} systems on day {i}, officials said.\n\n"
            f"According to the {org}, the {w2} will be tested next month together with the {w1}. "
            f"Analysts expect {rng.randint(2, 90)} more units by {2020 + i % 10}."
        )
        articles.append((f"Delivery report {i}", body))
    return articles
