"""A bare name the model found keeps the sense the dictionary gave it earlier in the article."""

from archive.extraction.candidates import Candidate
from archive.extraction.discourse import keep_senses
from archive.extraction.heads import name_end


def test_generic_head_nouns_end_the_name():
    assert name_end("Archer self-propelled howitzers") == len("Archer")
    assert name_end("Leopard tanks") == len("Leopard")
    assert name_end("Shahed-136") == len("Shahed-136")


def test_model_mentions_take_the_weapon_or_base_sense_of_the_article():
    text = "The Archer artillery system and Ramstein Air Base. Archer fired; Ramstein hosted."
    gazetteer_archer = Candidate(4, 27, "weapon", "Archer", 0.95, "gazetteer", True)
    gazetteer_base = Candidate(32, 49, "unit", "Ramstein Air Base", 0.95, "gazetteer", True)
    model_archer = Candidate(51, 57, "person", "Archer", 0.55, "model", False)
    model_base = Candidate(65, 73, "org", "Ramstein", 0.55, "model", False)
    out = keep_senses(text, [gazetteer_archer, gazetteer_base, model_archer, model_base])
    assert [(text[c.start : c.end], c.kind, c.entity) for c in out[2:]] == [
        ("Archer", "weapon", "Archer"),
        ("Ramstein", "unit", "Ramstein Air Base"),
    ]


def test_an_adjective_of_origin_is_never_a_short_form():
    text = "Russian tanks advanced. Russian officials spoke."
    ruled = Candidate(0, 13, "weapon", "Russian", 0.6, "pattern", False)
    model = Candidate(24, 31, "org", "Russian", 0.55, "model", False)
    assert keep_senses(text, [ruled, model])[1].kind == "org"
