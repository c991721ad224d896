import pytest

from archive.models import SearchDocument
from archive.search import search_articles
from tests.factories import ArticleFactory
from tests.test_commands import run

pytestmark = pytest.mark.django_db


def test_rebuild_search_index_indexes_every_article_with_a_progress_bar():
    # Factories write rows directly, as a restore or a bulk load would: nothing is indexed yet.
    for number in range(5):
        ArticleFactory(title=f"Submarine {number}", body=f"Submarine report number {number}.")
    assert search_articles(query="submarine").count == 0

    out, err = run("rebuild_search_index", "--batch-size", "2")
    assert "Search index rebuilt: 5 articles" in out
    assert "5/5" in err  # tqdm's bar, on stderr
    assert search_articles(query="submarine").count == 5
    assert SearchDocument.objects.count() == 5

    run("rebuild_search_index")  # running it again changes nothing
    assert search_articles(query="submarine").count == 5
