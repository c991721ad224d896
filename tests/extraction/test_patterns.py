import pytest

from archive.extraction import patterns
from archive.extraction.normalize import normalize


def surfaces(finder, text):
    return [(text[s.start : s.end], s.surface) for s in finder(normalize(text))]


@pytest.mark.parametrize(
    "designation", ["Mi-35M", "Hwasong-17", "Type 055", "Su-30SM2", "F-35B", "M777", "Ка-52", "C-130J"]
)
def test_designations(designation):
    text = f"The {designation} was shown."
    assert surfaces(patterns.designations, text) == [(designation, designation)]


def test_plural_s_is_in_the_span_but_not_the_name():
    assert surfaces(patterns.designations, "two F-16s arrived") == [("F-16s", "F-16")]


@pytest.mark.parametrize("text", ["COVID-19 cases", "the G20 summit", "on May 27th", "Q3 results"])
def test_things_shaped_like_designations_are_not_weapons(text):
    assert surfaces(patterns.designations, text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("at the 50th Mixed Aviation Base, a", "50th Mixed Aviation Base"),
        ("the 1st Guards Tank Army moved", "1st Guards Tank Army"),
        ("the 82nd Airborne Division's troops", "82nd Airborne Division"),
        ("the Russian Black Sea Fleet lost", "Black Sea Fleet"),
        ("bombers left Engels airfield", "Engels airfield"),
        ("soldiers from Fort Bragg", "Fort Bragg"),
    ],
)
def test_units(text, unit):
    assert [s for s, _ in surfaces(patterns.units, text)] == [unit]


def test_an_adjective_of_origin_with_airfield_is_not_a_unit():
    assert surfaces(patterns.units, "landed at a Belarusian airfield") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Colonel Sergei Frolov, Chief of Staff", "Sergei Frolov"),
        ("Defense Secretary Lloyd Austin's order", "Lloyd Austin"),
        ("Russian Defense Minister Shoigu said", "Shoigu"),
        ("Col. John Smith", "John Smith"),
        ("Foreign Minister Tobias Billström said", "Tobias Billström"),
        ("полковник Игорь Борисов, который", "Игорь Борисов"),
    ],
)
def test_the_rank_or_title_is_not_part_of_the_person(text, name):
    assert [s for s, _ in surfaces(patterns.titled_people, text)] == [name]


def test_offices_after_a_title_are_not_names():
    assert surfaces(patterns.titled_people, "the Chief of the General Staff said") == []


def test_ship_prefixes():
    assert [s for s, _ in surfaces(patterns.ships, "USS Hawaii and HMS Queen Elizabeth")] == [
        "USS Hawaii",
        "HMS Queen Elizabeth",
    ]
