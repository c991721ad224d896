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


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Air Chief Marshal A.P. Singh warned", "A.P. Singh"),
        ("President Abdel Fattah al-Sisi met", "Abdel Fattah al-Sisi"),
        ("Commission President Ursula von der Leyen said", "Ursula von der Leyen"),
        ("Brig. Gen. Bill Bender, the commander", "Bill Bender"),
        ("Ukrainian journalist Volodymyr Zolkin claimed", "Volodymyr Zolkin"),
        ("Ukrainian MPs Mysyagin and Fedchenko said", "Mysyagin"),
        ("the visit of Queen Elizabeth II to the ship", "Queen Elizabeth II"),
    ],
)
def test_initials_particles_more_titles_and_royal_names(text, name):
    assert [s for s, _ in surfaces(patterns.titled_people, text)][:1] == [name]


def test_photo_credits_name_a_photographer_and_an_agency():
    found = [(text, s.kind) for text, s in _typed(patterns.credits, "A tank. (Jane Doe/Reuters) Later.")]
    assert found == [("Jane Doe", "person"), ("Reuters", "org")]
    found = [(text, s.kind) for text, s in _typed(patterns.credits, "Credit: Steve Smith/PA Wire")]
    assert found == [("Steve Smith", "person"), ("PA Wire", "org")]


def test_a_name_after_a_word_for_an_organisation_is_an_organisation():
    assert [s for s, _ in surfaces(patterns.named_orgs, "local defense company Mesko for")] == ["Mesko"]
    assert surfaces(patterns.named_orgs, "the agency said") == []


def test_a_name_after_the_kind_of_ship_is_a_ship():
    spans = patterns.typed_ships(normalize("the landing ship ‘Orsk’ sank; the frigate Normandie"))
    assert [(s.surface, s.context) for s in spans] == [("Orsk", True), ("Normandie", True)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("crews learning to operate Leopard tanks", "Leopard"),
        ("an upgraded version of the Grom MANPAD", "Grom"),
        ("10 Super Mushshak basic trainers", "Super Mushshak"),
        ("the Ukrainian-made Neptune missiles", "Neptune"),
    ],
)
def test_a_name_before_a_generic_weapon_noun_is_a_weapon(text, name):
    assert [s for s, _ in surfaces(patterns.named_weapons, text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Western tanks arrived",
        "Beyond Visual Range missiles",
        "Mine-Resistant Ambush-Protected vehicles",
        "Russian drones",
        "The tanks",
        "UKRAINE TO GET MORE TANKS",
    ],
)
def test_adjectives_and_headlines_before_weapon_nouns_are_not_names(text):
    assert surfaces(patterns.named_weapons, text) == []


def test_variant_marks_in_roman_numerals_and_named_corps_and_ship_initials():
    assert surfaces(patterns.designations, "more CV9035 MkIIIC vehicles") == [
        ("CV9035 MkIIIC", "CV9035 MkIIIC")
    ]
    assert [s for s, _ in surfaces(patterns.units, "the Peshawar Corps commander")] == ["Peshawar Corps"]
    assert [s for s, _ in surfaces(patterns.ships, "the USS Emory S. Land arrived")] == ["USS Emory S. Land"]


def _typed(finder, text):
    return [(text[s.start : s.end], s) for s in finder(normalize(text))]
