"""The readers' query language, parsed once and compiled for each backend.

It is the web-search syntax PostgreSQL's ``websearch_to_tsquery`` understands: words are
ANDed, ``"quoted words"`` form a phrase, ``or`` between terms gives alternatives and a leading
``-`` excludes a word or phrase. Parsing it ourselves gives SQLite FTS5 the same meaning and lets
PostgreSQL receive a normalised string in which every user character is inert.

Pure Python: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 500

# A quoted phrase (the closing quote may be missing while someone types) or a run of non-blanks.
_TOKEN = re.compile(r'(-*)"([^"]*)"?|(\S+)')
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False

    @property
    def is_positional(self) -> bool:
        """A phrase, or a word the parser splits ("Su-30SM2" is su-30sm2 <-> su <-> 30sm2)."""
        return not self.text.isalnum()


@dataclass(frozen=True)
class ParsedQuery:
    """Alternatives (ORed), each a conjunction of terms; every alternative has a positive term."""

    alternatives: tuple[tuple[Term, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.alternatives

    @property
    def is_positional(self) -> bool:
        """True when a match depends on word positions: a phrase, or a word the parser splits
        ("Su-30SM2" is the phrase su-30sm2 <-> su <-> 30sm2). A word index cannot decide those
        alone, so each candidate's stored positions must be read back to confirm it."""
        return any(term.is_positional for terms in self.alternatives for term in terms)

    @property
    def excludes_positionally(self) -> bool:
        """True when an excluded term is a phrase or a split word."""
        return any(term.negated and term.is_positional for terms in self.alternatives for term in terms)

    def websearch(self) -> str:
        """The query again in web-search syntax, for ``websearch_to_tsquery``."""
        return " or ".join(" ".join(_websearch_term(term) for term in terms) for terms in self.alternatives)

    def fts5(self) -> str:
        """The query as an FTS5 expression; every term is a quoted string, so none is an operator."""
        groups = []
        for terms in self.alternatives:
            positive = " AND ".join(_fts5_string(t.text) for t in terms if not t.negated)
            expression = f"({positive})"
            for term in terms:
                if term.negated:
                    expression = f"({expression} NOT {_fts5_string(term.text)})"
            groups.append(expression)
        return " OR ".join(groups)


def _websearch_term(term: Term) -> str:
    text = f'"{term.text}"' if term.phrase else term.text
    return f"-{text}" if term.negated else text


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_query(text: str) -> ParsedQuery:
    """Parse what a reader typed; terms without a letter or digit are dropped."""
    alternatives: list[tuple[Term, ...]] = []
    current: list[Term] = []
    for match in _TOKEN.finditer(text or ""):
        dashes, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            alternatives.append(tuple(current))
            current = []
            continue
        if phrase is not None:
            term = Term(" ".join(phrase.split()), phrase=True, negated=bool(dashes))
        else:
            negated = word.startswith("-")
            term = Term(word.lstrip("-").replace('"', ""), negated=negated)
        if _WORD_CHAR.search(term.text):
            current.append(term)
    alternatives.append(tuple(current))
    # An alternative made only of exclusions would match almost everything: it is left out.
    return ParsedQuery(tuple(terms for terms in alternatives if any(not t.negated for t in terms)))
