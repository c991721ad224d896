import pytest

from archive.extraction.gazetteer import Gazetteer
from archive.extraction.linking import Linker, designation_name
from archive.kb.schema import KBEntry, KnowledgeBase


@pytest.fixture(scope="module")
def linker(small_kb):
    return Linker(Gazetteer(small_kb))


@pytest.mark.parametrize("surface", ["Su-30C2", "Су-30СМ2", "Su-30SM2", "SU-30SM-2", "Su30SM2"])
def test_spellings_of_the_su30sm2_link_to_it(linker, surface):
    assert linker.link(surface, "weapon").entry.name == "Su-30SM2"


@pytest.mark.parametrize("surface", ["Su-30 SM", "SU-30SM", "Su30SM", "Су-30СМ"])
def test_spellings_of_the_su30sm_link_to_it(linker, surface):
    assert linker.link(surface, "weapon").entry.name == "Su-30SM"


def test_design_bureau_name_is_the_short_prefix(linker):
    assert linker.link("Sukhoi-57", "weapon").entry.name == "Su-57"
    assert designation_name("Sukhoi-35S") == "Su-35S"


def test_another_variant_of_the_family_is_not_a_misspelling(linker):
    assert linker.link("Su-35S", "weapon").entry is None
    assert linker.link("Su-30SM3", "weapon").entry is None


def test_fuzzy_names_above_the_threshold(linker):
    assert linker.link("United Aircraft Corporaton", "org").entry.name == "United Aircraft Corporation"
    assert linker.link("United Shipbuilding Corporation", "org").entry is None


def test_a_qualified_name_is_not_a_misspelling_of_the_shorter_one():
    linker = Linker(Gazetteer(KnowledgeBase([KBEntry("org", "UK Ministry of Defence")])))
    assert linker.link("Ministry of Defence", "org").entry is None


def test_cyrillic_designation_names_are_transliterated():
    assert designation_name("Ми-35М") == "Mi-35M"
