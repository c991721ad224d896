"""Editor write paths: every decision is kept with its author and fed back into the knowledge base."""

import pytest
from django.core.exceptions import ValidationError

from archive.models import Alias, Entity, EntityMerge, Mention, MentionOrigin, MentionStatus, Tag
from archive.services import (
    alias_add,
    alias_key,
    alias_remove,
    entity_merge,
    entity_promote,
    mention_add,
    mention_confirm_entity,
    mention_kind_change,
    mention_review,
)
from tests.editor.conftest import mention_at
from tests.factories import EntityFactory

pytestmark = pytest.mark.django_db


def test_confirming_a_mention_makes_its_surface_an_alias(annotated, su30, editor):
    article, mentions = annotated
    army = EntityFactory(kind="unit", name="4th Air and Air Defence Forces Army", slug="unit-4th")
    short = mention_at(article, army, "4th Air Army")
    mention_review(mention_id=short.pk, status=MentionStatus.CONFIRMED, reviewer=editor)
    alias = Alias.objects.get(entity=army, key=alias_key("4th Air Army"))
    assert alias.text == "4th Air Army"
    assert alias.history.get().history_user == editor
    short.refresh_from_db()
    assert (short.status, short.reviewer) == (MentionStatus.CONFIRMED, editor)
    # "Су-30СМ2" has the key of the name "Su-30SM2" already: no second alias for the same key
    before = Alias.objects.filter(entity=su30).count()
    mention_review(mention_id=mentions["cyrillic"].pk, status=MentionStatus.CONFIRMED, reviewer=editor)
    assert Alias.objects.filter(entity=su30).count() == before


def test_rejecting_does_not_teach_an_alias(annotated, editor):
    article, mentions = annotated
    before = Alias.objects.count()
    mention_review(mention_id=mentions["belarus"].pk, status=MentionStatus.REJECTED, reviewer=editor)
    assert Alias.objects.count() == before
    assert not Tag.objects.filter(article=article, entity=mentions["belarus"].entity).exists()


def test_confirm_all_suggestions_of_one_entity(annotated, su30, editor):
    article, mentions = annotated
    assert mention_confirm_entity(article_id=article.pk, entity_id=su30.pk, reviewer=editor) == 2
    statuses = set(Mention.objects.filter(article=article, entity=su30).values_list("status", flat=True))
    assert statuses == {MentionStatus.CONFIRMED}
    assert Tag.objects.get(article=article, entity=su30).status == MentionStatus.CONFIRMED
    # the other entities' suggestions are untouched
    mentions["belarus"].refresh_from_db()
    assert mentions["belarus"].status == MentionStatus.SUGGESTED
    assert mention_confirm_entity(article_id=article.pk, entity_id=su30.pk, reviewer=editor) == 0


def test_kind_change_relinks_to_the_entity_of_that_kind(annotated, editor):
    article, mentions = annotated
    mention = mention_kind_change(mention_id=mentions["belarus"].pk, kind="org", reviewer=editor)
    assert (mention.kind, mention.entity.kind, mention.entity.name) == ("org", "org", "Belarus")
    assert not mention.entity.curated and mention.status == MentionStatus.CONFIRMED
    again = mention_kind_change(mention_id=mentions["belarus"].pk, kind="place", reviewer=editor)
    assert again.entity == mentions["belarus"].entity  # back to the existing place
    with pytest.raises(ValidationError):
        mention_kind_change(mention_id=mentions["belarus"].pk, kind="ship", reviewer=editor)


def test_relink_refuses_a_duplicate_of_another_mention_on_the_same_text(annotated, su30, editor):
    article, mentions = annotated
    other = EntityFactory(name="Su-30", slug="weapon-su-30")
    mention_add(
        article_id=article.pk,
        start=mentions["latin"].start,
        end=mentions["latin"].end,
        entity_id=other.pk,
        reviewer=editor,
    )
    with pytest.raises(ValidationError):
        mention_review(
            mention_id=mentions["latin"].pk,
            status=MentionStatus.CONFIRMED,
            reviewer=editor,
            entity_id=other.pk,
        )


def test_added_mention_is_confirmed_by_the_editor_and_teaches_its_surface(annotated, editor):
    article, _ = annotated
    army = EntityFactory(kind="unit", name="4th Air and Air Defence Forces Army", slug="unit-4th")
    start = article.body.index("4th Air Army")
    mention = mention_add(
        article_id=article.pk, start=start, end=start + 12, entity_id=army.pk, reviewer=editor
    )
    assert (mention.text, mention.origin, mention.status) == (
        "4th Air Army",
        MentionOrigin.EDITOR,
        "confirmed",
    )
    assert Alias.objects.filter(entity=army, key=alias_key("4th Air Army")).exists()
    with pytest.raises(ValidationError):
        mention_add(
            article_id=article.pk, start=5, end=len(article.body) + 1, entity_id=army.pk, reviewer=editor
        )


def test_alias_add_and_remove(su30, editor):
    alias = alias_add(entity_id=su30.pk, text="  Flanker   G ", changed_by=editor, language="en")
    assert (alias.text, alias.language) == ("Flanker G", "en")
    assert alias_add(entity_id=su30.pk, text="FLANKER-G", changed_by=editor).pk == alias.pk  # same key
    alias_remove(alias_id=alias.pk, changed_by=editor)
    assert not Alias.objects.filter(pk=alias.pk).exists()
    removal = Alias.history.filter(id=alias.pk, history_type="-").get()
    assert removal.history_user == editor
    with pytest.raises(ValidationError):
        alias_add(entity_id=su30.pk, text=" - ", changed_by=editor)
    name_alias = Alias.objects.get(entity=su30, key=alias_key(su30.name))
    with pytest.raises(ValidationError):
        alias_remove(alias_id=name_alias.pk, changed_by=editor)


def test_promote_a_candidate(editor):
    candidate = EntityFactory(name="Hwasong-19", slug="weapon-hwasong-19", curated=False)
    entity = entity_promote(entity_id=candidate.pk, changed_by=editor)
    assert entity.curated
    assert Alias.objects.filter(entity=entity, key=alias_key("Hwasong-19")).exists()
    assert entity.history.latest().history_user == editor


def test_merge_moves_mentions_with_history(annotated, su30, editor):
    article, mentions = annotated
    duplicate = EntityFactory(name="Su-30 SM2", slug="weapon-su-30-sm2")
    Mention.objects.filter(pk=mentions["latin"].pk).update(entity=duplicate)
    record = entity_merge(source_id=duplicate.pk, target_id=su30.pk, merged_by=editor)
    assert isinstance(record, EntityMerge) and record.mentions_moved == 1
    moved = Mention.objects.get(pk=mentions["latin"].pk)
    assert moved.entity == su30
    assert moved.history.latest().history_user == editor
    assert not Entity.objects.filter(pk=duplicate.pk).exists()
    assert Alias.objects.filter(entity=su30, key=alias_key("Su-30 SM2")).exists()
