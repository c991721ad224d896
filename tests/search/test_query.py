"""The query language, parsed without Django or a database."""

from archive.search.query import Term, parse_query


def test_words_are_anded_and_phrases_kept_together():
    parsed = parse_query('Leopard  "main battle tank"')
    assert parsed.alternatives == ((Term("Leopard"), Term("main battle tank", phrase=True)),)
    assert parsed.websearch() == 'Leopard "main battle tank"'
    assert parsed.fts5() == '("Leopard" AND "main battle tank")'


def test_or_splits_alternatives_and_minus_excludes():
    parsed = parse_query('Leopard or Abrams -Ukraine -"training exercise"')
    assert parsed.websearch() == 'Leopard or Abrams -Ukraine -"training exercise"'
    assert parsed.fts5() == '("Leopard") OR ((("Abrams") NOT "Ukraine") NOT "training exercise")'


def test_user_text_cannot_become_an_fts5_operator_or_break_quotes():
    assert parse_query("NEAR(a b) x* AND").fts5() == '("NEAR(a" AND "b)" AND "x*" AND "AND")'
    assert parse_query('un"quoted "open phrase').fts5() == '("unquoted" AND "open phrase")'


def test_only_exclusions_or_punctuation_is_an_empty_query():
    assert parse_query("-Leopard").is_empty
    assert parse_query(" & ! ").is_empty
    assert parse_query("").is_empty
    assert parse_query("-Leopard or Abrams").websearch() == "Abrams"


def test_phrases_and_split_words_are_positional():
    assert not parse_query("frigate admiral -corvette").is_positional
    assert not parse_query("Су30 or frigate").is_positional
    assert parse_query('"air defence"').is_positional
    assert parse_query("Su-30SM2").is_positional
    assert parse_query('frigate -"training exercise"').is_positional


def test_exclusions_of_phrases_and_split_words_are_told_apart():
    assert not parse_query('"air defence" Su-30SM2 -tank').excludes_positionally
    assert parse_query('radar -"training exercise"').excludes_positionally
    assert parse_query("radar -Su-30").excludes_positionally
