import pytest

from archive.extraction.keys import compact, cyrillic_stem, key_of, transliterate


@pytest.mark.parametrize("surface", ["Su-30SM", "Su-30 SM", "SU-30SM", "Su30SM", "Су-30СМ", "Su\u201330SM"])
def test_spelling_variants_of_a_designation_share_one_key(surface):
    assert key_of(surface) == "su 30 sm"


def test_mark_and_mk_are_the_same_variant_word():
    assert key_of("Tejas Mark 1A") == key_of("Tejas Mk1A") == key_of("Tejas Mk-1A")


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("Беларуси", "Беларусь"),
        ("Москве", "Москва"),
        ("Орешника", "Орешник"),
        ("Псковской области", "Псковская область"),
        ("Западного военного округа", "Западный военный округ"),
        ("України", "Україна"),
    ],
)
def test_inflected_cyrillic_names_meet_their_base_form(inflected, base):
    assert key_of(inflected) == key_of(base)


def test_stems_keep_a_minimum_length():
    assert cyrillic_stem("бук") == "бук"
    assert cyrillic_stem("ила") == "ила"


def test_cyrillic_acronyms_are_not_stemmed():
    assert key_of("ЗВО") == "зво"


def test_words_mixing_scripts_are_read_in_their_main_script():
    assert key_of("Rаfale") == key_of("Rafale")  # Cyrillic а inside a Latin word


def test_transliteration_keeps_capitals():
    assert transliterate("Ми-35М") == "Mi-35M"
    assert transliterate("Игорь Борисов") == "Igor Borisov"


def test_compact_drops_separators():
    assert compact("Su-30 SM") == "su30sm"
