"""Exact and near-duplicate fingerprints."""

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.ingest import NEAR_DUPLICATE_THRESHOLD, Fingerprint, fingerprint, is_near_duplicate, similarity
from archive.ingest.fingerprint import NUM_BANDS, NUM_PERMUTATIONS

REPO = Path(__file__).resolve().parents[2]


def test_content_hash_ignores_case_width_and_whitespace_but_not_punctuation():
    base = fingerprint("The  Su-30SM2\tfighters arrived.\n\nMore text.")
    assert fingerprint("the su-30sm2 fighters ARRIVED. more text.").content_hash == base.content_hash
    # NFKC: full-width letters and digits are the same text
    assert fingerprint("The Ｓｕ-３０SM2 fighters arrived. More text.").content_hash == base.content_hash
    assert fingerprint("The Su-30SM2 fighters arrived More text").content_hash != base.content_hash
    expected = hashlib.sha256(b"the su-30sm2 fighters arrived. more text.").hexdigest()
    assert base.content_hash == expected


def test_signature_shape_and_bands_fit_a_bigintegerfield(articles):
    result = fingerprint(articles["en"])
    assert isinstance(result, Fingerprint)
    assert len(result.minhash) == NUM_PERMUTATIONS == 128
    assert len(result.bands) == NUM_BANDS == 16
    assert all(0 <= band < 2**63 for band in result.bands)
    assert all(isinstance(value, int) for value in result.minhash)
    assert len(set(result.bands)) == NUM_BANDS


def test_copy_with_a_few_words_changed_is_a_near_duplicate(articles):
    # Each changed word replaces three of the word 3-shingles, so "a few words" needs an
    # article of news length (here about 300 words) to stay above 0.9.
    original = articles["en"] + "\n\n" + articles["en_other"]
    edited = (
        original.replace("four more", "4 more")
        .replace("on Tuesday", "on Wednesday")
        .replace("sixteen aircraft", "sixteen helicopters")
    )
    assert edited != original
    a, b = fingerprint(original), fingerprint(edited)
    assert a.content_hash != b.content_hash
    assert similarity(a.minhash, b.minhash) >= NEAR_DUPLICATE_THRESHOLD
    assert is_near_duplicate(a, b)
    # Near duplicates share at least one LSH band, so an index lookup finds them.
    assert set(a.bands) & set(b.bands)


def test_different_article_scores_low(articles):
    a, b = fingerprint(articles["en"]), fingerprint(articles["en_other"])
    assert similarity(a.minhash, b.minhash) < 0.5
    assert not is_near_duplicate(a, b)


def test_identical_text_scores_one(articles):
    assert similarity(fingerprint(articles["ru"]).minhash, fingerprint(articles["ru"]).minhash) == 1.0


def test_similarity_refuses_mismatched_signatures():
    with pytest.raises(ValueError, match="same length"):
        similarity((1, 2, 3), (1, 2))


def test_fingerprint_is_deterministic_across_processes(articles):
    # A fresh interpreter (other hash seed) must produce the signature stored in the database.
    code = "import sys, archive.ingest as i; print(list(i.fingerprint(sys.stdin.read()).bands))"
    output = subprocess.run(
        [sys.executable, "-c", code],
        input=articles["en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout
    assert output.strip() == str(list(fingerprint(articles["en"]).bands))


def test_fingerprinting_ten_thousand_words_is_fast(noise_bytes):
    text = " ".join(f"word{byte}" for byte in noise_bytes("words", 10_000))
    fingerprint(text)
    started = time.perf_counter()
    fingerprint(text)
    assert time.perf_counter() - started < 0.05
