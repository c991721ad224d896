import pytest

from archive.api.models import EntityMerge
from archive.models import Alias, Entity, Mention, MentionStatus, Tag, TagChange
from archive.services import alias_key, entity_merge, mention_review, tags_refresh
from tests.factories import AliasFactory, ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_entity_filters(api, tagged_articles):
    family, variant, place = tagged_articles["family"], tagged_articles["variant"], tagged_articles["place"]
    AliasFactory(entity=variant, text="Ми-35М")
    candidate = EntityFactory(name="Unknown-1", curated=False)
    assert ids(api.get("/api/v1/entities/", {"kind": "place"})) == [place.pk]
    assert ids(api.get("/api/v1/entities/", {"q": "mi-35"})) == [variant.pk]
    assert ids(api.get("/api/v1/entities/", {"q": "Ми-35М"})) == [variant.pk]  # alias in Cyrillic
    assert ids(api.get("/api/v1/entities/", {"parent": family.pk})) == [variant.pk]
    assert ids(api.get("/api/v1/entities/", {"curated": "false"})) == [candidate.pk]
    counts = {item["name"]: item["article_count"] for item in api.get("/api/v1/entities/").json()["results"]}
    assert counts["Belarus"] == 3 and counts["Mi-35M"] == 2 and counts["Unknown-1"] == 0


def test_entity_detail(api, tagged_articles):
    family, variant = tagged_articles["family"], tagged_articles["variant"]
    AliasFactory(entity=variant, text="Mi-35 M")
    data = api.get(f"/api/v1/entities/{variant.pk}/").json()
    assert data["parent"] == {"id": family.pk, "kind": "weapon", "name": "Mi-24", "slug": family.slug}
    assert [a["text"] for a in data["aliases"]] == ["Mi-35 M"]
    assert data["article_count"] == 2
    assert [v["name"] for v in api.get(f"/api/v1/entities/{family.pk}/").json()["variants"]] == ["Mi-35M"]
    assert api.get("/api/v1/entities/999999/").status_code == 404


