import pytest

from archive.models import Article, Entity, MentionStatus
from archive.services import tags_refresh
from tests.factories import ArticleFactory, EntityFactory, MentionFactory


def mention(
    article: Article, entity: Entity, surface: str, *, occurrence: int = 0, status=MentionStatus.SUGGESTED
):
    """A mention of ``entity`` at the n-th occurrence of ``surface`` in the article body."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(surface, start + 1)
    end = start + len(surface)
    return MentionFactory(article=article, entity=entity, start=start, end=end, status=status)


def tagged_article(entities_and_surfaces, **article_fields) -> Article:
    """An article whose mentions and tags go through the real tag service."""
    article = ArticleFactory(**article_fields)
    for entity, surface in entities_and_surfaces:
        mention(article, entity, surface)
    tags_refresh(article=article)
    return article


@pytest.fixture
def mi24_family(db):
    """Mi-24 -> Mi-35 -> Mi-35M, and a sibling Mi-24P: a family three levels deep."""
    mi24 = EntityFactory(name="Mi-24", slug="weapon-mi-24")
    mi35 = EntityFactory(name="Mi-35", slug="weapon-mi-35", parent=mi24)
    mi35m = EntityFactory(name="Mi-35M", slug="weapon-mi-35m", parent=mi35)
    mi24p = EntityFactory(name="Mi-24P", slug="weapon-mi-24p", parent=mi24)
    return {"Mi-24": mi24, "Mi-35": mi35, "Mi-35M": mi35m, "Mi-24P": mi24p}


@pytest.fixture
def belarus(db):
    return EntityFactory(name="Belarus", kind="place", slug="place-belarus")
