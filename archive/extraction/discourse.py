"""One sense per article: a name the model found keeps the sense the dictionary gave it.

When the dictionary or the rules linked "Archer artillery system", "Panzerhaubitze 2000"
or "Ramstein Air Base", a later bare "Archer", "Panzerhaubitze" or "Ramstein" that only the
statistical model picked up (often under a wrong label: a person, an organisation) means
the same weapon or base.
"""

from __future__ import annotations

import re

from .candidates import Candidate
from .demonyms import is_demonym
from .heads import name_end

# Heads of base names ("Ramstein Air Base", "Engels airfield"), dropped to get the short form.
_BASE_HEAD = re.compile(r"\s+(?:Air\s+Base|Airbase|airbase|air\s+base|Airfield|airfield|Naval\s+Base)$")
# A weapon named by a word and a model number ("Panzerhaubitze 2000", "Leopard 2").
_WORD_AND_NUMBER = re.compile(r"^([A-Z][a-z]{3,})[\s-]+\d[\w-]*$")
_KINDS = ("weapon", "unit")


def _short_forms(surface: str, kind: str) -> set[str]:
    forms = set()
    end = name_end(surface)
    if end < len(surface):
        forms.add(surface[:end])
    if kind == "unit":
        stripped = _BASE_HEAD.sub("", surface)
        if stripped != surface:
            forms.add(stripped)
    m = _WORD_AND_NUMBER.match(surface)
    if kind == "weapon" and m:
        forms.add(m.group(1))
    return {f for f in forms if len(f) >= 4 and not is_demonym(f)}


def keep_senses(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """Give model-only mentions the sense a dictionary or rule mention gave the same name."""
    senses: dict[str, Candidate | None] = {}
    for cand in accepted:
        if cand.origin == "model" or cand.kind not in _KINDS:
            continue
        for form in _short_forms(text[cand.start : cand.end], cand.kind):
            previous = senses.get(form, cand)
            senses[form] = cand if previous is None or previous.entity == cand.entity else None
    if not senses:
        return accepted
    out = []
    for cand in accepted:
        sense = senses.get(text[cand.start : cand.end]) if cand.origin == "model" and not cand.in_kb else None
        if sense is not None:
            cand = Candidate(cand.start, cand.end, sense.kind, sense.entity, 0.7, "model", sense.in_kb)
        out.append(cand)
    return out
