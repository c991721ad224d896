"""The readers' search page and its Atom feed."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from .corpus import article, entity

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def corpus():
    mi24 = entity("Mi-24")
    mi35m = entity("Mi-35M", parent=mi24)
    serbia = article(
        "Serbia gets <b>Mi-35M</b> gunships",
        "Serbia received Mi-35M gunships & spares <script>x()</script>.",
        entities=[mi35m],
        source_name="Balkan Wire",
        published="2024-03-01",
    )
    article("Mi-24 upgrade", "The Mi-24 gunships get new sights.", entities=[mi24], published="2024-02-01")
    article("Tanks", "Tanks only.", published="2024-01-01")
    return {"mi24": mi24, "mi35m": mi35m, "serbia": serbia}


def test_reader_searches_and_sees_snippets_facets_and_chips(client, corpus):
    response = client.get(reverse("archive:search:page"), {"q": "gunships"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status" aria-live="polite">2 articles found' in html
    assert "<mark>gunships</mark>" in html
    assert "Serbia gets &lt;b&gt;Mi-35M&lt;/b&gt; gunships" in html  # titles are escaped
    assert "<script>x()" not in html
    assert 'aria-labelledby="facets-heading"' in html and '<label for="id_q">' in html
    # The family facet counts the variant's article too, and its link filters on it.
    assert f'href="?q=gunships&amp;entity={corpus["mi24"].pk}"' in html
    assert f'class="kind-weapon" href="?q=gunships&amp;entity={corpus["mi35m"].pk}"' in html


def test_filter_links_narrow_and_the_url_is_shareable(client, corpus):
    response = client.get(
        reverse("archive:search:page"), {"q": "gunships", "entity": corpus["mi24"].pk, "sort": "date"}
    )
    html = response.content.decode()
    assert "2 articles found" in html and "Showing <strong>Mi-24</strong> and its variants" in html
    narrowed = client.get(reverse("archive:search:page"), {"q": "gunships", "entity": corpus["mi35m"].slug})
    assert "1 article found" in narrowed.content.decode()


def test_bad_input_is_explained_not_a_crash(client, corpus):
    response = client.get(
        reverse("archive:search:page"), {"q": "tanks", "date_from": "2024-05-02", "date_to": "2024-05-01"}
    )
    assert response.status_code == 400
    assert "is after date_to" in response.content.decode()


def test_a_query_with_html_is_echoed_escaped(client, corpus):
    response = client.get(reverse("archive:search:page"), {"q": '<img src=x onerror="alert(1)"> or tanks'})
    html = response.content.decode()
    assert response.status_code == 200 and "<img src=x" not in html and "&lt;img src=x" in html


def test_htmx_requests_get_the_results_fragment(client, corpus):
    response = client.get(
        reverse("archive:search:page"),
        {"q": "gunships"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="search-body",
    )
    html = response.content.decode()
    assert "<mark>gunships</mark>" in html and "<html" not in html
    # The count's live region stays in the page; the fragment updates it out of band.
    assert 'id="result-count" role="status" aria-live="polite" hx-swap-oob="true">2 articles found' in html


def test_pagination_keeps_the_search(client, corpus):
    for number in range(25):
        article(f"Patrol {number}", f"Patrol boat {number} report.")
    html = client.get(reverse("archive:search:page"), {"q": "patrol", "sort": "date"}).content.decode()
    assert "Page 1 of 2" in html and 'href="?q=patrol&amp;sort=date&amp;page=2" rel="next"' in html


def test_feed_is_valid_atom_with_escaped_content(client, corpus):
    response = client.get(reverse("archive:search:feed"), {"q": "gunships"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response; raises unless well-formed
    assert feed.tag == f"{ATOM}feed"
    assert "gunships" in feed.find(f"{ATOM}title").text
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Serbia gets <b>Mi-35M</b> gunships",
        "Mi-24 upgrade",
    ]  # newest first; the text, not markup
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html" and "<mark>gunships</mark>" in summary.text
    assert "<script" not in summary.text and "&amp;" in summary.text
    serbia = corpus["serbia"]
    detail = reverse("archive:article-detail", args=[serbia.pk])
    assert entries[0].find(f"{ATOM}link").get("href") == f"http://testserver{detail}"
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} == {"Mi-35M"}


def test_feed_of_a_bad_search_is_not_found(client, corpus):
    assert client.get(reverse("archive:search:feed"), {"kind": "ship"}).status_code == 404


def test_a_bad_date_in_the_form_names_the_field(client, corpus):
    response = client.get(reverse("archive:search:page"), {"q": "tanks", "date_from": "someday"})
    assert response.status_code == 400 and "From: Enter a valid date." in response.content.decode()
