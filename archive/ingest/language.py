"""Language detection (py3langid) and ISO 639-1 codes."""

import functools
import re

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text for a stable guess; classifying a whole 10 MB file would only cost time.
_SAMPLE_CHARS = 4000
# Below this many letters (a title, a designation like "Su-30SM2") a guess is noise.
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes most of a second: do it once, on first use.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``""`` when the text is too short to tell or
    the detected language has no two-letter code."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return ""
    label, _confidence = _identifier().classify(sample)
    try:
        return normalise_language_code(label)
    except ValueError:
        return ""


def normalise_language_code(value: str) -> str:
    """``"en"``, ``"EN"``, ``"eng"``, ``"English"``, ``"en-US"``, ``"ru_RU"`` -> ISO 639-1 code.

    Raises ``ValueError`` for anything that is not a language with a two-letter code.
    """
    cleaned = value.strip()
    primary = re.split(r"[-_]", cleaned, maxsplit=1)[0].lower()
    language = None
    if len(primary) == 2:
        language = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        language = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(bibliographic=primary)
    else:
        language = pycountry.languages.get(name=cleaned.capitalize())
    code = getattr(language, "alpha_2", None)
    if not code:
        raise ValueError(f"unknown language {value!r}")
    return code
