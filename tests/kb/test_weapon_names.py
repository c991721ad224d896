"""Weapon entries: canonical names, family and variant kept apart, no generic references."""

import pytest

from archive.extraction.gazetteer import Gazetteer
from archive.extraction.keys import key_of
from archive.kb.schema import default_kb


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(default_kb())


def _entity(gazetteer, surface):
    return {(a.entry.kind, a.entry.name) for a in gazetteer.lookup(key_of(surface)) if not a.plural}


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("C-17", "C-17 Globemaster III"),
        ("Patriot", "MIM-104 Patriot"),
        ("Gripen", "JAS 39 Gripen"),
        ("AMRAAM", "AIM-120 AMRAAM"),
        ("JF-17", "JF-17 Thunder"),
        ("Varshavyanka", "Varshavyanka-class"),
        ("F-16", "F-16"),  # news and the annotators use the bare designation for these
        ("C-130", "C-130"),
    ],
)
def test_canonical_names_follow_designation_and_programme_name(gazetteer, surface, name):
    assert _entity(gazetteer, surface) == {("weapon", name)}


@pytest.mark.parametrize(
    ("variant", "family"),
    [
        ("Tu-160M2", "Tu-160M"),
        ("Il-22M", "Il-22"),
        ("Mi-35P", "Mi-35"),
        ("Zuzana 2", "Zuzana"),
        ("Tornado IDS", "Panavia Tornado"),
        ("New Generation Fighter", "FCAS"),
        ("CV9035", "CV90"),
    ],
)
def test_a_variant_designation_is_its_own_entry(variant, family):
    entry = default_kb().get("weapon", variant)
    assert entry is not None and entry.parent == family


def test_no_entry_has_an_alias_that_is_a_variant_designation_of_itself():
    kb = default_kb()
    for entry in kb.of_kind("weapon"):
        for alias in entry.aliases:
            assert not kb.get("weapon", alias), f"{entry.name}: alias {alias} is another entry"


@pytest.mark.parametrize("surface", ["Russian military", "US military", "Ukrainian military"])
def test_lower_case_military_is_a_generic_reference(gazetteer, surface):
    assert _entity(gazetteer, surface) == set()
