import pytest
from django.db import IntegrityError, transaction

from archive.models import Article, Mention
from tests.factories import AliasFactory, ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def _violates(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_content_hash_is_unique_in_the_database():
    article = ArticleFactory()
    assert _violates(
        lambda: Article.objects.create(title="Copy", body=article.body, content_hash=article.content_hash)
    )


def test_mention_offsets_must_be_ordered():
    mention = MentionFactory()
    assert _violates(lambda: Mention.objects.filter(pk=mention.pk).update(start=10, end=10))
    assert _violates(lambda: Mention.objects.filter(pk=mention.pk).update(start=12, end=3))


def test_mention_confidence_range_and_status_are_checked():
    mention = MentionFactory()
    assert _violates(lambda: Mention.objects.filter(pk=mention.pk).update(confidence=1.5))
    assert _violates(lambda: Mention.objects.filter(pk=mention.pk).update(status="maybe"))


def test_one_alias_key_per_entity():
    alias = AliasFactory(text="Su-30SM")
    assert _violates(lambda: AliasFactory(entity=alias.entity, text="Su-30SM", key=alias.key))
    # The same key on another entity is allowed: ambiguity is resolved by the linker.
    AliasFactory(text="Su-30SM", key=alias.key)


def test_entity_kind_is_checked_and_name_unique_per_kind():
    entity = EntityFactory(name="Buk-M2")
    assert _violates(lambda: EntityFactory(name="Buk-M2", slug="other"))
    assert _violates(lambda: EntityFactory(kind="vehicle", name="X", slug="x"))
    EntityFactory(kind="org", name=entity.name, slug="org-buk")


def test_entity_cannot_be_its_own_parent():
    entity = EntityFactory()
    entity.parent = entity
    assert _violates(entity.save)


def test_editorial_changes_are_recorded_with_who_and_when(editor):
    mention = MentionFactory()
    mention.status = "confirmed"
    mention._history_user = editor
    mention.save()
    record = mention.history.first()
    assert record.status == "confirmed"
    assert record.history_user == editor
    assert record.history_date is not None
