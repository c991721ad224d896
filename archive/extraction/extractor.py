"""The pipeline: normalise, gazetteer, patterns, model, resolve, link, short forms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from archive.kb.schema import KnowledgeBase, default_kb

from . import patterns
from .candidates import Candidate
from .demonyms import is_demonym
from .discourse import keep_senses
from .focus import model_windows
from .gazetteer import Gazetteer
from .heads import name_end
from .keys import CYRILLIC, tokenize_normalized, transliterate
from .linking import Linker, designation_name
from .mention import Mention
from .model import ModelSpan, entity_spans_in
from .normalize import normalize
from .resolve import resolve
from .shortforms import resolve_acronyms, resolve_people

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_JUNK = re.compile(r"(?:['’]s|['’])?[\s,;:!?\"')\]]*$")
# Organisations by the model's label that are units under the annotation rules.
_UNIT_HEAD = re.compile(
    r"\b(?:Division|Brigade|Regiment|Battalion|Squadron|Fleet|Flotilla|Wing|Command|Strike Group"
    r"|Task Force|Training (?:Center|Centre|Ground))$"
)
_FACILITY_HEAD = re.compile(
    r"\b(?:Air Base|Airbase|airbase|Airfield|airfield|Air Force Base|Naval Base|Fort)\b"
)


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the", a possessive "'s" and stray punctuation."""
    surface = text[start:end]
    m = _LEADING_ARTICLE.match(surface)
    if m:
        start += m.end()
    surface = text[start:end]
    m = _TRAILING_JUNK.search(surface)
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


def _strip_trailing_titles(text: str, start: int, end: int) -> int:
    """ "RAN Rear Adm." is the navy: ranks the model ran on into are not part of the name."""
    while True:
        m = re.search(r"\s+([^\W\d_]+)\.?$", text[start:end])
        if not m or m.group(1).casefold() not in patterns.TITLES:
            return end
        end = start + m.start()


def _strip_titles(text: str, start: int, end: int) -> int:
    while True:
        m = re.match(r"([^\W\d_]+)\.?\s+", text[start:end])
        if not m or m.group(1).casefold() not in patterns.TITLES:
            return start
        start += m.end()


class Extractor:
    """Find and link entity mentions; ``kb=None`` uses the shipped knowledge base."""

    def __init__(self, kb: KnowledgeBase | None = None, *, use_model: bool = True):
        self.kb = kb if kb is not None else default_kb()
        self.use_model = use_model
        self.gazetteer = Gazetteer(self.kb)
        self.linker = Linker(self.gazetteer)

    def extract(self, text: str) -> list[Mention]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: Iterable[str]) -> list[list[Mention]]:
        texts = list(texts)
        ruled = [self.dictionary_stage(text) for text in texts]
        spans = self.model_spans(texts, ruled)
        return [
            self.finish(text, found + self.model_stage(text, model_found))
            for text, found, model_found in zip(texts, ruled, spans, strict=True)
        ]

    # The stages, public so that benchmarks can time them one by one.
    def dictionary_stage(self, text: str) -> list[Candidate]:
        norm = normalize(text)
        tokens = tokenize_normalized(norm)
        found = []
        for match in self.gazetteer.find(text, tokens):
            entry = match.alias.entry
            confidence = 0.95 if not (match.stemmed or match.alias.plural) else 0.88
            found.append(
                Candidate(match.start, match.end, entry.kind, entry.name, confidence, "gazetteer", True)
            )
        for span in patterns.find_all(norm):
            found.append(self._pattern_candidate(span))
        return found

    def model_spans(self, texts: Sequence[str], ruled: Sequence[list[Candidate]]) -> list[list[ModelSpan]]:
        """Run the model only on the sentences where a name may still be missing."""
        if not self.use_model:
            return [[] for _ in texts]
        windows = [
            model_windows(text, [(c.start, c.end) for c in found])
            for text, found in zip(texts, ruled, strict=True)
        ]
        return entity_spans_in(texts, windows)

    def model_stage(self, text: str, spans: Sequence[ModelSpan]) -> list[Candidate]:
        out = []
        for span in spans:
            cand = self._model_candidate(text, span)
            if cand is not None:
                out.append(cand)
        return out

    def finish(self, text: str, candidates: list[Candidate]) -> list[Mention]:
        accepted = keep_senses(text, resolve(candidates))
        accepted = resolve_people(text, accepted)
        accepted = resolve_acronyms(text, accepted)
        return [
            Mention(
                c.start,
                c.end,
                text[c.start : c.end],
                c.kind,
                c.entity,
                round(c.confidence, 3),
                c.origin,
                c.in_kb,
            )
            for c in accepted
        ]

    def _pattern_candidate(self, span: patterns.PatternSpan) -> Candidate:
        link = self.linker.link(span.surface, span.kind)
        # Typed by context ("the landing ship Orsk"): a dictionary entry of another kind is another thing.
        if link.entry is not None and not (span.context and link.entry.kind != span.kind):
            return Candidate(
                span.start,
                span.end,
                link.entry.kind,
                link.entry.name,
                max(span.confidence, link.score * 0.9),
                "pattern",
                True,
                span.context,
            )
        name = designation_name(span.surface) if span.kind == "weapon" else span.surface
        if span.kind == "person" and CYRILLIC.search(name):
            name = transliterate(name)
        return Candidate(
            span.start, span.end, span.kind, name, span.confidence, "pattern", False, span.context
        )

    def _model_candidate(self, text: str, span: ModelSpan) -> Candidate | None:
        start, end = _clean_span(text, span.start, span.end)
        kind = span.kind
        if kind == "person":
            start = _strip_titles(text, start, end)
        end = _strip_trailing_titles(text, start, end)
        if kind == "facility":
            if not _FACILITY_HEAD.search(text[start:end]):
                return None
            kind = "unit"
        named_end = start + name_end(text[start:end])
        if named_end < end:  # "Archer self-propelled howitzers": a weapon, whatever the label
            kind, end = "weapon", named_end
        elif kind == "org" and _UNIT_HEAD.search(text[start:end]):
            kind = "unit"
        surface = text[start:end]
        if (
            end - start < 2
            or "\n" in surface
            or not any(ch.isupper() for ch in surface)
            or (kind == "person" and (any(ch.isdigit() for ch in surface) or surface.isupper()))
            or surface.casefold() in patterns.TITLES
            or surface.casefold() in patterns.NOT_NAME
            or is_demonym(surface)
        ):
            return None
        link = self.linker.link(surface, kind)
        if link.entry is not None:
            return Candidate(
                start, end, link.entry.kind, link.entry.name, 0.6 + 0.3 * link.score, "model", True
            )
        if kind == "person" and CYRILLIC.search(surface):
            surface = transliterate(surface)
        return Candidate(start, end, kind, surface, 0.55, "model", False)
