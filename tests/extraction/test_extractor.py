import pytest

from archive.extraction import EXTRACTOR_VERSION, Extractor, Mention
from archive.extraction.model import load_ner
from tests.extraction.conftest import spans

SEED_LIKE = (
    "Belarus received Mi-35M helicopters at the 50th Mixed Aviation Base. Colonel Sergei Frolov "
    "said the Mi-35M joins the Su-30C2 and Су-30СМ2 jets; Frolov praised the Su-30 SM."
)


def test_mentions_point_into_the_original_text(rules_extractor):
    for m in rules_extractor.extract(SEED_LIKE):
        assert isinstance(m, Mention)
        assert SEED_LIKE[m.start : m.end] == m.text
        assert m.origin in {"gazetteer", "pattern", "model"}
        assert 0 < m.confidence <= 1


def test_su30_spellings_link_to_the_kb_entities(rules_extractor):
    found = spans(rules_extractor.extract(SEED_LIKE))
    assert ("Su-30C2", "weapon", "Su-30SM2") in found
    assert ("Су-30СМ2", "weapon", "Su-30SM2") in found
    assert ("Su-30 SM", "weapon", "Su-30SM") in found
    assert spans(rules_extractor.extract("An SU-30SM landed."))[0] == ("SU-30SM", "weapon", "Su-30SM")


def test_units_people_and_short_forms(rules_extractor):
    found = spans(rules_extractor.extract(SEED_LIKE))
    assert ("50th Mixed Aviation Base", "unit", "50th Mixed Aviation Base") in found
    assert ("Sergei Frolov", "person", "Sergei Frolov") in found
    assert ("Frolov", "person", "Sergei Frolov") in found
    assert not any(text.startswith("Colonel") for text, _, _ in found)


def test_candidates_are_flagged_as_not_in_the_kb(rules_extractor):
    by_text = {m.text: m for m in rules_extractor.extract(SEED_LIKE)}
    assert by_text["Sergei Frolov"].in_kb is False
    assert by_text["Mi-35M"].in_kb is True


def test_ship_name_beats_the_place_inside_it(rules_extractor):
    assert spans(rules_extractor.extract("USS Hawaii docked.")) == [("USS Hawaii", "weapon", "USS Hawaii")]


def test_no_leading_article_or_possessive(rules_extractor):
    for m in rules_extractor.extract("The Black Sea Fleet's ships and NATO's plans."):
        assert not m.text.lower().startswith("the ") and not m.text.endswith("'s")


def test_generic_head_nouns_stay_outside_the_mention(rules_extractor):
    assert spans(rules_extractor.extract("Bradley Fighting Vehicles arrived.")) == [
        ("Bradley", "weapon", "M2 Bradley")
    ]


def test_russian_and_ukrainian_text(rules_extractor):
    found = spans(rules_extractor.extract("В Беларуси и в Москве показали Ми-35М и «Орешник»; Україна."))
    assert ("Беларуси", "place", "Belarus") in found
    assert ("Москве", "place", "Moscow") in found
    assert ("Ми-35М", "weapon", "Mi-35M") in found
    assert ("Орешник", "weapon", "Oreshnik") in found
    assert ("Україна", "place", "Ukraine") in found


def test_extract_many_matches_extract(rules_extractor):
    texts = [SEED_LIKE, "", "NATO."]
    assert rules_extractor.extract_many(texts) == [rules_extractor.extract(t) for t in texts]


def test_version_is_a_dotted_string():
    assert EXTRACTOR_VERSION.count(".") == 2


@pytest.fixture(scope="module")
def model_extractor(small_kb):
    return Extractor(small_kb)


def test_the_model_runs_with_ner_only(model_extractor):
    assert load_ner().pipe_names == ["ner"]


def test_the_model_adds_people_and_places_the_kb_lacks(model_extractor):
    text = "Emmanuel Macron met Olaf Scholz in Paris and NATO officials."
    found = spans(model_extractor.extract(text))
    assert ("Emmanuel Macron", "person", "Emmanuel Macron") in found
    assert ("Paris", "place", "Paris") in found
    assert ("NATO", "org", "NATO") in found
    assert all(text[m.start : m.end] == m.text for m in model_extractor.extract(text))


def test_batched_and_single_runs_agree(model_extractor):
    texts = ["Olaf Scholz visited Kyiv.", SEED_LIKE]
    assert model_extractor.extract_many(texts) == [model_extractor.extract(t) for t in texts]
