"""Short forms resolved inside one article: surnames and acronyms of names given earlier."""

from __future__ import annotations

import re

from .candidates import Candidate
from .keys import CYRILLIC, ENDINGS, cyrillic_stem

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ACRONYM_TOKEN = re.compile(r"(?<![\w.-])[A-ZА-ЯЁІЇЄ][A-Za-zА-Яа-яЁёІіЇїЄє]{1,6}(?![\w-])")
_FUNCTION_WORDS = {"of", "and", "for", "the", "on", "de", "du", "des", "la", "le"}


def _free(start: int, end: int, taken: list[Candidate]) -> bool:
    return not any(start < c.end and c.start < end for c in taken)


def _full_name_for(word: str, full_names: dict[str, Candidate]) -> Candidate | None:
    """The full name whose surname ``word`` is, allowing a case ending in Cyrillic."""
    key = word.casefold()
    if key in full_names:
        return full_names[key]
    if not CYRILLIC.search(key):
        return None
    for surname, cand in full_names.items():
        for base in (surname, cyrillic_stem(surname)):
            if key.startswith(base) and key[len(base) :] in ENDINGS:
                return cand
    return None


def resolve_people(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """ "Frolov" after "Sergei Frolov" is Sergei Frolov, wherever it occurs."""
    full_names: dict[str, Candidate | None] = {}
    for cand in accepted:
        for name in {cand.entity, text[cand.start : cand.end]}:
            words = name.split()
            if cand.kind == "person" and len(words) >= 2 and len(words[-1]) > 2:
                key = words[-1].casefold()
                previous = full_names.get(key, cand)
                full_names[key] = cand if previous is None or previous.entity == cand.entity else None
    full_names = {k: v for k, v in full_names.items() if v is not None}
    if not full_names:
        return accepted
    out = []
    for cand in accepted:
        surface = text[cand.start : cand.end]
        full = _full_name_for(surface, full_names) if " " not in surface.strip() else None
        if full and (cand.kind == "person" or cand.origin == "model"):
            cand = Candidate(
                cand.start,
                cand.end,
                "person",
                full.entity,
                max(cand.confidence, 0.7),
                cand.origin,
                full.in_kb,
            )
        out.append(cand)
    for m in _WORD.finditer(text):
        full = _full_name_for(m.group(), full_names)
        if full and m.group()[0].isupper() and _free(m.start(), m.end(), out):
            out.append(Candidate(m.start(), m.end(), "person", full.entity, 0.7, full.origin, full.in_kb))
    return sorted(out, key=lambda c: c.start)


def acronyms_of(name: str) -> set[str]:
    """Initials of a name: "Ministry of Defence" -> {"MD", "MoD"}."""
    words = _WORD.findall(name)
    if len(words) < 2:
        return set()
    strict = "".join(w[0] for w in words if w.casefold() not in _FUNCTION_WORDS).upper()
    loose = "".join(w[0] if w.casefold() not in _FUNCTION_WORDS else w[0].lower() for w in words)
    loose = loose[0].upper() + loose[1:]
    return {a for a in (strict, loose) if len(a) >= 2}


def resolve_acronyms(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """ "UAC" or "MoD" after "United Aircraft Corporation" / "Ministry of Defence"."""
    expansions: dict[str, Candidate | None] = {}
    for cand in accepted:
        if cand.kind not in ("org", "unit"):
            continue
        forms = acronyms_of(text[cand.start : cand.end]) | acronyms_of(cand.entity)
        explicit = re.match(r"\s*\(([^\W\d_]{2,7})\)", text[cand.end : cand.end + 12])
        if explicit:
            forms.add(explicit.group(1))
        for form in forms:
            previous = expansions.get(form, cand)
            expansions[form] = cand if previous is None or previous.entity == cand.entity else None
    if not expansions:
        return accepted
    out = []
    for cand in accepted:
        full = expansions.get(text[cand.start : cand.end])
        if full is not None and cand.origin == "model" and not cand.in_kb:
            cand = Candidate(cand.start, cand.end, full.kind, full.entity, 0.7, full.origin, full.in_kb)
        out.append(cand)
    for m in _ACRONYM_TOKEN.finditer(text):
        token = m.group()
        full = expansions.get(token)
        if full is None or sum(ch.isupper() for ch in token) < 2 or not _free(m.start(), m.end(), out):
            continue
        out.append(Candidate(m.start(), m.end(), full.kind, full.entity, 0.7, full.origin, full.in_kb))
    return sorted(out, key=lambda c: c.start)
