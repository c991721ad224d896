"""Rules for names the KB does not hold yet: designations, units, titled people, ships."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .heads import DESCRIPTORS, WEAPON_HEADS
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
    )(?:\ ?(?:Mk|Mark)\ ?(?:\d{{1,2}}|[IVX]{{1,4}})[{UPPER}]?)?(?P<plural>s)?(?![\w-])""",
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
    rf"(?<![\w-])(?:{CAP_WORD}\ ){{1,3}}(?:Fleet|Flotilla|Corps|Military\ District|Group\ of\ Forces"
    rf"|Army\ Airfield|Air\ Force\ Base|Air\ Base|Naval\ Base|Naval\ Station|Airbase|airbase|air\ base"
    rf"|airfield|Airfield)\b"
    rf"|(?<![\w-])(?:Fort|Camp|Joint\ Base)\ {CAP_WORD}",
    re.VERBOSE,
)
# Adjectives of origin start a phrase but are not part of the unit's name ("Russian Black Sea Fleet").
DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|ic|ch|an|i)|The|A|An|This|That|Its|Their)$")

_SHIP_PREFIX = re.compile(
    rf"(?<![\w-])(?:USS|HMS|HMAS|HMCS|HMNZS|INS|FS|ROKS|JS|TCG|PNS|KRI|BRP|HNLMS|ESPS|ITS|NRP|HDMS|HNoMS|"
    rf"RFS|ARA|BNS|SLNS|KD|RSS|HTMS|CNS|ORP|SAS|TCG)\ (?:{CAP_WORD}|[A-Z]+)"
    rf"(?:\ [A-Z]\.\ {CAP_WORD}|\ (?:{CAP_WORD}|[IVX]+))?"
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
    "rear",
    "brig",
    "commodore",
    "cdre",
    "ensign",
    "mp",
    "mps",
    "lawmaker",
    "legislator",
    "journalist",
    "reporter",
    "photographer",
    "editor",
    "historian",
    "researcher",
    "emir",
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
# Words that start a sentence or a phrase, never a weapon's name.
_FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "his",
    "her",
    "some",
    "many",
    "all",
    "both",
    "each",
    "other",
    "new",
    "old",
    "more",
    "most",
    "such",
    "several",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "dozens",
    "hundreds",
    "modern",
    "unmanned",
    "enemy",
    "combat",
    "light",
    "heavy",
}
# Titles that stay part of a royal's name ("Queen Elizabeth II", "King Charles III").
ROYAL_TITLES = {"king", "queen", "prince", "princess"}
# Lower-case particles inside names ("Abdel Fattah al-Sisi", "Ursula von der Leyen").
PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "do", "dos", "du", "van", "von", "der", "den", "la", "di"}
_PARTICLE_WORD = re.compile(rf"(?:al|el|ad|as|ash|at|ar|an|bin|ibn|abu|bin)-[{UPPER}][{LOWER}]+$")
_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X)$")
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
    context: bool = False  # typed by the words around it, not by its own shape


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


def _name_at(words: list[tuple[str, int, int]], j: int, text: str) -> list[tuple[str, int, int]]:
    """The words of a personal name starting at ``words[j]``: capitalised words, initials
    ("A.P. Singh", "Charles Q. Brown"), particles ("al-Sisi", "von der Leyen"), a regnal number."""
    name: list[tuple[str, int, int]] = []
    while j < len(words) and len(name) < 6:
        w, start, end = words[j]
        if name:
            gap = text[name[-1][2] : start]
            if gap != " " and not (gap == "" and name[-1][0] == "."):
                break
        nxt = words[j + 1] if j + 1 < len(words) else None
        if len(w) == 1 and w.isupper() and nxt and nxt[0] == "." and nxt[1] == end:
            name += [words[j], nxt]  # an initial
            j += 2
            continue
        if name and (w in PARTICLES or _PARTICLE_WORD.match(w)):
            if _PARTICLE_WORD.match(w):
                name.append(words[j])
                j += 1
                continue
            if nxt and (nxt[0] in PARTICLES or _NAME_WORD.match(nxt[0])):
                name.append(words[j])
                j += 1
                continue
            break
        if name and _REGNAL.match(w):
            name.append(words[j])
            break
        if w.casefold() in NOT_NAME or not _NAME_WORD.match(w):
            break
        name.append(words[j])
        j += 1
    # Never end on an initial or a particle.
    while name and (len(name[-1][0]) <= 1 or name[-1][0] in PARTICLES):
        name.pop()
    return name if any(len(w) > 1 and w not in PARTICLES for w, _, _ in name) else []


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
        while j < len(words) and (words[j][0].casefold() in TITLES or words[j][0] == "."):
            j += 1
        name = _name_at(words, j, text)
        if not name:
            continue
        if words[i][0].casefold() in ROYAL_TITLES and _REGNAL.match(name[-1][0]):
            name = [words[i], *name]
        a, b = name[0][1], name[-1][2]
        surface = text[a:b]
        for suffix in ("'s", "’s", "'"):
            if surface.endswith(suffix):
                b -= len(suffix)
                surface = surface[: -len(suffix)]
        start, end = norm.original_span(a, b)
        out.append(PatternSpan(start, end, "person", 0.75, surface))
    return out


