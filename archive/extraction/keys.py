"""Match keys: the form in which aliases and text are compared.

Text is cut into tokens (letter runs, digit runs, single punctuation marks);
whitespace and hyphens only separate tokens, so "Su-30 SM", "SU-30SM" and "Su30SM"
all give the key ``su 30 sm``. Cyrillic letters inside designations are
transliterated ("Су-30СМ" -> ``su 30 sm``) and other Cyrillic words are reduced
to a stem so that inflected forms ("Беларуси", "в Москве") meet the alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import NormalizedText, normalize

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s-]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")

TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
# Letters that look alike in both scripts; used when one word mixes them.
_CYR_TO_LAT_LOOKALIKE = str.maketrans("авекмнорстухі", "abekmhopctyxi")
_LAT_TO_CYR_LOOKALIKE = str.maketrans("abekmhopctyxi", "авекмнорстухі")

# Russian and Ukrainian inflectional endings, longest first. Stripping the same
# ending set from alias and text maps "Москва"/"Москве"/"Москву" to one stem.
_ENDINGS = sorted(
    """ами ями ого его ому ему ыми ими ой ей ий ый ая яя ое ее ую юю ых их ах ях ам ям ом ем
    ов ев ью ою ею ів їв а я о е и ы у ю ь й і ї є""".split(),
    key=len,
    reverse=True,
)
ENDINGS = frozenset(_ENDINGS)
MIN_STEM = 4  # shorter stems make unrelated names meet ("Гана"/"Ганой")
# Cyrillic letters typed for look-alike digits inside designations ("Су-З0").
_DIGIT_LOOKALIKE = re.compile(r"(?<=[0-9])[ЗзОо]|[ЗзОо](?=[0-9])")
_LOOKALIKE_DIGIT = {"З": "3", "з": "3", "О": "0", "о": "0"}


@dataclass(frozen=True)
class Token:
    key: str
    start: int  # offsets into the ORIGINAL text
    end: int


def transliterate(word: str) -> str:
    """Latin spelling of a Cyrillic word, keeping capitals ("Ми" -> "Mi")."""
    out = []
    for ch in word:
        low = ch.lower()
        latin = TRANSLIT.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low:
            out.append(latin.upper() if len(word) > 1 and word.isupper() else latin.capitalize())
        else:
            out.append(latin)
    return "".join(out)


def cyrillic_stem(word: str) -> str:
    """Strip one inflectional ending, keeping at least MIN_STEM letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _unmix_scripts(word: str) -> str:
    """A word mixing Latin and Cyrillic look-alikes is read in its main script."""
    cyr = len(CYRILLIC.findall(word))
    lat = len(_LATIN.findall(word))
    if not cyr or not lat:
        return word
    return word.translate(_CYR_TO_LAT_LOOKALIKE if lat >= cyr else _LAT_TO_CYR_LOOKALIKE)


def _touches_digits(raw: list[tuple[str, int, int]], i: int, text: str) -> bool:
    """Is token i glued (directly or by a hyphen) to a digit token?"""
    for j in (i - 1, i + 1):
        if 0 <= j < len(raw) and raw[j][0].isdigit():
            a, b = (raw[j][2], raw[i][1]) if j < i else (raw[i][2], raw[j][1])
            if text[a:b] in ("", "-"):
                return True
    return False


def _token_key(word: str, designation: bool, acronym: bool) -> str:
    word = _unmix_scripts(word)
    folded = word.casefold()
    if not CYRILLIC.search(folded):
        return folded
    if designation:
        return transliterate(folded)
    if acronym:
        return folded
    return cyrillic_stem(folded)


def tokenize_normalized(norm: NormalizedText) -> list[Token]:
    # Same length as norm.text, so the offsets stay valid.
    text = _DIGIT_LOOKALIKE.sub(lambda m: _LOOKALIKE_DIGIT[m.group()], norm.text)
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = []
    for i, (word, a, b) in enumerate(raw):
        if word[0].isdigit() or not word[0].isalpha():
            key = word
        else:
            key = _token_key(word, _touches_digits(raw, i, text), len(word) > 1 and word.isupper())
            # "Mark 1A" and "Mk1A" are the same variant designation.
            if key == "mark" and i + 1 < len(raw) and raw[i + 1][0].isdigit():
                key = "mk"
        start, end = norm.original_span(a, b)
        tokens.append(Token(key, start, end))
    return tokens


def tokenize(text: str) -> list[Token]:
    return tokenize_normalized(normalize(text))


def key_of(text: str) -> str:
    """The match key of an alias or surface form."""
    return " ".join(t.key for t in tokenize(text))


def compact(text: str) -> str:
    """Key without separators, for fuzzy comparison ("Su-30 SM" -> "su30sm")."""
    return "".join(t.key for t in tokenize(text) if t.key.isalnum())
