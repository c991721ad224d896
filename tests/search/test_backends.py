"""One conformance suite for both search backends, subclassed once per database.

Each subclass runs on its own database and is skipped only when the suite runs on the other
one: ``make test-sqlite`` exercises the FTS5 backend, ``make test-postgres`` the tsvector one.
"""

from datetime import date

import pytest
from django.db import connection

from archive.models import Article, SearchDocument
from archive.search import remove_articles, search_articles

from .corpus import article, entity, source


def titles(page) -> list[str]:
    return [hit.title for hit in page.results]


class BackendConformance:
    vendor = ""

    @pytest.fixture(autouse=True)
    def _backend(self, db, settings):
        if connection.vendor != self.vendor:
            pytest.skip(f"the {self.vendor} backend runs when the suite runs on {self.vendor}")
        settings.ARCHIVE_SEARCH_BACKEND = self.vendor

    # --- the query language ----------------------------------------------------------------

    def test_words_must_all_appear(self):
        article("Drones over the border", "Bayraktar drones flew over the border at dawn.")
        article("Border talks", "Negotiators met at the border.")
        assert titles(search_articles(query="drones border")) == ["Drones over the border"]

    def test_stemmed_forms_match(self):
        article("Deliveries", "The helicopters were delivered in March.")
        assert titles(search_articles(query="helicopter")) == ["Deliveries"]

    def test_phrase_needs_the_words_together_in_order(self):
        article("Shield", "The new air defence system was deployed near the capital.")
        article("Scattered", "Defence of the air base relied on old guns.")
        assert titles(search_articles(query='"air defence"')) == ["Shield"]

    def test_or_finds_either_word(self):
        article("Leopards", "Forty Leopard tanks arrived.")
        article("Abrams", "The Abrams tanks stayed home.")
        article("Trucks", "Supply trucks arrived.")
        assert sorted(titles(search_articles(query="Leopard or Abrams"))) == ["Abrams", "Leopards"]

    def test_minus_excludes_a_word_and_a_phrase(self):
        article("Leopards in Poland", "Leopard tanks trained in Poland.")
        article("Leopards in Spain", "Leopard tanks trained in Spain.")
        article("Leopards on exercise", "Leopard tanks joined a training exercise in Norway.")
        found = titles(search_articles(query='Leopard -Poland -"training exercise"'))
        assert found == ["Leopards in Spain"]

    def test_designations_with_hyphens_and_cyrillic_aliases_match(self):
        mi24 = entity("Mi-24")
        mi24.aliases.create(text="Ми-24", key="ми24")
        article("Gunships", "Two Mi-24 gunships landed.", entities=[mi24])
        article("Fighters", "Two Su-30 fighters landed.")
        assert titles(search_articles(query="Mi-24")) == ["Gunships"]
        assert titles(search_articles(query="Ми-24")) == ["Gunships"]

    # --- ranking and snippets ----------------------------------------------------------------

    def test_title_ranks_above_body(self):
        article(
            "Budget debate", "Gripen Gripen Gripen: the Gripen fleet was discussed at length, Gripen again."
        )
        article("Gripen order signed", "The air force signed a contract for new aircraft.")
        found = search_articles(query="Gripen")
        assert titles(found) == ["Gripen order signed", "Budget debate"]
        assert found.results[0].score > found.results[1].score > 0

    def test_articles_tagged_with_the_entity_rank_above_passing_mentions(self):
        tb2 = entity("Bayraktar TB2")
        article("Parade", "Crowds watched the parade; a Bayraktar flew past.")
        article("Strike", "Officials said a Bayraktar hit the depot.", entities=[tb2])
        assert titles(search_articles(query="Bayraktar")) == ["Strike", "Parade"]

    def test_snippet_marks_the_hits(self):
        article("Report", "In other news the Storm Shadow missile was fired at a bridge yesterday.")
        snippet = search_articles(query="missile").results[0].snippet
        assert "<mark>missile</mark>" in snippet
        assert "Storm Shadow" in snippet

    def test_snippets_escape_html_and_script_in_the_text_and_the_query(self):
        body = 'Gripen <script>alert("x")</script> jets & <b>bold</b> claims: 3 < 4 > 2 "Gripen".'
        article("Escaping", body)
        for query in (
            "Gripen",
            "Gripen or <script>alert(1)</script>",
            '<img src=x onerror="alert(1)"> or Gripen',
        ):
            hit = search_articles(query=query).results[0]
            assert "<script" not in hit.snippet and "<b>" not in hit.snippet and "<img" not in hit.snippet
            assert "<mark>Gripen</mark>" in hit.snippet
            assert "&amp;" in hit.snippet or "&" not in hit.snippet.replace("&amp;", "").replace("&lt;", "")
            # Nothing but <mark> survives as markup.
            assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0

    def test_results_without_query_words_get_the_escaped_opening_of_the_text(self):
        article("Plain", "<i>Opening</i> words & more words about the navy.")
        snippet = search_articles(query="", language="en").results[0].snippet
        assert snippet.startswith("&lt;i&gt;Opening&lt;/i&gt; words &amp; more")

    # --- filters -----------------------------------------------------------------------------

    def test_entity_filter_includes_variants(self):
        mi24 = entity("Mi-24")
        mi35m = entity("Mi-35M", parent=mi24)
        article("Serbian gunships", "Serbia received helicopters.", entities=[mi35m])
        article("Family news", "The Mi-24 family keeps flying helicopters.", entities=[mi24])
        article("Other helicopters", "Other helicopters were seen.")
        assert sorted(titles(search_articles(query="helicopters", entity=mi24.pk))) == [
            "Family news",
            "Serbian gunships",
        ]
        assert titles(search_articles(query="helicopters", entity=mi35m.slug)) == ["Serbian gunships"]
        assert titles(search_articles(query="", entity=mi35m.pk)) == ["Serbian gunships"]

    def test_kind_source_and_language_filters(self):
        nato = entity("NATO", kind="org")
        article("Alliance", "The summit ended.", entities=[nato], source_name="Wire A", language="en")
        article("Summit", "The summit ended early.", source_name="Wire B", language="fr")
        assert titles(search_articles(query="summit", kind="org")) == ["Alliance"]
        assert titles(search_articles(query="summit", source=source("Wire B").pk)) == ["Summit"]
        assert titles(search_articles(query="summit", language="fr")) == ["Summit"]
        assert titles(search_articles(query="summit", language="de")) == []

    def test_date_range_includes_both_days_and_leaves_out_undated(self):
        article("Before", "Convoy report.", published="2024-02-29T23:59:59")
        article("First day", "Convoy report one.", published="2024-03-01T00:00:00")
        article("Last day", "Convoy report two.", published="2024-03-31T23:30:00")
        article("After", "Convoy report three.", published="2024-04-01T00:00:00")
        article("Undated", "Convoy report four.", published=None)
        found = search_articles(query="convoy", date_from="2024-03-01", date_to=date(2024, 3, 31))
        assert sorted(titles(found)) == ["First day", "Last day"]
        assert titles(search_articles(query="convoy", date_from="2024-04-01")) == ["After"]

    def test_sort_by_date_puts_newest_first_and_undated_last(self):
        article("Old", "Frigate news.", published="2020-01-01")
        article("Undated", "Frigate news again.", published=None)
        article("New", "Frigate news once more.", published="2024-01-01")
        article("Middle", "Frigate, frigate, frigate news.", published="2022-01-01")
        assert titles(search_articles(query="frigate", sort="date")) == ["New", "Middle", "Old", "Undated"]
        assert titles(search_articles(query="", sort="relevance"))[0] == "New"

    # --- facets, paging, removal ----------------------------------------------------------------

    def test_facets_count_matching_articles_per_value(self):
        mi24 = entity("Mi-24")
        mi35m = entity("Mi-35M", parent=mi24)
        belarus = entity("Belarus", kind="place")
        article(
            "One", "Helicopters in Minsk.", entities=[mi35m, belarus], source_name="Wire A", language="en"
        )
        article("Two", "Helicopters in Gomel.", entities=[mi24], source_name="Wire A", language="ru")
        article("Three", "Helicopters elsewhere.", source_name="Wire B", language="en")
        article("Unrelated", "Tanks in Minsk.", entities=[belarus], source_name="Wire B", language="en")
        page = search_articles(query="helicopters")
        counts = {
            name: {value.label: value.count for value in values} for name, values in page.facets.items()
        }
        assert page.count == 3
        assert counts["kind"] == {"Weapon system": 2, "Place": 1}
        assert counts["entity"] == {"Mi-24": 2, "Mi-35M": 1, "Belarus": 1}
        assert counts["source"] == {"Wire A": 2, "Wire B": 1}
        assert counts["language"] == {"English": 2, "Russian": 1}
        by_value = {value.label: value for value in page.facets["entity"]}
        assert by_value["Mi-24"].value == str(mi24.pk) and by_value["Mi-24"].slug == mi24.slug
        assert by_value["Belarus"].kind == "place"
        # Facets follow the filters: the drill-down count equals the facet count.
        assert search_articles(query="helicopters", entity=by_value["Mi-24"].value).count == 2

    def test_paging_and_counts(self):
        for number in range(5):
            article(f"Patrol {number}", f"Patrol boat report {number}.", published=f"2024-01-0{number + 1}")
        first = search_articles(query="patrol", sort="date", page_size=2)
        third = search_articles(query="patrol", sort="date", page_size=2, page=3)
        assert first.count == 5 and first.num_pages == 3 and first.has_next and not first.has_previous
        assert titles(first) == ["Patrol 4", "Patrol 3"]
        assert titles(third) == ["Patrol 0"] and not third.has_next

    def test_counts_stop_at_the_count_limit_and_say_so(self, monkeypatch):
        from archive.search.backends.base import SqlSearchBackend

        for number in range(5):
            article(f"Radar {number}", f"Radar report {number}.", source_name="Wire A")
        monkeypatch.setattr(SqlSearchBackend, "count_limit", 3)
        for facets in (True, False):
            page = search_articles(query="radar", facets=facets)
            assert (page.count, page.count_exact, len(page.results)) == (3, False, 5)
        assert search_articles(query="radar").facets["source"][0].count == 3
        monkeypatch.setattr(SqlSearchBackend, "count_limit", 5)
        assert search_articles(query="radar").count_exact

    def test_without_facets_counting_stops_sooner(self, monkeypatch):
        from archive.search.backends.base import SqlSearchBackend

        for number in range(5):
            article(f"Sonar {number}", f"Sonar report {number}.", published=f"2024-01-0{number + 1}")
        monkeypatch.setattr(SqlSearchBackend, "count_only_limit", 2)
        quick = search_articles(query="sonar", facets=False, sort="date", page_size=2)
        assert (quick.count, quick.count_exact, quick.has_next) == (2, False, True)
        assert titles(quick) == ["Sonar 4", "Sonar 3"]
        faceted = search_articles(query="sonar", page_size=2)
        assert (faceted.count, faceted.count_exact) == (5, True)

    def test_hits_carry_article_fields_and_tags(self):
        nato = entity("NATO", kind="org")
        created = article("Alliance", "The NATO summit ended.", entities=[nato], source_name="Wire A")
        hit = search_articles(query="summit").results[0]
        assert hit.article_id == created.pk
        assert hit.source_name == "Wire A"
        assert hit.published_at == created.published_at
        assert hit.tags == [{"entity_id": nato.pk, "name": "NATO", "kind": "org", "slug": nato.slug}]

    def test_removed_and_deleted_articles_are_not_found(self):
        kept = article("Kept", "Corvette launched.")
        removed = article("Removed", "Corvette refitted.")
        deleted = article("Deleted", "Corvette sold.")
        remove_articles(article_ids=[removed.pk])
        Article.objects.filter(pk=deleted.pk).delete()
        assert titles(search_articles(query="corvette")) == ["Kept"]
        assert set(SearchDocument.objects.values_list("article_id", flat=True)) == {kept.pk}

    def test_reindexing_follows_an_edit(self):
        edited = article("Draft", "Submarine sighted.")
        Article.objects.filter(pk=edited.pk).update(title="Final", body="Destroyer sighted.")
        from archive.search import index_articles

        index_articles(article_ids=[edited.pk])
        assert titles(search_articles(query="destroyer")) == ["Final"]
        assert titles(search_articles(query="submarine")) == []

    def test_rebuild_restores_a_lost_index(self):
        article("Lost", "Minehunter commissioned.")
        SearchDocument.objects.all().delete()
        assert search_articles(query="minehunter").count == 0
        from archive.search import get_backend

        assert get_backend().rebuild(batch_size=1) == 1
        assert titles(search_articles(query="minehunter")) == ["Lost"]


