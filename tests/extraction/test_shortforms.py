from archive.extraction.candidates import Candidate
from archive.extraction.shortforms import acronyms_of, resolve_acronyms, resolve_people


def test_surname_after_full_name_links_to_the_full_name():
    text = "Colonel Sergei Frolov spoke. Later Frolov added more."
    full = Candidate(8, 21, "person", "Sergei Frolov", 0.75, "pattern", False)
    out = resolve_people(text, [full])
    assert [(text[c.start : c.end], c.entity) for c in out] == [
        ("Sergei Frolov", "Sergei Frolov"),
        ("Frolov", "Sergei Frolov"),
    ]


def test_cyrillic_surname_in_another_case():
    text = "полковник Игорь Борисов сказал. По словам Борисова"
    full = Candidate(10, 23, "person", "Igor Borisov", 0.75, "pattern", False)
    out = resolve_people(text, [full])
    assert [text[c.start : c.end] for c in out] == ["Игорь Борисов", "Борисова"]


def test_acronym_initials():
    assert acronyms_of("Ministry of Defence") == {"MD", "MoD"}
    assert "UAC" in acronyms_of("United Aircraft Corporation")


def test_acronym_after_the_full_name_and_explicit_definition():
    text = "the United Aircraft Corporation (UAC) said; UAC also said. The Joint Staff (JSO) too; JSO"
    cands = [
        Candidate(4, 31, "org", "United Aircraft Corporation", 0.95, "gazetteer", True),
        Candidate(63, 74, "org", "Joint Staff", 0.6, "model", False),
    ]
    out = resolve_acronyms(text, cands)
    assert [(text[c.start : c.end], c.entity) for c in out if c.start > 31] == [
        ("UAC", "United Aircraft Corporation"),
        ("UAC", "United Aircraft Corporation"),
        ("Joint Staff", "Joint Staff"),
        ("JSO", "Joint Staff"),
        ("JSO", "Joint Staff"),
    ]
