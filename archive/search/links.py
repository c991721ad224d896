"""Links of the search page's facets: the current search with one parameter set or removed."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from .types import FacetValue

FACET_TITLES = {"kind": "Kind", "entity": "Entities", "source": "Sources", "language": "Languages"}


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    active: bool
    kind: str = ""


def with_parameter(params: QueryDict, name: str, value: str | None) -> str:
    """``?...`` of the search with ``name`` set to ``value`` (or removed), back on the first page."""
    changed = params.copy()
    changed.pop("page", None)
    changed.pop(name, None)
    if value is not None:
        changed[name] = value
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_links(
    params: QueryDict, facets: dict[str, list[FacetValue]]
) -> list[tuple[str, str, list[FacetLink]]]:
    """(name, title, links) per facet; choosing an active value again removes that filter."""
    result = []
    for name, title in FACET_TITLES.items():
        chosen = params.get(name, "")
        links = []
        for value in facets.get(name, []):
            active = chosen in {value.value, value.slug} - {""}
            links.append(
                FacetLink(
                    label=value.label,
                    count=value.count,
                    kind=value.kind,
                    active=active,
                    url=with_parameter(params, name, None if active else value.value),
                )
            )
        result.append((name, title, links))
    return result
