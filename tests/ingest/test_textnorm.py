"""Body normalisation rules (the body is what mention offsets point into)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.textnorm import clip_title, normalise_body


def test_controls_nul_and_invisible_characters_are_removed():
    text = "Su-30\x00SM2\x07 is\u200b here\ufeff.\x85Next\u00ad line\x1b."
    assert normalise_body(text) == "Su-30SM2 is here.\n\nNext line."


def test_nfc_composes_characters():
    assert normalise_body("Vertole\u0308ty") == "Vertol\u00ebty"


def test_soft_line_breaks_stay_inside_paragraphs_when_blank_lines_exist():
    assert normalise_body("a  \nb\n\n\n\nc\r\n") == "a\nb\n\nc"


def test_unicode_paragraph_separator():
    assert normalise_body("first\u2029second") == "first\n\nsecond"


@given(st.text())
def test_normalised_body_is_clean_and_stable(text):
    body = normalise_body(text)
    assert normalise_body(body) == body
    assert unicodedata.is_normalized("NFC", body)
    assert "\r" not in body and "\x00" not in body and "\n\n\n" not in body
    assert all(ch in "\n" or unicodedata.category(ch) not in {"Cc", "Cs"} for ch in body)
    assert all(line == line.strip() for line in body.split("\n"))
    assert body == body.strip()


def test_clip_title_collapses_whitespace():
    assert clip_title("  A\n title\twith  gaps ") == "A title with gaps"
