import pytest

from archive.extraction.demonyms import is_demonym


@pytest.mark.parametrize(
    "word",
    [
        "Ukrainian",
        "Russian",
        "Slovak",
        "Chinese",
        "Israeli",
        "Swedish",
        "American",
        "Syrian",
        "Belarusian",
        "Ukrainians",
        "French",
        "Norwegian",
        "European",
    ],
)
def test_adjectives_of_origin(word):
    assert is_demonym(word)


@pytest.mark.parametrize(
    "word", ["Iran", "Oman", "Sudan", "Jordan", "Russia", "India", "Milan", "Kazan", "Putin", "Gagarin", "US"]
)
def test_places_and_names_are_not_demonyms(word):
    assert not is_demonym(word)
