"""The shipped KB must not give one alias to two entities unless that is a known ambiguity."""

from pathlib import Path

from archive.extraction.gazetteer import Gazetteer
from archive.kb.schema import default_kb

ALLOWED_FILE = Path(__file__).with_name("alias_collisions_allowed.txt")


def allowed_keys() -> set[str]:
    keys = set()
    for line in ALLOWED_FILE.read_text(encoding="utf-8").splitlines():
        key = line.split("#", 1)[0].strip()
        if key:
            keys.add(key)
    return keys


def test_no_alias_key_is_shared_by_two_entities():
    collisions = Gazetteer(default_kb()).collisions(same_spelling=True)
    unexpected = {
        key: sorted({f"{a.entry.kind}:{a.entry.name} ({a.surface})" for a in aliases})
        for key, aliases in collisions.items()
        if key not in allowed_keys()
    }
    listing = "\n".join(f"  {key!r}: {', '.join(names)}" for key, names in sorted(unexpected.items()))
    assert not unexpected, f"alias keys shared by several KB entities:\n{listing}"


def test_the_allow_list_has_no_stale_entries():
    stale = allowed_keys() - set(Gazetteer(default_kb()).collisions(same_spelling=True))
    assert not stale, f"remove from {ALLOWED_FILE.name}: {sorted(stale)}"
