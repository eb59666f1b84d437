"""Names a user types: a drug or a hypothesis, ignoring case, with suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..model import INTEGRATED, Drug, KnowledgeBase

__all__ = ["UnknownName", "resolve_drug", "resolve_hypothesis"]


class UnknownName(LookupError):
    """A drug or hypothesis name that matches nothing; carries the closest names."""

    def __init__(self, kind: str, query: str, suggestions: list[str]):
        self.kind, self.query, self.suggestions = kind, query, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {query!r}{hint}")


def _normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def _suggest(query: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    """Closest display names; ``names`` maps normalised alias → display name."""
    close = difflib.get_close_matches(_normalise(query), list(names), n=n * 3, cutoff=0.5)
    contains = [a for a in names if _normalise(query) and _normalise(query) in a]
    return list(dict.fromkeys(names[a] for a in close + contains))[:n]


def resolve_drug(kb: KnowledgeBase, query: str) -> Drug:
    """The drug whose id, name, synonym or code is ``query``, ignoring case.

    Raises :class:`UnknownName` with the closest names when nothing matches.
    """
    aliases = {_normalise(alias): drug for drug in kb.drugs.values() for alias in drug.aliases}
    found = aliases.get(_normalise(query))
    if found is None:
        raise UnknownName("drug", query, _suggest(query, {a: d.name for a, d in aliases.items()}))
    return found


def resolve_hypothesis(kb: KnowledgeBase, query: str) -> str:
    """The hypothesis id (or ``integrated``) matching an id or title, ignoring case."""
    names = {_normalise(h.id): h.id for h in kb.hypotheses.values()}
    names.update({_normalise(h.title): h.id for h in kb.hypotheses.values()})
    names[INTEGRATED] = INTEGRATED
    found = names.get(_normalise(query))
    if found is None:
        raise UnknownName("hypothesis", query, _suggest(query, names))
    return found
