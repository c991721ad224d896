"""Rules for names the KB does not hold yet: designations, units, titled people, ships."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import NormalizedText

# Latin-1 and Latin Extended-A letters too: "Billström", "Łukasz", "Özge".
UPPER = r"A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽА-ЯЁІЇЄҐ"
LOWER = r"a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżžа-яёіїєґ"
CAP_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)*"

# Designations: "Mi-35M", "Su-30SM2", "Hwasong-17", "Sukhoi-57", "F35", "M777", "Type 055".
_DESIGNATION = re.compile(
    rf"""(?<![\w-])(?:
        [{UPPER}][{UPPER}{LOWER}]{{0,3}}-\d{{1,4}}(?:[{UPPER}]{{1,3}}\d?)?(?:-\d)?
      | [{UPPER}][{LOWER}]{{2,9}}-\d{{1,3}}[{UPPER}]{{0,2}}
      | [{UPPER}]{{1,3}}\d{{2,4}}[{UPPER}]{{0,2}}
      | (?:Type|Project)\ \d{{2,4}}[{UPPER}]{{0,2}}
    )(?:\ ?(?:Mk|Mark)\ ?\d{{1,2}}[{UPPER}]?)?(?P<plural>s)?(?![\w-])""",
    re.VERBOSE,
)
# Not weapons although shaped like designations (diseases, summits, quarters, fiscal halves).
_NOT_DESIGNATION = re.compile(r"^(?:COVID|SARS|MERS|COP|G|Q|H|FY|CO|PM|AM|UTC|GMT)[-\d]|^[A-Z]\d$")

UNIT_HEAD_WORDS = ("Division", "Brigade", "Regiment", "Battalion", "Corps", "Squadron", "Fleet", "Flotilla")
_UNIT_HEADS = (
    r"Division|Brigade|Regiment|Battalion|Army|Corps|Squadron|Wing|Group|Flotilla|Fleet|Command|"
    r"Detachment|Battery|Task Force|Expeditionary Unit|District|Air Base|Airbase|Base"
)
_ORDINAL = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|\d{1,3}|[IVX]{1,6}"
    r"|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"
)
_NUMBERED_UNIT = re.compile(
    rf"(?<![\w-]){_ORDINAL}\ (?:(?:{CAP_WORD}|and|of)\ ){{0,5}}(?:{_UNIT_HEADS})\b"
    rf"(?:\ (?:Combat\ Team|Group))?",
    re.VERBOSE,
)
_NAMED_UNIT = re.compile(
    rf"(?<![\w-])(?:{CAP_WORD}\ ){{1,3}}(?:Fleet|Flotilla|Military\ District|Group\ of\ Forces"
    rf"|Army\ Airfield|Air\ Force\ Base|Air\ Base|Naval\ Base|Naval\ Station|Airbase|airbase|air\ base"
    rf"|airfield|Airfield)\b"
    rf"|(?<![\w-])(?:Fort|Camp|Joint\ Base)\ {CAP_WORD}",
    re.VERBOSE,
)
# Adjectives of origin start a phrase but are not part of the unit's name ("Russian Black Sea Fleet").
DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|ic|ch|an|i)|The|A|An|This|That|Its|Their)$")

_SHIP_PREFIX = re.compile(
    rf"(?<![\w-])(?:USS|HMS|HMAS|HMCS|HMNZS|INS|FS|ROKS|JS|TCG|PNS|KRI|BRP|HNLMS|ESPS|ITS|NRP|HDMS|HNoMS|"
    rf"RFS|ARA|BNS|SLNS|KD|RSS|HTMS|CNS|ORP|SAS|TCG)\ (?:{CAP_WORD}|[A-Z]+)(?:\ (?:{CAP_WORD}|[IVX]+))?"
)

TITLES = {
    # English ranks and offices; the name follows the title.
    "colonel",
    "col",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "major",
    "maj",
    "captain",
    "capt",
    "admiral",
    "adm",
    "commander",
    "cmdr",
    "sergeant",
    "sgt",
    "private",
    "marshal",
    "brigadier",
    "corporal",
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "premier",
    "governor",
    "senator",
    "sen",
    "rep",
    "ambassador",
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "chief",
    "deputy",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "analyst",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "envoy",
    "adviser",
    "advisor",
    "head",
    "commissioner",
    "correspondent",
    "expert",
    "blogger",
    "pilot",
    "officer",
    # Russian and Ukrainian (lower case in running text).
    "полковник",
    "подполковник",
    "генерал",
    "майор",
    "капитан",
    "лейтенант",
    "адмирал",
    "сержант",
    "министр",
    "президент",
    "глава",
    "командующий",
    "губернатор",
    "премьер",
    "замминистра",
    "полковника",
    "генерала",
    "министра",
    "президента",
    "командующего",
    "губернатора",
    "міністр",
    "командувач",
    "очільник",
    "голова",
}
# Capitalised words that follow a title but are offices or bodies, not names.
NOT_NAME = {
    "general",
    "staff",
    "minister",
    "ministry",
    "secretary",
    "office",
    "department",
    "forces",
    "force",
    "army",
    "navy",
    "defense",
    "defence",
    "state",
    "affairs",
    "council",
    "of",
    "the",
    "and",
    "for",
    "commander",
    "chief",
    "deputy",
    "prime",
    "foreign",
    "national",
    "security",
    "air",
    "president",
    "vice",
    "first",
    "joint",
    "pentagon",
    "operations",
    "command",
    "industry",
    "trade",
    "nato",
}
_NAME_WORD = re.compile(
    rf"(?:[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}]|Mc[{UPPER}][{LOWER}]+)$"
)
_WORD = re.compile(rf"[{UPPER}{LOWER}][{UPPER}{LOWER}'’-]*|\S")


@dataclass(frozen=True)
class PatternSpan:
    start: int  # original-text offsets
    end: int
    kind: str
    confidence: float
    surface: str  # the cleaned name as written, before linking


def _demonym_trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles and origin adjectives from a matched unit name."""
    while True:
        m = re.match(r"(\S+) ", text[start:end])
        if not m or not DEMONYM.match(m.group(1)) or m.end() >= end - start:
            return start, end
        start += m.end()