class TestSqliteBackend(BackendConformance):
    vendor = "sqlite"


@pytest.mark.postgres
class TestPostgresBackend(BackendConformance):
    vendor = "postgresql"

    # --- large result sets: newest windows and counts of positional queries -----------------

    @pytest.fixture
    def many_matches(self, monkeypatch):
        """60 dated articles, a third of them naming a frigate, with limits small enough that a
        search takes the path of a large archive: more matches than it counts, windows read
        from the planner's statistics."""
        from archive.search.backends import base, postgres

        for number in range(60):
            day = date(2020, 1, 1).toordinal() + number * 20
            frigate = number % 3 == 0
            body = f"The frigate Admiral sailed, report {number}." if frigate else f"Harbour report {number}."
            article(f"Report {number:02d}", body, published=date.fromordinal(day).isoformat())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_searchdocument")
        postgres._HISTOGRAMS.clear()
        monkeypatch.setattr(base.SqlSearchBackend, "count_limit", 5)
        monkeypatch.setattr(base.SqlSearchBackend, "pool_size", 4)
        return [f"Report {number:02d}" for number in range(57, -1, -3)]  # the matches, newest first

    def test_windows_find_the_newest_matches_in_date_order(self, many_matches):
        from django.test.utils import CaptureQueriesContext

        for page_number in (1, 2, 5):
            with CaptureQueriesContext(connection) as queries:
                page = search_articles(query="frigate", sort="date", page=page_number, page_size=2)
            windowed = any("d.published_at >= " in query["sql"] for query in queries.captured_queries)
            # The first pages fit in the newest window; the fifth needs more than it holds.
            assert windowed == (page_number < 5)
            assert titles(page) == many_matches[(page_number - 1) * 2 : page_number * 2]
            assert (page.count, page.count_exact) == (5, False)

    def test_relevance_ranks_the_newest_pool_when_matches_exceed_the_count(self, many_matches):
        page = search_articles(query="frigate", page_size=10)
        # Every match ranks the same, so the pool (the newest four) comes out newest first.
        assert titles(page)[:4] == many_matches[:4]
        assert sorted(titles(page)) == sorted(many_matches[:10])

    def test_a_phrase_without_facets_is_counted_by_its_pool(self, many_matches):
        page = search_articles(query='"frigate admiral"', facets=False, page_size=2)
        assert titles(page) == many_matches[:2]
        assert (page.count, page.count_exact) == (4, False) and page.has_next
        with_facets = search_articles(query='"frigate admiral"', page_size=2)
        assert (with_facets.count, with_facets.count_exact) == (5, False)
        rare = search_articles(query='"admiral sailed" 2020', facets=False)
        assert (rare.count, rare.count_exact) == (0, True)

    def test_a_date_range_narrows_the_windows(self, many_matches):
        page = search_articles(query="frigate", sort="date", date_from="2020-01-01", date_to="2021-01-31")
        assert titles(page) == [title for title in many_matches if int(title[-2:]) <= 19]

    def test_pages_go_on_past_a_lower_bound_count(self, many_matches):
        second = search_articles(query='"frigate admiral"', facets=False, page_size=2, page=2)
        assert (second.count, second.count_exact) == (4, False)
        assert titles(second) == many_matches[2:4] and second.has_next
        third = search_articles(query='"frigate admiral"', facets=False, page_size=2, page=3)
        assert titles(third) == many_matches[4:6]

    def test_query_text_cannot_match_an_entity_lexeme(self):
        tagged = entity("Mi-24")
        article("Helicopters", "Two helicopters landed.", entities=[tagged])
        assert search_articles(query=f'"entity {tagged.pk}"').count == 0
        assert search_articles(query=f"entity {tagged.pk}").count == 0
        assert titles(search_articles(query="helicopters", entity=tagged.pk)) == ["Helicopters"]

    def test_a_phrase_is_confirmed_newest_first_among_unordered_candidates(self, monkeypatch):
        from archive.search.backends import base

        for number in range(6):  # the newest articles have both words, but apart
            article(
                f"Apart {number}",
                f"The admiral met the frigate crew, report {number}.",
                published=f"2024-03-0{number + 1}",
            )
        for number in range(4):
            article(
                f"Together {number}",
                f"The frigate admiral spoke, report {number}.",
                published=f"2024-02-0{number + 1}",
            )
        monkeypatch.setattr(base.SqlSearchBackend, "pool_size", 3)
        for facets in (False, True):
            page = search_articles(query='"frigate admiral"', sort="date", facets=facets, page_size=3)
            assert titles(page) == ["Together 3", "Together 2", "Together 1"]
        everything = search_articles(query='"frigate admiral"', facets=False, page_size=10)
        assert (everything.count, everything.count_exact) == (4, True)
        assert sorted(titles(everything)) == [f"Together {number}" for number in range(4)]
