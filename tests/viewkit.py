"""Helpers shared by the ``test_views_*`` modules: the tiny knowledge base, text and links of components."""

from __future__ import annotations

import re

from explorer import engine, views


def text(component) -> str:
    """All the text a component tree shows, with runs of white space made single."""
    def raw(component) -> str:
        if component is None:
            return ""
        if isinstance(component, (str, int, float)):
            return str(component)
        if isinstance(component, (list, tuple)):
            return " ".join(raw(c) for c in component)
        return raw(getattr(component, "children", None))

    return " ".join(raw(component).split())


def links(component) -> list[str]:
    """Every href in a component tree, Markdown links included."""
    if isinstance(component, (list, tuple)):
        return [h for c in component for h in links(c)]
    if component is None or isinstance(component, (int, float)):
        return []
    if isinstance(component, str):
        return re.findall(r"\]\((https?://[^)\s]+)\)", component)
    own = [component.href] if getattr(component, "href", None) else []
    return own + links(getattr(component, "children", None))



def overlay(tiny, view):
    kb, graphs = tiny
    graph = graphs[view.hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph) if view.drug else None
    return views.overlay_stylesheet(kb, graph, view, explanation)
