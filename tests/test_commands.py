import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.kb import KBEntry, KnowledgeBase
from archive.models import Alias, Article, Entity
from archive.services import kb_load
from tests.factories import EntityFactory
from tests.test_intake import text_of

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parent.parent


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_articles_from_folder_jsonl_and_csv_with_summary(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "one.txt").write_text(text_of(1), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "copy.txt").write_text(text_of(1), encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "title": "From JSONL",
                        "body": text_of(2),
                        "source": "Wire",
                        "published_at": "2025-05-01",
                    }
                ),
                "{not json",
                json.dumps({"title": "No body"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    csv = tmp_path / "batch.csv"
    csv.write_text(f'title,body,url\nFrom CSV,"{text_of(3)}",https://example.org/a\n', encoding="utf-8")

    out, err = run("import_articles", str(folder), str(jsonl), str(csv))

    assert Article.objects.count() == 3
    assert "Imported: 3" in out
    assert "Duplicates: 1" in out
    assert "Errors: 3" in out
    assert "empty.txt" in out and "batch.jsonl" in out
    assert "article/s" in err or "100%" in err  # the progress bar
    jsonl_article = Article.objects.get(title="From JSONL")
    assert jsonl_article.source.name == "Wire" and jsonl_article.published_at.year == 2025


def test_import_articles_refuses_a_missing_path(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("import_articles", str(tmp_path / "nope"))


def test_demo_content_loads_once_and_is_marked():
    out, _ = run("load_demo")
    count = Article.objects.count()
    assert 18 <= count <= 25
    assert Article.objects.filter(is_demo=True).count() == count
    assert all(title.startswith("[Demo]") for title in Article.objects.values_list("title", flat=True))
    run("load_demo")
    assert Article.objects.count() == count


def test_kb_load_is_idempotent_and_keeps_editor_additions():
    kb = KnowledgeBase(
        [
            KBEntry(kind="weapon", name="Mi-24", aliases=("Hind", "Ми-24")),
            KBEntry(kind="weapon", name="Mi-35M", parent="Mi-24", aliases=("Ми-35М",)),
            KBEntry(kind="place", name="Belarus", aliases=("Беларусь",)),
        ]
    )
    first = kb_load(kb=kb)
    assert first.created == 3
    mi35 = Entity.objects.get(name="Mi-35M")
    assert mi35.parent.name == "Mi-24" and mi35.curated
    # An editor adds an alias and a new entity; loading again keeps both and adds nothing twice.
    Alias.objects.create(entity=mi35, text="Mi-35 Hind-E", key="mi 35 hind e")
    EntityFactory(name="Editor System")
    aliases = Alias.objects.count()
    second = kb_load(kb=kb)
    assert (second.created, second.aliases_added) == (0, 0)
    assert Alias.objects.count() == aliases
    assert Entity.objects.filter(name="Editor System").exists()
    assert Alias.objects.filter(text="Mi-35 Hind-E").exists()


def test_kb_load_turns_entries_the_knowledge_base_dropped_into_candidates():
    kb_load(kb=KnowledgeBase([KBEntry(kind="weapon", name="Patriot"), KBEntry(kind="org", name="Rostec")]))
    EntityFactory(name="Editor System")
    # The next version of the knowledge base renames Patriot.
    result = kb_load(
        kb=KnowledgeBase(
            [
                KBEntry(kind="weapon", name="MIM-104 Patriot", aliases=("Patriot",)),
                KBEntry(kind="org", name="Rostec"),
            ]
        )
    )
    assert result.retired == 1
    assert not Entity.objects.get(name="Patriot").curated
    assert Entity.objects.get(name="MIM-104 Patriot").curated
    assert Entity.objects.get(name="Editor System").curated  # an editor's entity is left alone
    assert Entity.objects.get(name="Rostec").curated


def test_load_kb_command_loads_the_shipped_knowledge_base():
    out, _ = run("load_kb")
    assert "entities created" in out
    assert Entity.objects.filter(kind="weapon", curated=True).count() >= 2
    again, _ = run("load_kb")
    assert "0 entities created" in again


def test_ensure_editor_prints_login_and_reuses_the_password(tmp_path):
    secret = tmp_path / "pw.txt"
    out, _ = run("ensure_editor", "--username", "demo-editor", "--password-file", str(secret))
    password = secret.read_text().strip()
    assert password in out and "demo-editor" in out
    again, _ = run("ensure_editor", "--username", "demo-editor", "--password-file", str(secret))
    assert password in again
    from django.contrib.auth import get_user_model

    from archive.roles import is_editor

    user = get_user_model().objects.get(username="demo-editor")
    assert user.check_password(password) and is_editor(user)


def _manage(*args, env_overrides: dict) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_missing_secret_key_fails_loudly_when_debug_is_off():
    result = _manage("check", env_overrides={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "0",
            "SECRET_KEY": "a-real-production-secret-" + "x7Qp9zR2mK4vB8nL1wT6yH3jF5dS0gA" * 2,
            "ALLOWED_HOSTS": "archive.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
            "SECURE_SSL_REDIRECT": "1",
            "SESSION_COOKIE_SECURE": "1",
            "CSRF_COOKIE_SECURE": "1",
            "STATIC_MANIFEST": "1",
            "ARCHIVE_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
