"""Cutting an article body into linked segments at mention edges (no database needed)."""

from archive.selectors_reader import MentionSpan, body_paragraphs, entity_ref

BODY = "Two Mi-35M gunships of the 50th Mixed Aviation Base flew.\n\nThey landed near Minsk."


def span(text: str, surface: str, entity_id: int, occurrence_start: int = 0) -> MentionSpan:
    start = text.index(surface, occurrence_start)
    ref = entity_ref(entity_id, surface, f"entity-{entity_id}", "weapon")
    return MentionSpan(start=start, end=start + len(surface), entity=ref)


def flatten(paragraphs):
    return [segment for paragraph in paragraphs for segment in paragraph]


def test_segments_keep_exact_offsets_and_cover_the_text():
    spans = [span(BODY, "Mi-35M", 1), span(BODY, "Minsk", 2)]
    paragraphs = body_paragraphs(BODY, spans)
    assert len(paragraphs) == 2
    for segment in flatten(paragraphs):
        assert BODY[segment.start : segment.end] == segment.text
    linked = [(s.text, s.mention.entity.id) for s in flatten(paragraphs) if s.mention]
    assert linked == [("Mi-35M", 1), ("Minsk", 2)]
    # Only the blank line between the paragraphs is left out.
    assert "".join(s.text for s in flatten(paragraphs)) == BODY.replace("\n\n", "")


def test_nested_mention_links_the_innermost_and_remembers_the_outer():
    outer = span(BODY, "50th Mixed Aviation Base", 10)
    inner = span(BODY, "Mixed Aviation", 11)
    segments = [s for s in flatten(body_paragraphs(BODY, [inner, outer])) if s.mention]
    assert [(s.text, s.mention.entity.id, [o.entity.id for o in s.within]) for s in segments] == [
        ("50th ", 10, []),
        ("Mixed Aviation", 11, [10]),
        (" Base", 10, []),
    ]


def test_crossing_mentions_are_split_without_losing_text():
    first = MentionSpan(start=4, end=16, entity=entity_ref(1, "a", "a", "weapon"))  # "Mi-35M gunsh"
    second = MentionSpan(start=10, end=22, entity=entity_ref(2, "b", "b", "weapon"))  # " gunships of"
    segments = [s for s in flatten(body_paragraphs(BODY, [first, second])) if s.mention]
    assert [(s.start, s.end, s.mention.entity.id) for s in segments] == [(4, 10, 1), (10, 16, 2), (16, 22, 2)]
    assert [o.entity.id for o in segments[1].within] == [1]


def test_spans_outside_the_body_are_ignored():
    bad = [
        MentionSpan(start=5, end=500, entity=entity_ref(1, "a", "a", "weapon")),
        MentionSpan(start=7, end=7, entity=entity_ref(2, "b", "b", "weapon")),
    ]
    segments = flatten(body_paragraphs(BODY, bad))
    assert all(s.mention is None for s in segments)


def test_a_mention_across_a_paragraph_break_is_linked_on_both_sides():
    ref = entity_ref(3, "x", "x", "org")
    across = MentionSpan(start=BODY.index("flew"), end=BODY.index("They") + 4, entity=ref)
    paragraphs = body_paragraphs(BODY, [across])
    assert [s.text for s in paragraphs[0] if s.mention] == ["flew."]
    assert [s.text for s in paragraphs[1] if s.mention] == ["They"]


def test_empty_body_gives_no_paragraphs():
    assert body_paragraphs("", []) == []
