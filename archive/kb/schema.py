"""Load and validate the knowledge-base data files.

Layout: ``archive/kb/data/<kind>/<name>.yaml``. Each file is a mapping::

    kind: weapon            # must match the folder
    category: aircraft      # default category for the entries below (optional)
    country: RU             # default origin country (optional)
    entries:
      - name: Su-30SM2      # canonical name, unique within its kind
        parent: Su-30SM     # variant of (canonical name of the same kind)
        category: aircraft
        country: RU         # ISO 3166-1 alpha-2 code
        aliases: [Су-30СМ2, Su-30SM-2]
        description: Upgraded Su-30SM with AL-41F1S engines.
        wikidata: Q000000

Places also come from packages (see ``places.py``). Any schema violation raises
``KBError`` naming the file and entry, so a broken data file fails at load.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("weapon", "unit", "org", "person", "place")
DATA_DIR = Path(__file__).resolve().parent / "data"
FILE_KEYS = {"kind", "category", "country", "entries"}
ENTRY_KEYS = {"name", "parent", "category", "country", "aliases", "description", "wikidata"}


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(_BaseLoader):
    """YAML 1.2-style booleans: only true/false. YAML 1.1 would read Norway's code NO as false."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class KBError(ValueError):
    """A knowledge-base data file breaks the schema."""


@dataclass(frozen=True)
class KBEntry:
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    category: str = ""
    country: str = ""
    description: str = ""
    wikidata: str = ""
    source: str = field(default="", compare=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


class KnowledgeBase:
    """All entries, indexed by ``(kind, canonical name)``."""

    def __init__(self, entries: Iterable[KBEntry]):
        self.entries: tuple[KBEntry, ...] = tuple(entries)
        self.by_key: dict[tuple[str, str], KBEntry] = {}
        for entry in self.entries:
            key = (entry.kind, entry.name)
            if key in self.by_key:
                raise KBError(
                    f"{entry.source}: duplicate {entry.kind} {entry.name!r} "
                    f"(also in {self.by_key[key].source})"
                )
            self.by_key[key] = entry
        for entry in self.entries:
            if entry.parent and (entry.kind, entry.parent) not in self.by_key:
                raise KBError(f"{entry.source}: {entry.name!r} has unknown parent {entry.parent!r}")
            if entry.parent == entry.name:
                raise KBError(f"{entry.source}: {entry.name!r} is its own parent")

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, kind: str, name: str) -> KBEntry | None:
        return self.by_key.get((kind, name))

    def of_kind(self, kind: str) -> list[KBEntry]:
        return [e for e in self.entries if e.kind == kind]

    def variants(self, kind: str, name: str) -> list[KBEntry]:
        return [e for e in self.entries if e.kind == kind and e.parent == name]


def _text(value, where: str, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise KBError(f"{where}: {what} must be text, got {type(value).__name__}")
    return str(value).strip()


def _entry(raw, kind: str, defaults: dict, where: str) -> KBEntry:
    if not isinstance(raw, dict):
        raise KBError(f"{where}: an entry must be a mapping, got {type(raw).__name__}")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise KBError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = _text(raw.get("name"), where, "name")
    if not name:
        raise KBError(f"{where}: name is required")
    where = f"{where} ({name})"
    aliases_raw = raw.get("aliases") or []
    if not isinstance(aliases_raw, list):
        raise KBError(f"{where}: aliases must be a list")
    aliases = []
    for alias in aliases_raw:
        text = _text(alias, where, "alias")
        if not text:
            raise KBError(f"{where}: empty alias")
        if text != name and text not in aliases:
            aliases.append(text)
    country = _text(raw.get("country", defaults.get("country")), where, "country").upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise KBError(f"{where}: country must be an ISO 3166-1 alpha-2 code, got {country!r}")
    return KBEntry(
        kind=kind,
        name=name,
        aliases=tuple(aliases),
        parent=_text(raw.get("parent"), where, "parent") or None,
        category=_text(raw.get("category", defaults.get("category")), where, "category"),
        country=country,
        description=_text(raw.get("description"), where, "description"),
        wikidata=_text(raw.get("wikidata"), where, "wikidata"),
        source=where,
    )


def load_file(path: Path) -> list[KBEntry]:
    """Read one data file; its folder names the kind."""
    where = str(path.relative_to(DATA_DIR.parent)) if path.is_relative_to(DATA_DIR.parent) else str(path)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise KBError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise KBError(f"{where}: the file must be a mapping with 'kind' and 'entries'")
    unknown = set(doc) - FILE_KEYS
    if unknown:
        raise KBError(f"{where}: unknown top-level field(s) {', '.join(sorted(unknown))}")
    kind = doc.get("kind")
    if kind not in KINDS:
        raise KBError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if path.parent.name in KINDS and path.parent.name != kind:
        raise KBError(f"{where}: kind {kind!r} does not match folder {path.parent.name!r}")
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise KBError(f"{where}: 'entries' must be a list")
    defaults = {"category": doc.get("category"), "country": doc.get("country")}
    return [_entry(raw, kind, defaults, f"{where}#{i}") for i, raw in enumerate(entries)]


def load_kb(data_dir: Path | None = None, *, include_generated_places: bool = True) -> KnowledgeBase:
    """Load every data file under ``data_dir`` (and the package-derived places)."""
    root = Path(data_dir) if data_dir else DATA_DIR
    entries: list[KBEntry] = []
    for path in sorted(root.glob("*/*.yaml")):
        entries.extend(load_file(path))
    if include_generated_places:
        from .places import generated_places

        curated = {e.name for e in entries if e.kind == "place"}
        entries.extend(p for p in generated_places() if p.name not in curated)
    return KnowledgeBase(entries)


@functools.cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb()
