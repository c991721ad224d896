from hypothesis import given
from hypothesis import strategies as st

from archive.extraction.keys import tokenize
from archive.extraction.normalize import normalize

# Text drawn from the scripts and marks the extractor meets: Latin, Cyrillic, digits,
# dashes, quotes, spaces of every width, ligatures, combining accents, zero-width marks.
ALPHABET = st.sampled_from(
    list("aSu-30CMс СМ2 Ми35Зо.,'\"")
    + [
        "\u2013",
        "\u2014",
        "\u2212",
        "\u2019",
        "\u201c",
        "\u00a0",
        "\u2009",
        "\ufb01",
        "\u0301",
        "\u0308",
        "\u00ad",
        "\u200b",
        "\uff21",
        "\u2460",
        "\n",
        "\u00e9",
        "\u0130",
        "\u00df",
    ]
)
TEXTS = st.text(ALPHABET, max_size=60) | st.text(max_size=40)


@given(TEXTS)
def test_every_normalised_character_maps_inside_the_original(text):
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
        if i:
            assert norm.starts[i - 1] <= norm.starts[i]


@given(TEXTS)
def test_spans_map_back_to_the_exact_original_substring(text):
    """Normalising the original substring of a span gives back the span's text."""
    norm = normalize(text)
    n = len(norm.text)
    boundaries = [i for i in range(n + 1) if i in (0, n) or norm.starts[i] != norm.starts[i - 1]]
    for a in boundaries:
        for b in boundaries:
            if a < b:
                start, end = norm.original_span(a, b)
                assert normalize(text[start:end]).text == norm.text[a:b]


@given(TEXTS)
def test_tokens_point_at_original_text(text):
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert normalize(text[token.start : token.end]).text.strip()


def test_dashes_quotes_and_spaces_are_unified():
    norm = normalize("Su\u201330\u00a0SM \u201cBuk\u201d")
    assert norm.text == 'Su-30 SM "Buk"'


def test_cyrillic_ze_next_to_a_digit_reads_as_a_three():
    assert [t.key for t in tokenize("Су-З0")] == ["su", "30"]
    assert [t.key for t in tokenize("Зенит")] == ["зенит"]


def test_ligature_maps_to_the_whole_original_character():
    norm = normalize("\ufb01ghter")
    assert norm.text == "fighter"
    assert norm.original_span(0, 1) == (0, 1)
    assert norm.original_span(1, 7) == (0, 6)


def test_the_ascii_fast_path_keeps_offsets_around_special_characters():
    from archive.extraction.normalize import normalize

    text = "Cafe\u0301 «Су-30» — ﬁx"
    norm = normalize(text)
    assert norm.text == 'Café "Су-30" - fix'
    assert len(norm.starts) == len(norm.text)
    assert text[slice(*norm.original_span(0, 4))] == "Cafe\u0301"
    assert text[slice(*norm.original_span(norm.text.index("fix"), len(norm.text)))] == "ﬁx"