_NAME_PART = rf"(?:[{UPPER}][{LOWER}'’-]+|[{UPPER}]\.)"
# Photo credits: "(Jane Doe/Reuters)", "Credit: Jane Doe/PA Wire", "Photo by Jane Doe/AFP".
_PHOTO_CREDIT = re.compile(
    rf"(?:\(|\b(?:[Cc]redits?|[Pp]hotos?|[Pp]hotograph|[Ii]mage|[Pp]icture)(?:\ by)?:?\ )"
    rf"(?P<person>[{UPPER}][{LOWER}'’-]+(?:\ {_NAME_PART}){{1,3}})\ ?/\ ?"
    rf"(?P<org>[{UPPER}][\w&.'’-]*(?:\ [{UPPER}][\w&.'’-]*){{0,3}})"
)
# "defense company Mesko", "the investigative project Monitor", "news agency Interfax".
_ORG_APPOSITION = re.compile(
    rf"\b(?:company|firm|manufacturer|maker|producer|contractor|shipbuilder|shipyard|newspaper"
    rf"|broadcaster|outlet|agency|daily|tabloid|magazine|website|project|portal|conglomerate)"
    rf"\ (?P<org>[{UPPER}][\w&'’-]*(?:\ [{UPPER}][\w&'’-]*){{0,3}})"
)


_SHIP_TYPE = (
    r"(?:ship|vessel|warship|frigate|corvette|destroyer|cruiser|submarine|carrier|boat|tanker|tug"
    r"|icebreaker|minesweeper)"
)
# "the landing ship 'Orsk'", "the frigate Normandie", "submarine Rostov-on-Don".
_TYPED_SHIP = re.compile(rf"\b{_SHIP_TYPE}\ [\"'‘“«]?(?P<name>{CAP_WORD}(?:\ {CAP_WORD})?)[\"'’”»]?(?![\w-])")
# "Leopard tanks", "Grom MANPADS", "Super Mushshak basic trainers".
_HEAD_WORDS = "|".join(sorted(WEAPON_HEADS))
_DESCRIPTOR_WORDS = "|".join(sorted(DESCRIPTORS | {"basic", "advanced"}))
_NAME_BEFORE_HEAD = re.compile(
    rf"(?<![\w'’-])(?P<name>{CAP_WORD}(?:\ {CAP_WORD})?)\ (?i:(?:(?:{_DESCRIPTOR_WORDS})\ ){{0,3}})"
    rf"(?P<head>{_HEAD_WORDS}|{_HEAD_WORDS.upper()})\b"
)
# Capitalised words before a weapon noun that are not its name ("Western tanks", "Visual Range missiles").
_NOT_WEAPON_NAME = {"western", "eastern", "northern", "southern", "central", "foreign", "soviet", "allied"}
_NOT_WEAPON_NAME |= {"range", "visual", "missile", "air", "naval"} | DESCRIPTORS | WEAPON_HEADS


def _not_weapon_word(word: str) -> bool:
    folded = word.casefold()
    if folded in NOT_NAME or folded in _NOT_WEAPON_NAME or folded in TITLES:
        return True
    # Compound adjectives: "Medium-Range", "Ambush-Protected", "Nuclear-Capable".
    return "-" in folded and folded.rsplit("-", 1)[1].endswith(("range", "ed", "ing", "able"))


def typed_ships(norm: NormalizedText) -> list[PatternSpan]:
    """A ship's name right after the kind of ship it is."""
    out = []
    for m in _TYPED_SHIP.finditer(norm.text):
        a, b = m.span("name")
        if DEMONYM.match(m.group("name").split()[0]) or m.group("name").casefold() in NOT_NAME:
            continue
        start, end = norm.original_span(a, b)
        out.append(PatternSpan(start, end, "weapon", 0.7, m.group("name"), context=True))
    return out


def named_weapons(norm: NormalizedText) -> list[PatternSpan]:
    """A capitalised name followed by a generic weapon noun: the name is a weapon."""
    out = []
    for m in _NAME_BEFORE_HEAD.finditer(norm.text):
        a, b = m.span("name")
        words = m.group("name").split(" ")
        # "Ukrainian-made Neptune missiles", "The Leopard tanks": the name starts later.
        while words and (DEMONYM.match(words[0].split("-")[0]) or words[0].casefold() in _FUNCTION_WORDS):
            a += len(words.pop(0)) + 1
        if not words or any(_not_weapon_word(w) for w in words):
            continue
        start, end = norm.original_span(a, b)
        out.append(PatternSpan(start, end, "weapon", 0.6, norm.text[a:b]))
    return out


def credits(norm: NormalizedText) -> list[PatternSpan]:
    """The photographer and the agency of a photo credit."""
    out = []
    for m in _PHOTO_CREDIT.finditer(norm.text):
        for group, kind in (("person", "person"), ("org", "org")):
            a, b = m.span(group)
            start, end = norm.original_span(a, b)
            out.append(PatternSpan(start, end, kind, 0.7, m.group(group)))
    return out


def named_orgs(norm: NormalizedText) -> list[PatternSpan]:
    """A capitalised name right after a noun saying it is an organisation."""
    out = []
    for m in _ORG_APPOSITION.finditer(norm.text):
        a, b = m.span("org")
        words = norm.text[a:b].split()
        first = words[0].casefold()
        if first in TITLES or first in NOT_NAME or DEMONYM.match(words[0]) or len(words[0]) < 3:
            continue
        start, end = norm.original_span(a, b)
        out.append(PatternSpan(start, end, "org", 0.65, norm.text[a:b]))
    return out


def find_all(norm: NormalizedText) -> list[PatternSpan]:
    return [
        *designations(norm),
        *units(norm),
        *ships(norm),
        *typed_ships(norm),
        *named_weapons(norm),
        *titled_people(norm),
        *credits(norm),
        *named_orgs(norm),
    ]
