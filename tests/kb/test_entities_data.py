"""The curated organisations, units, people and regions: they load, cover enough, and each
surface names one entity."""

from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from archive.kb.places import _key, generated_places
from archive.kb.schema import DATA_DIR, KBEntry, KnowledgeBase, load_file

KINDS = ("org", "unit", "person", "place")


def entries_of(kind: str, file: str | None = None) -> list[KBEntry]:
    paths = [DATA_DIR / kind / file] if file else sorted((DATA_DIR / kind).glob("*.yaml"))
    return [entry for path in paths for entry in load_file(path)]


@pytest.fixture(scope="module")
def curated() -> KnowledgeBase:
    return KnowledgeBase(entry for kind in KINDS for entry in entries_of(kind))


def find(kb: KnowledgeBase, surface: str) -> list[str]:
    key = _key(surface)
    return [e.name for e in kb.entries if any(_key(s) == key for s in e.surfaces)]


def test_each_kind_has_its_minimum_number_of_entries(curated):
    counts = {kind: len(curated.of_kind(kind)) for kind in KINDS}
    assert counts["org"] >= 300
    assert counts["unit"] >= 150
    assert counts["person"] >= 80
    assert counts["place"] >= 100


@pytest.mark.parametrize(
    ("file", "minimum_countries"),
    [("ministries.yaml", 60), ("armed_forces.yaml", 60)],
)
def test_ministries_and_armed_forces_cover_many_countries(file, minimum_countries):
    assert len({e.country for e in entries_of("org", file)}) >= minimum_countries


def test_at_least_a_hundred_defence_companies():
    assert len(entries_of("org", "companies.yaml")) >= 100


def test_every_country_code_is_a_real_iso_code(curated):
    unknown = {
        (e.name, e.country)
        for e in curated.entries
        if e.country and not pycountry.countries.get(alpha_2=e.country)
    }
    assert not unknown


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Pentagon", "United States Department of Defense"),
        ("Russian defense ministry", "Ministry of Defence of the Russian Federation"),
        ("Минобороны России", "Ministry of Defence of the Russian Federation"),
        ("VKS", "Russian Aerospace Forces"),
        ("ВДВ", "Russian Airborne Forces"),
        ("ZSU", "Armed Forces of Ukraine"),
        ("Luftwaffe", "German Air Force"),
        ("IAF", "Indian Air Force"),
        ("IDF", "Israel Defense Forces"),
        ("Raytheon", "Raytheon"),
        ("KMW", "Krauss-Maffei Wegmann"),
        ("ЧВК Вагнер", "Wagner Group"),
        ("HUR", "Defence Intelligence of Ukraine"),
        ("TASS", "TASS"),
        ("XVIII Airborne Corps", "18th Airborne Corps"),
        ("Западного военного округа", "Western Military District"),
        ("Engels airfield", "Engels air base"),
        ("Fort Liberty", "Fort Bragg"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Syrsky", "Oleksandr Syrskyi"),
        ("Donbass", "Donbas"),
        ("Харківська область", "Kharkiv Oblast"),
        ("Kursk region", "Kursk Oblast"),
    ],
)
def test_known_surfaces_resolve_to_one_entity(curated, surface, name):
    assert find(curated, surface) == [name]


def test_no_surface_names_two_curated_entities(curated):
    owners = defaultdict(set)
    for entry in curated.entries:
        for surface in entry.surfaces:
            owners[_key(surface)].add((entry.kind, entry.name))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_curated_surfaces_do_not_collide_with_generated_places(curated):
    curated_names = {e.name for e in curated.of_kind("place")}
    generated = {
        _key(surface): entry.name
        for entry in generated_places()
        if entry.name not in curated_names
        for surface in entry.surfaces
    }
    clashes = {
        (entry.name, surface, generated[_key(surface)])
        for entry in curated.entries
        for surface in entry.surfaces
        if _key(surface) in generated
    }
    assert not clashes


def test_a_surname_alias_is_not_the_surname_of_another_person(curated):
    people = curated.of_kind("person")
    surnames = defaultdict(set)
    for person in people:
        surnames[_key(person.name.split()[-1])].add(person.name)
    for person in people:
        for alias in person.aliases:
            if " " not in alias:
                assert surnames.get(_key(alias), {person.name}) <= {person.name}, (person.name, alias)


def test_military_branches_point_to_their_armed_forces(curated):
    forces = entries_of("org", "armed_forces.yaml")
    branches = [e for e in forces if e.category == "military_branch" and e.parent]
    assert len(branches) >= 150
    for branch in branches:
        assert curated.get("org", branch.parent) is not None
        assert curated.get("org", branch.parent).country == branch.country


def test_every_data_file_states_its_convention():
    for kind in KINDS:
        for path in sorted(Path(DATA_DIR / kind).glob("*.yaml")):
            assert path.read_text(encoding="utf-8").startswith("# "), path.name
