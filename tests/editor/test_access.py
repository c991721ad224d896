"""Only editors (and superusers) change anything: every write path, and every editor page."""

import pytest
from django.urls import reverse

from archive.models import Alias, Mention, MentionStatus
from archive.services import alias_add
from tests.factories import EntityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(annotated, su30):
    article, mentions = annotated
    other = EntityFactory(name="Su-30", slug="weapon-su-30")
    alias = alias_add(entity_id=su30.pk, text="Flanker-H")
    latin = mentions["latin"]
    a = article.pk
    start = article.body.index("4th Air Army")
    writes = [
        ("mention-review", [a, latin.pk], {"status": "rejected"}),
        ("mention-relink", [a, latin.pk], {"entity_id": other.pk}),
        ("mention-kind", [a, latin.pk], {"kind": "org"}),
        ("entity-confirm-all", [a], {"entity_id": su30.pk}),
        (
            "mention-create",
            [a],
            {"start": start, "end": start + 12, "new_name": "4th Air Army", "new_kind": "unit"},
        ),
        ("alias-create", [su30.pk], {"text": "Flanker-X"}),
        ("alias-delete", [su30.pk, alias.pk], {}),
        ("entity-parent", [other.pk], {"entity_id": su30.pk}),
        ("entity-promote", [mentions["helicopter"].entity_id], {}),
        ("entity-edit", [su30.pk], {"description": "Multirole fighter.", "wikidata": "Q1"}),
        ("entity-merge", [other.pk], {"entity_id": su30.pk}),
    ]
    reads = [
        ("annotate", [a]),
        ("annotate-mention", [a, latin.pk]),
        ("review-queue", []),
        ("entity-autocomplete", []),
        ("entity-curate", [su30.pk]),
        ("article-history", [a]),
        ("entity-history", [su30.pk]),
    ]
    return {"writes": writes, "reads": reads, "article": article, "mentions": mentions, "alias": alias}


def _snapshot():
    return (
        list(Mention.objects.order_by("pk").values_list("pk", "status", "entity_id", "kind")),
        sorted(Alias.objects.values_list("pk", "text")),
    )


def test_anonymous_is_sent_to_log_in_and_nothing_changes(client, targets):
    before = _snapshot()
    for name, args, data in targets["writes"]:
        response = client.post(reverse(f"archive:{name}", args=args), data)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
    for name, args in targets["reads"]:
        response = client.get(reverse(f"archive:{name}", args=args))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name
    assert _snapshot() == before


def test_reader_is_refused_and_nothing_changes(reader_client, targets):
    before = _snapshot()
    for name, args, data in targets["writes"]:
        assert reader_client.post(reverse(f"archive:{name}", args=args), data).status_code == 403, name
    for name, args in targets["reads"]:
        assert reader_client.get(reverse(f"archive:{name}", args=args)).status_code == 403, name
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_editor_and_superuser_can_do_every_write(client, targets, who):
    user = (
        UserFactory(username="ed", editor=True)
        if who == "editor"
        else UserFactory(username="root", is_superuser=True, is_staff=True)
    )
    client.force_login(user)
    for name, args in targets["reads"]:
        assert client.get(reverse(f"archive:{name}", args=args)).status_code == 200, name
    for name, args, data in targets["writes"]:
        response = client.post(reverse(f"archive:{name}", args=args), data)
        assert response.status_code == 302, (name, response.content[:500])
    latin = Mention.objects.get(pk=targets["mentions"]["latin"].pk)
    assert latin.reviewer == user and latin.status == MentionStatus.CONFIRMED
    assert not Alias.objects.filter(pk=targets["alias"].pk).exists()


def test_writes_need_post(editor_client, targets):
    for name, args, _ in targets["writes"]:
        assert editor_client.get(reverse(f"archive:{name}", args=args)).status_code == 405, name


def test_writes_need_the_csrf_token(targets, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    name, args, data = targets["writes"][0]
    assert client.post(reverse(f"archive:{name}", args=args), data).status_code == 403
    client.get(reverse("archive:annotate", args=[targets["article"].pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse(f"archive:{name}", args=args), data, HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200


def test_readers_see_tags_but_no_editing_controls(reader_client, client, annotated):
    article, _ = annotated
    for who in (reader_client, client):
        html = who.get(reverse("archive:article-detail", args=[article.pk])).content.decode()
        assert "Su-30SM2" in html
        assert reverse("archive:annotate", args=[article.pk]) not in html
        assert reverse("archive:review-queue") not in html
        assert "hx-post" not in html


def test_editors_get_the_annotate_link_and_the_review_link(editor_client, annotated):
    article, _ = annotated
    html = editor_client.get(reverse("archive:article-detail", args=[article.pk])).content.decode()
    assert f'href="{reverse("archive:annotate", args=[article.pk])}"' in html
    assert f'href="{reverse("archive:review-queue")}"' in html
