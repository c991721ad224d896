"""How the model's labelled spans become candidates (no model run: the spans are given)."""

import pytest

from archive.extraction.model import ModelSpan
from tests.extraction.conftest import spans


def _candidate(extractor, text, surface, label, kind):
    start = text.index(surface)
    return extractor._model_candidate(text, ModelSpan(start, start + len(surface), label, kind))


def test_a_name_with_a_generic_weapon_noun_is_a_weapon_whatever_the_label(rules_extractor):
    text = "Sweden OKs Transfer of Archer Self-Propelled Howitzers"
    cand = _candidate(rules_extractor, text, "Archer Self-Propelled Howitzers", "PERSON", "person")
    assert (text[cand.start : cand.end], cand.kind) == ("Archer", "weapon")


@pytest.mark.parametrize("word", ["Ukrainian", "Slovak", "Chinese"])
def test_adjectives_of_origin_are_dropped(rules_extractor, word):
    text = f"The {word} side said so."
    assert _candidate(rules_extractor, text, word, "GPE", "place") is None


def test_an_organisation_named_like_a_unit_is_a_unit(rules_extractor):
    text = "pilots of the Cobra Squadron flew"
    assert _candidate(rules_extractor, text, "Cobra Squadron", "ORG", "org").kind == "unit"


def test_ranks_the_model_ran_on_into_are_cut(rules_extractor):
    text = "said RAN Rear Adm. Matthew Buckley"
    cand = _candidate(rules_extractor, text, "RAN Rear Adm.", "ORG", "org")
    assert text[cand.start : cand.end] == "RAN"


def test_context_typed_ship_beats_the_town_of_the_same_name(small_kb):
    from archive.extraction import Extractor
    from archive.kb.schema import KBEntry, KnowledgeBase

    kb = KnowledgeBase([*small_kb.entries, KBEntry("place", "Orsk", ())])
    found = spans(Extractor(kb, use_model=False).extract("The landing ship ‘Orsk’ sank near Orsk."))
    assert found == [("Orsk", "weapon", "Orsk"), ("Orsk", "place", "Orsk")]