def test_editor_creates_and_edits_an_entity(editor_api, editor):
    family = EntityFactory(name="Su-30")
    response = editor_api.post(
        "/api/v1/entities/",
        {
            "kind": "weapon",
            "name": "Su-30SM2",
            "parent": family.pk,
            "country": "ru",
            "wikidata": "Q1",
            "aliases": ["Су-30СМ2", "Flanker-M"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    entity = Entity.objects.get(pk=response.json()["id"])
    assert (entity.parent, entity.country, entity.curated) == (family, "RU", True)
    # The Cyrillic spelling has the same match key as the name, so it adds nothing.
    assert (
        set(Alias.objects.filter(entity=entity).values_list("key", flat=True))
        == {alias_key("Su-30SM2"), alias_key("Flanker-M")}
        == {alias_key("Су-30СМ2"), alias_key("Flanker-M")}
    )
    assert entity.history.first().history_user == editor

    response = editor_api.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"description": "Upgraded.", "aliases": ["Flanker M2"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["description"] == "Upgraded."
    assert {a["text"] for a in response.json()["aliases"]} == {"Su-30SM2", "Flanker M2"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "tank", "name": "X"}, "kind"),
        ({"kind": "weapon", "name": ""}, "name"),
        ({"kind": "weapon", "name": "X", "country": "Russia"}, "country"),
        ({"kind": "weapon", "name": "X", "wikidata": "nope"}, "wikidata"),
        ({"kind": "weapon", "name": "X", "parent": 10**9}, "parent"),
        ({"kind": "weapon", "name": "X", "aliases": "Y"}, "aliases"),
        ({"kind": "weapon", "name": "X", "colour": "red"}, "colour"),
    ],
)
def test_bad_entities_name_the_field(editor_api, payload, field):
    response = editor_api.post("/api/v1/entities/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_duplicate_names_and_cycles_are_refused(editor_api):
    family = EntityFactory(name="Mi-24")
    variant = EntityFactory(name="Mi-35M", parent=family)
    duplicate = editor_api.post("/api/v1/entities/", {"kind": "weapon", "name": "Mi-24"}, format="json")
    assert duplicate.status_code == 400 and "name" in duplicate.json()["errors"]
    cycle = editor_api.patch(f"/api/v1/entities/{family.pk}/", {"parent": variant.pk}, format="json")
    assert cycle.status_code == 400 and "parent" in cycle.json()["errors"]
    kind = editor_api.patch(f"/api/v1/entities/{family.pk}/", {"kind": "org"}, format="json")
    assert kind.status_code == 400 and "kind" in kind.json()["errors"]


def test_merge_moves_mentions_aliases_tags_and_variants(editor_api, editor):
    target = EntityFactory(name="Su-30SM2")
    source = EntityFactory(name="Su-30 SM 2 (candidate)", curated=False)
    AliasFactory(entity=source, text="Flanker-H")
    AliasFactory(entity=target, text="Su30SM2")
    AliasFactory(entity=source, text="Су-30СМ2")  # same key as the target's alias: dropped
    child = EntityFactory(name="Su-30SM2 child", parent=source)
    article = ArticleFactory(body="Two Su-30SM2 and one Су-30СМ2 arrived.")
    both_span = MentionFactory(article=article, entity=target, start=4, end=12)
    source_same_span = MentionFactory(
        article=article, entity=source, start=4, end=12, status=MentionStatus.CONFIRMED, reviewer=editor
    )
    source_only = MentionFactory(article=article, entity=source, start=21, end=29)
    tags_refresh(article=article)
    before = TagChange.objects.order_by("-id").values_list("id", flat=True).first()

    response = editor_api.post(f"/api/v1/entities/{source.pk}/merge/", {"target": target.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["merged"] == source.pk and response.json()["target"]["id"] == target.pk

    assert not Entity.objects.filter(pk=source.pk).exists()
    assert not Mention.objects.filter(pk=source_same_span.pk).exists()
    both_span.refresh_from_db()
    assert both_span.status == MentionStatus.CONFIRMED  # the editor's decision carried over
    source_only.refresh_from_db()
    assert source_only.entity_id == target.pk
    keys = set(Alias.objects.filter(entity=target).values_list("key", flat=True))
    assert {alias_key("Flanker-H"), alias_key("Su30SM2"), alias_key("Su-30 SM 2 (candidate)")} <= keys
    assert Alias.objects.filter(entity=target, key=alias_key("Su30SM2")).count() == 1
    child.refresh_from_db()
    assert child.parent_id == target.pk
    assert list(Tag.objects.filter(article=article).values_list("entity_id", "mention_count")) == [
        (target.pk, 2)
    ]
    feed = TagChange.objects.filter(pk__gt=before)
    assert set(feed.values_list("action", "entity_id")) == {("removed", source.pk), ("updated", target.pk)}
    record = EntityMerge.objects.get(source_id=source.pk)
    assert (record.target_id, record.merged_by, record.source_name) == (target.pk, editor, source.name)
    assert Entity.history.filter(id=source.pk, history_type="-").get().history_user == editor

    # The old id now redirects to the entity it became.
    redirect = editor_api.get(f"/api/v1/entities/{source.pk}/")
    assert redirect.status_code == 301 and redirect["Location"].endswith(f"/api/v1/entities/{target.pk}/")


def test_merge_chains_keep_old_ids_resolving(editor):
    a, b, c = EntityFactory(name="A"), EntityFactory(name="B"), EntityFactory(name="C")
    entity_merge(source_id=a.pk, target_id=b.pk, merged_by=editor)
    entity_merge(source_id=b.pk, target_id=c.pk, merged_by=editor)
    assert set(EntityMerge.objects.values_list("source_id", "target_id")) == {(a.pk, c.pk), (b.pk, c.pk)}


def test_merging_a_family_into_its_variant_keeps_the_tree_sound(editor):
    family = EntityFactory(name="Mi-24")
    variant = EntityFactory(name="Mi-35M", parent=family)
    entity_merge(source_id=family.pk, target_id=variant.pk, merged_by=editor)
    variant.refresh_from_db()
    assert variant.parent_id is None


@pytest.mark.parametrize("payload", [{}, {"target": "x"}, {"target": 10**9}])
def test_bad_merges_are_400(editor_api, payload):
    source = EntityFactory()
    response = editor_api.post(f"/api/v1/entities/{source.pk}/merge/", payload, format="json")
    assert response.status_code == 400
    assert Entity.objects.filter(pk=source.pk).exists()


def test_merge_into_itself_is_400(editor_api):
    source = EntityFactory()
    response = editor_api.post(f"/api/v1/entities/{source.pk}/merge/", {"target": source.pk}, format="json")
    assert response.status_code == 400 and "target" in response.json()["errors"]


def test_rejected_mentions_stay_rejected_after_a_merge(editor):
    target, source = EntityFactory(name="T"), EntityFactory(name="S")
    mention = MentionFactory(entity=source)
    mention_review(mention_id=mention.pk, status="rejected", reviewer=editor)
    entity_merge(source_id=source.pk, target_id=target.pk, merged_by=editor)
    mention.refresh_from_db()
    assert (mention.entity_id, mention.status) == (target.pk, MentionStatus.REJECTED)
    assert not Tag.objects.filter(entity=target).exists()
