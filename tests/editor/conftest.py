import pytest

from archive.models import Article, Entity, Mention, MentionStatus
from archive.services import alias_add, tags_refresh
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

BODY = (
    "Russia moved Су-30СМ2 fighters to Belarus.\n"
    "The Su-30SM2 jets joined the 4th Air Army.\n\n"
    "Officials in Minsk said the Mi-35M helicopters stayed."
)


def mention_at(article: Article, entity: Entity, surface: str, *, occurrence: int = 0, **fields) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(surface, start + 1)
    return MentionFactory(article=article, entity=entity, start=start, end=start + len(surface), **fields)


@pytest.fixture
def su30(db):
    entity = EntityFactory(name="Su-30SM2", slug="weapon-su-30sm2")
    alias_add(entity_id=entity.pk, text="Su-30SM2")
    return entity


@pytest.fixture
def annotated(db, su30):
    """An article with suggestions: two of the Su-30SM2 (Cyrillic and Latin), one place, one candidate."""
    article = ArticleFactory(body=BODY, title="Fighters to Belarus")
    belarus = EntityFactory(kind="place", name="Belarus", slug="place-belarus")
    helicopter = EntityFactory(name="Mi-35M", slug="weapon-mi-35m", curated=False)
    mentions = {
        "cyrillic": mention_at(article, su30, "Су-30СМ2"),
        "latin": mention_at(article, su30, "Su-30SM2"),
        "belarus": mention_at(article, belarus, "Belarus"),
        "helicopter": mention_at(article, helicopter, "Mi-35M", status=MentionStatus.SUGGESTED),
    }
    tags_refresh(article=article)
    return article, mentions
