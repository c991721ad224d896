from archive.extraction.gazetteer import Gazetteer, is_acronym
from archive.extraction.keys import tokenize
from archive.kb.schema import KBEntry, KnowledgeBase


def found(gazetteer, text):
    return sorted((text[m.start : m.end], m.alias.entry.name) for m in gazetteer.find(text, tokenize(text)))


def test_all_aliases_are_found_word_bounded(small_kb):
    g = Gazetteer(small_kb)
    assert found(g, "NATO and the Black Sea Fleet met in Minsk.") == [
        ("Black Sea Fleet", "Black Sea Fleet"),
        ("Minsk", "Minsk"),
        ("NATO", "NATO"),
    ]
    assert found(g, "NATOs Minsker") == []


def test_a_shorter_designation_does_not_match_inside_a_longer_one(small_kb):
    g = Gazetteer(small_kb)
    assert found(g, "The Su-30SM2 flew.") == [("Su-30SM2", "Su-30SM2")]
    assert found(g, "The Su-35S flew.") == []


def test_acronyms_match_case_sensitively(small_kb):
    g = Gazetteer(small_kb)
    assert found(g, "the MoD said") == [("MoD", "UK Ministry of Defence")]
    assert found(g, "the mod said, let us go") == []
    assert ("U.S.", "United States") in found(g, "U.S. troops")


def test_names_written_with_a_capital_need_one_in_the_text(small_kb):
    g = Gazetteer(small_kb)
    assert found(g, "Buk systems") == [("Buk", "Buk")]
    assert found(g, "a buk of paper") == []


def test_plural_of_a_weapon_name(small_kb):
    g = Gazetteer(small_kb)
    assert ("Su-57s", "Su-57") in found(g, "two Su-57s and Rafales")
    assert ("Rafales", "Rafale") in found(g, "two Su-57s and Rafales")


def test_cyrillic_inflected_forms(small_kb):
    g = Gazetteer(small_kb)
    assert found(g, "в Беларуси и в Москве") == [("Беларуси", "Belarus"), ("Москве", "Moscow")]
    assert found(g, "комплекс «Орешник» и Ми-35М") == [("Ми-35М", "Mi-35M"), ("Орешник", "Oreshnik")]


def test_acronym_detection():
    assert is_acronym("MoD") and is_acronym("NATO") and is_acronym("U.S.")
    assert not is_acronym("Rostec") and not is_acronym("Su-30") and not is_acronym("Black Sea")


def test_collisions_list_keys_shared_by_two_entities():
    kb = KnowledgeBase(
        [
            KBEntry("org", "Eurofighter GmbH", ("Eurofighter",)),
            KBEntry("weapon", "Eurofighter Typhoon", ("Eurofighter",)),
        ]
    )
    assert list(Gazetteer(kb).collisions()) == ["eurofighter"]


def test_weapon_names_made_of_initials_also_match_written_as_words():
    kb = KnowledgeBase(
        [
            KBEntry("weapon", "HIMARS", ("M142 HIMARS",)),
            KBEntry("weapon", "MICA", ()),
            KBEntry("org", "NATO", ()),
        ]
    )
    g = Gazetteer(kb)
    assert found(g, "Himars and Mica fired") == [("Himars", "HIMARS"), ("Mica", "MICA")]
    assert found(g, "himars, mica, Nato") == []  # lower case, and organisations stay exact