def designations(norm: NormalizedText) -> list[PatternSpan]:
    out = []
    for m in _DESIGNATION.finditer(norm.text):
        surface = m.group()
        if _NOT_DESIGNATION.search(surface):
            continue
        end = m.end("plural") if m.group("plural") else m.end()
        name = surface[:-1] if m.group("plural") else surface
        start, orig_end = norm.original_span(m.start(), end)
        out.append(PatternSpan(start, orig_end, "weapon", 0.7, name))
    return out


def units(norm: NormalizedText) -> list[PatternSpan]:
    out = []
    for regex in (_NUMBERED_UNIT, _NAMED_UNIT):
        for m in regex.finditer(norm.text):
            a, b = _demonym_trim(norm.text, m.start(), m.end())
            if b - a < 4 or not any(ch.isupper() for ch in norm.text[a:b]):
                continue
            start, end = norm.original_span(a, b)
            out.append(PatternSpan(start, end, "unit", 0.75, norm.text[a:b]))
    return out


def ships(norm: NormalizedText) -> list[PatternSpan]:
    out = []
    for m in _SHIP_PREFIX.finditer(norm.text):
        start, end = norm.original_span(m.start(), m.end())
        out.append(PatternSpan(start, end, "weapon", 0.8, m.group()))
    return out


def titled_people(norm: NormalizedText) -> list[PatternSpan]:
    """Names right after a rank or title; the title is not part of the mention."""
    text = norm.text
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out = []
    for i, (word, _, _) in enumerate(words):
        if word.casefold() not in TITLES:
            continue
        j = i + 1
        if j < len(words) and words[j][0] == ".":  # "Col. Frolov"
            j += 1
        while j < len(words) and words[j][0].casefold() in TITLES:
            j += 1
        name = []
        while j < len(words) and len(name) < 4:
            w = words[j][0]
            if w.casefold() in NOT_NAME or not _NAME_WORD.match(w):
                break
            if name and text[words[j - 1][2] : words[j][1]] != " ":
                break
            name.append(words[j])
            j += 1
        while name and len(name[-1][0]) <= 1:  # never end on an initial
            name.pop()
        if not name:
            continue
        a, b = name[0][1], name[-1][2]
        surface = text[a:b]
        for suffix in ("'s", "’s", "'"):
            if surface.endswith(suffix):
                b -= len(suffix)
                surface = surface[: -len(suffix)]
        start, end = norm.original_span(a, b)
        out.append(PatternSpan(start, end, "person", 0.75, surface))
    return out


def find_all(norm: NormalizedText) -> list[PatternSpan]:
    return designations(norm) + units(norm) + ships(norm) + titled_people(norm)
