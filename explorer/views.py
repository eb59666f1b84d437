"""What the browser shows, as pure functions of the knowledge base and the view.

Nothing here registers callbacks or reads files: each function takes the knowledge
base, the graphs and a :class:`View` and returns Cytoscape elements, a stylesheet,
Dash components, table rows or a plotly figure. ``app`` wires them to the page.
Everything that arrives from the browser (the URL, clicks, store contents) is
untrusted: :func:`parse_query` and :func:`navigate` check every value against the
knowledge base and fall back to defaults with a :class:`Notice` instead of raising.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import networkx as nx
import plotly.graph_objects as go
from dash import dcc, html
from plotly.subplots import make_subplots

from . import engine
from .model import DRUG_CLASSES, INTEGRATED, Drug, KnowledgeBase, action_word, action_words
from .style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT, KIND_STYLE

__all__ = [
    "MATRIX_READOUTS", "Notice", "View", "base_stylesheet", "default_view",
    "details_panel", "drug_label", "drug_options", "drug_panel", "effect_matrix", "export_filename",
    "format_query", "graph_elements", "hypothesis_caption", "hypothesis_options", "join", "legend",
    "matrix_figure", "matrix_key", "navigate", "node_options", "notice_paragraphs", "overlay_stylesheet",
    "parse_query", "reached_readouts", "table_columns", "table_row_style", "table_rows", "view_from_store",
]

QUERY_KEYS = ("hypothesis", "drug", "node")
#: Longest URL query and value we read; anything longer is not a link we made.
MAX_QUERY = 2000
MAX_VALUE = 200
#: The readouts compared across drugs and hypotheses in the matrix.
MATRIX_READOUTS = ("BDNF", "mTORC1")
COMPARTMENT_PREFIX = "compartment:"  # ':' never occurs in a slug, so no id clashes
EDGE_JOIN = "->"

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{}/"
CLINICAL_TRIALS = "https://clinicaltrials.gov/study/{}"
XREF_URLS = {
    "hgnc": ("HGNC", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}"),
    "uniprot": ("UniProt", "https://www.uniprot.org/uniprotkb/{}/entry"),
    "chebi": ("ChEBI", "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{}"),
    "pubchem": ("PubChem", "https://pubchem.ncbi.nlm.nih.gov/compound/{}"),
    "go": ("GO", "https://amigo.geneontology.org/amigo/term/GO:{}"),
}
STATUS_NOTE = "as reported in the review (2021)"


# -- the view and the URL --------------------------------------------------------

@dataclass(frozen=True)
class View:
    """What is on screen: a hypothesis, maybe a drug, maybe a selected node or edge."""

    hypothesis: str
    drug: str | None = None
    node: str | None = None
    edge: str | None = None  # "source->target"

    def to_dict(self) -> dict[str, str | None]:
        return {"hypothesis": self.hypothesis, "drug": self.drug, "node": self.node, "edge": self.edge}


@dataclass(frozen=True)
class Notice:
    """A message for the user about something we could not follow, with suggested links."""

    message: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (label, query string)


def default_view(kb: KnowledgeBase) -> View:
    return View(hypothesis=next(iter(kb.hypotheses), INTEGRATED))


def format_query(view: View) -> str:
    """The URL query that reproduces ``view``: ``?hypothesis=…&drug=…&node=…``."""
    pairs = [(key, value) for key, value in
             (("hypothesis", view.hypothesis), ("drug", view.drug), ("node", view.node)) if value]
    return "?" + urlencode(pairs, quote_via=quote)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


Graphs = Mapping[str, nx.DiGraph]


def _hypothesis_title(kb: KnowledgeBase, graphs: Graphs, hypothesis: str) -> str:
    if hypothesis in kb.hypotheses:
        return kb.hypotheses[hypothesis].title
    return graphs[hypothesis].graph["title"]


def parse_query(kb: KnowledgeBase, graphs: Graphs, search: str | None) -> tuple[View, list[Notice]]:
    """Read ``?hypothesis=…&drug=…&node=…``; anything unusable becomes a notice and a default.

    Hypotheses and drugs match by id, name, synonym or code, ignoring case
    (``?drug=GLYX-13`` is rapastinel). Never raises.
    """
    view, notices = default_view(kb), []
    search = (search or "").lstrip("?")
    if not search:
        return view, notices
    if len(search) > MAX_QUERY:
        return view, [Notice(f"The link's query is too long ({len(search):,} characters) to be one of "
                             "ours; showing the default view.")]
    try:
        query = parse_qs(search, keep_blank_values=True, max_num_fields=20)
    except ValueError:
        return view, [Notice("The link has too many parameters; showing the default view.")]
    for key in query:
        if key not in QUERY_KEYS:
            notices.append(Notice(f"Ignored the unknown link parameter {_shorten(key)!r} "
                                  f"(known: {', '.join(QUERY_KEYS)})."))
    values: dict[str, str] = {}
    for key in QUERY_KEYS:
        given = query.get(key, [])
        if len(given) > 1:
            notices.append(Notice(f"The link gives {key} {len(given)} times; ignored it."))
        elif given and not given[0].strip():
            notices.append(Notice(f"The link gives an empty {key}; ignored it."))
        elif given and len(given[0]) > MAX_VALUE:
            notices.append(Notice(f"The link's {key} is too long to be a name; ignored it."))
        elif given:
            values[key] = given[0].strip()

    hypothesis = view.hypothesis
    if "hypothesis" in values:
        try:
            hypothesis = engine.resolve_hypothesis(kb, values["hypothesis"])
        except engine.UnknownName as error:
            notices.append(_unknown_notice(kb, graphs, error, "hypothesis",
                                           f"showing {_hypothesis_title(kb, graphs, hypothesis)!r}"))
    drug = None
    if "drug" in values:
        try:
            drug = engine.resolve_drug(kb, values["drug"]).id
        except engine.UnknownName as error:
            notices.append(_unknown_notice(kb, graphs, error, "drug", "showing no drug",
                                           View(hypothesis)))
    node = None
    if "node" in values:
        graph = graphs[hypothesis]
        if _is_node(kb, graph, values["node"]):
            node = values["node"]
        else:
            close = _close_nodes(graph, values["node"])
            notices.append(Notice(
                f"There is no node {_shorten(values['node'])!r} in "
                f"{_hypothesis_title(kb, graphs, hypothesis)!r}.",
                tuple((graph.nodes[n]["label"], format_query(View(hypothesis, drug, n))) for n in close)))
    return View(hypothesis, drug, node), notices


def view_from_store(kb: KnowledgeBase, graphs: Graphs, stored: Any) -> View:
    """The view kept in the browser's ``dcc.Store``, checked like any other input."""
    stored = stored if isinstance(stored, dict) else {}
    view = default_view(kb)
    for event in ("hypothesis", "drug"):
        view, _ = navigate(kb, graphs, view, event, stored.get(event))
    if stored.get("node"):
        view, _ = navigate(kb, graphs, view, "node", stored["node"])
    if stored.get("edge"):
        view, _ = navigate(kb, graphs, view, "edge", {"id": stored["edge"]})
    return view


def notice_paragraphs(notices: Iterable[Notice]) -> list:
    """Each notice as a paragraph, its suggestions as links that open them."""
    paragraphs = []
    for notice in notices:
        links = [dcc.Link(label, href=query) for label, query in notice.suggestions]
        more = [" Did you mean ", *join(links, " or "), "?"] if links else []
        paragraphs.append(html.P([notice.message, *more], className="notice"))
    return paragraphs


def _unknown_notice(kb: KnowledgeBase, graphs, error: engine.UnknownName, key: str, fallback: str,
                    base: View | None = None) -> Notice:
    suggestions = []
    for name in error.suggestions:
        if key == "drug":
            drug = engine.resolve_drug(kb, name)
            suggestions.append((drug.name, format_query(replace(base, drug=drug.id))))
        else:
            hypothesis = engine.resolve_hypothesis(kb, name)
            label = _hypothesis_title(kb, graphs, hypothesis)
            if (label, format_query(View(hypothesis))) not in suggestions:
                suggestions.append((label, format_query(View(hypothesis))))
    return Notice(f"Unknown {key} {_shorten(error.query)!r} in the link; {fallback}.", tuple(suggestions))


def _close_nodes(graph: nx.DiGraph, query: str, n: int = 3) -> list[str]:
    names = {node: node for node in graph}
    names.update({data["label"].casefold(): node for node, data in graph.nodes(data=True)})
    close = difflib.get_close_matches(query.casefold(), list(names), n=n, cutoff=0.5)
    return list(dict.fromkeys(names[c] for c in close))


def navigate(kb: KnowledgeBase, graphs: Graphs, view: View, event: str,
             value: Any) -> tuple[View, list[Notice]]:
    """The view after one user event. Every value is checked; a bad one changes nothing.

    ``event`` is one of ``url`` (a query string), ``hypothesis`` and ``drug`` (ids
    from the selectors), ``node`` (an id or Cytoscape ``tapNodeData``), ``edge``
    (``tapEdgeData``), ``table`` (a DataTable ``active_cell``) and ``matrix``
    (heatmap ``clickData``).
    """
    if event == "url":
        return parse_query(kb, graphs, value if isinstance(value, str) else None)
    if event == "hypothesis":
        if not isinstance(value, str) or value not in graphs:
            return view, []
        node = view.node if view.node and _is_node(kb, graphs[value], view.node) else None
        edge = view.edge if view.edge and _edge_ends(graphs[value], view.edge) else None
        return View(value, view.drug, node, edge), []
    if event == "drug":
        return replace(view, drug=value if isinstance(value, str) and value in kb.drugs else None), []
    if event == "node":
        node = value.get("id") if isinstance(value, dict) else value
        if node is None:
            return replace(view, node=None), []
        if isinstance(node, str) and _is_node(kb, graphs[view.hypothesis], node):
            return replace(view, node=node, edge=None), []
        return view, []
    if event == "edge":
        edge = value.get("id") if isinstance(value, dict) else None
        if isinstance(edge, str) and _edge_ends(graphs[view.hypothesis], edge):
            return replace(view, edge=edge, node=None), []
        return view, []
    if event == "table":
        drug = value.get("row_id") if isinstance(value, dict) else None
        return (replace(view, drug=drug) if isinstance(drug, str) and drug in kb.drugs else view), []
    if event == "matrix":
        try:
            drug, hypothesis = value["points"][0]["customdata"]
        except (KeyError, IndexError, TypeError, ValueError):
            return view, []
        if all(isinstance(v, str) for v in (drug, hypothesis)) and drug in kb.drugs and hypothesis in graphs:
            return View(hypothesis, drug), []
    return view, []


def _is_node(kb: KnowledgeBase, graph: nx.DiGraph, element_id: str) -> bool:
    """A node of the graph or one of the compartments it draws."""
    return element_id in graph or _compartment_of(kb, graph, element_id) is not None


def _edge_ends(graph: nx.DiGraph, edge_id: str) -> tuple[str, str] | None:
    source, _, target = edge_id.partition(EDGE_JOIN)
    return (source, target) if graph.has_edge(source, target) else None


def _compartment_of(kb: KnowledgeBase, graph: nx.DiGraph, element_id: str) -> str | None:
    """The compartment id behind a compound node's id, if the graph draws it."""
    if not element_id.startswith(COMPARTMENT_PREFIX):
        return None
    compartment = element_id.removeprefix(COMPARTMENT_PREFIX)
    drawn = {c for _, data in graph.nodes(data=True) for c in kb.compartment_lineage(data["compartment"])}
    return compartment if compartment in drawn else None


def export_filename(kb: KnowledgeBase, graphs: Graphs, view: View, extension: str) -> str:
    """A download's file name, made only from known ids: ``moa-disinhibition-ketamine.png``."""
    parts = ["moa"]
    if view.hypothesis in graphs:
        parts.append(view.hypothesis)
    if view.drug in kb.drugs:
        parts.append(view.drug)
    return "-".join(parts) + (f".{extension}" if extension else "")


# -- selectors -------------------------------------------------------------------

def hypothesis_options(kb: KnowledgeBase) -> list[dict]:
    options = [{"label": f"{i}. {h.title}", "value": h.id, "search": f"{h.id} {h.title}"}
               for i, h in enumerate(kb.hypotheses.values(), 1)]
    options.append({"label": "All six hypotheses, integrated", "value": INTEGRATED,
                    "search": "integrated all"})
    return options


def drug_label(drug: Drug) -> str:
    """``Rapastinel (GLYX-13)``: the name and its codes, as the review writes them."""
    codes = [c for c in drug.codes if c.casefold() not in drug.name.casefold()]
    return f"{drug.name} ({', '.join(codes)})" if codes else drug.name


def drug_options(kb: KnowledgeBase) -> list[dict]:
    """Drugs grouped under their class, each group headed by a disabled option.

    Every option's ``search`` holds its name, synonyms, codes and class, so typing
    "GLYX", "Spravato" or "mGluR" finds the drug.
    """
    options = []
    for drug_class, label in DRUG_CLASSES.items():
        drugs = [d for d in kb.drugs.values() if d.drug_class == drug_class]
        if not drugs:
            continue
        options.append({"label": label, "value": f"class:{drug_class}", "disabled": True,
                        "search": label})
        for drug in drugs:
            options.append({"label": drug_label(drug), "value": drug.id,
                            "title": ", ".join((*drug.synonyms, *drug.codes)) or drug.name,
                            "search": " ".join((drug.name, *drug.synonyms, *drug.codes, drug.id, label))})
    return options


def node_options(graph: nx.DiGraph) -> list[dict]:
    """The nodes of a graph, by label and compartment, for keyboard users."""
    rows = sorted(graph.nodes(data=True), key=lambda item: (item[1]["label"].casefold(), item[0]))
    return [{"label": f"{data['label']} ({data['compartment_label']})", "value": node,
             "search": f"{data['label']} {data['name']} {data['compartment_label']}"}
            for node, data in rows]


# -- the graph -------------------------------------------------------------------

NODE_FONT = 13
#: Cytoscape accepts a plain family list, without quotes.
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
CHARS_PER_LINE = 16
CHAR_WIDTH = 7.4  # px per character at NODE_FONT, a generous average for sans-serif


def _wrap(label: str) -> list[str]:
    return textwrap.wrap(label, CHARS_PER_LINE, break_long_words=False, break_on_hyphens=False) or [label]


def _node_box(label: str, kind: str) -> tuple[str, float, float]:
    """The label with line breaks, and a width and height that fit it."""
    lines = _wrap(label)
    width = max(64.0, CHAR_WIDTH * max(len(line) for line in lines) + 22)
    height = 18.0 * len(lines) + 16
    if kind in ("factor", "transmitter", "metabolite"):  # diamonds, hexagons: text needs the middle
        width, height = width * 1.3, height * 1.35
    elif kind == "process":
        width += 14
    return "\n".join(lines), round(width, 1), round(height, 1)


def graph_elements(kb: KnowledgeBase, graph: nx.DiGraph) -> list[dict]:
    """Cytoscape elements: compartments as compound nodes, then entity nodes and edges.

    Positions come from the curated layout; the app draws them with the ``preset``
    layout and never changes them afterwards (overlays change only the stylesheet).
    """
    readouts = set(graph.graph.get("readouts", ()))
    compartments: dict[str, None] = {}
    for _, data in graph.nodes(data=True):
        for compartment in reversed(kb.compartment_lineage(data["compartment"])):
            compartments[compartment] = None
    elements = []
    for compartment_id in compartments:
        compartment = kb.compartments[compartment_id]
        data = {"id": COMPARTMENT_PREFIX + compartment_id, "label": compartment.label}
        if compartment.parent in compartments:
            data["parent"] = COMPARTMENT_PREFIX + compartment.parent
        elements.append({"data": data, "classes": "compartment", "selectable": True})
    for node, data in graph.nodes(data=True):
        label, width, height = _node_box(data["label"], data["kind"])
        classes = ["entity", f"kind-{data['kind']}"] + (["readout"] if node in readouts else [])
        elements.append({
            "data": {"id": node, "label": label, "kind": data["kind"], "entity": data["entity"],
                     "parent": COMPARTMENT_PREFIX + data["compartment"], "width": width, "height": height},
            "position": {"x": data["x"], "y": data["y"]},
            "classes": " ".join(classes),
        })
    for source, target, data in graph.edges(data=True):
        elements.append({
            "data": {"id": f"{source}{EDGE_JOIN}{target}", "source": source, "target": target,
                     "effect": data["effect"], "mechanism": data["mechanism"]},
            "classes": data["effect"],
        })
    return elements


def base_stylesheet(show_mechanisms: bool = False) -> list[dict]:
    """Shapes by kind, arrows for activation, tee bars for inhibition (see ``style``)."""
    sheet = [
        {"selector": "node", "style": {
            "font-family": FONT, "font-size": NODE_FONT, "color": "#1a1a1a", "text-wrap": "wrap",
            "label": "data(label)", "border-width": 1.5, "border-color": "#4d4d4d",
        }},
        {"selector": ".entity", "style": {
            "text-valign": "center", "text-halign": "center", "width": "data(width)", "height": "data(height)",
        }},
        {"selector": ".compartment", "style": {
            "shape": "round-rectangle", "background-color": "#F4F6F8", "background-opacity": 1,
            "border-color": "#9AA5B1", "border-style": "dashed", "border-width": 1.5,
            "padding": "22px", "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
            "font-size": 13, "font-weight": "bold", "color": "#3E4C59",
        }},
        {"selector": ".compartment .compartment", "style": {"background-color": "#FFFFFF"}},
        {"selector": ".compartment .compartment .compartment", "style": {"background-color": "#EEF2F6"}},
    ]
    for kind, style in KIND_STYLE.items():
        sheet.append({"selector": f".kind-{kind}",
                      "style": {"shape": style["shape"], "background-color": style["fill"]}})
    sheet += [
        {"selector": ".readout", "style": {
            "border-width": 4, "border-style": "double", "border-color": HIGHLIGHT["readout"],
            "font-weight": "bold"}},
        {"selector": "edge", "style": {
            "font-family": FONT, "curve-style": "bezier", "width": 2.2, "arrow-scale": 1.3,
            "font-size": 11, "color": "#333333", "text-background-color": "#FFFFFF",
            "text-background-opacity": 0.9, "text-background-padding": "2px",
        }},
    ]
    for effect, style in EFFECT_STYLE.items():
        sheet.append({"selector": f"edge.{effect}", "style": {
            "line-color": style["colour"], "target-arrow-color": style["colour"],
            "target-arrow-shape": style["arrow"],
            **({"line-style": "dashed", "target-arrow-fill": "hollow"} if style.get("dashed") else {})}})
    if show_mechanisms:
        sheet.append({"selector": "edge", "style": {"label": "data(mechanism)"}})
    return sheet


def _ids(kind: str, ids: Iterable[str]) -> str:
    return ", ".join(f'{kind}[id = "{i}"]' for i in sorted(ids))


def overlay_stylesheet(kb: KnowledgeBase, graph: nx.DiGraph, view: View,
                       explanation: engine.Explanation | None = None) -> list[dict]:
    """The drug overlay and the selection, as extra stylesheet rules.

    Targets are outlined and labelled with the action, every node and edge on a path
    to a readout is lit, the rest is dimmed (faded and, for edges, dashed).
    """
    sheet: list[dict] = []
    if explanation is not None and explanation.targets:
        lit, targets = explanation.highlight, explanation.targets
        sheet.append({"selector": ".entity", "style": {"opacity": HIGHLIGHT["dim_opacity"]}})
        sheet.append({"selector": "edge", "style": {"opacity": HIGHLIGHT["dim_opacity"],
                                                    "line-style": "dashed"}})
        if lit.nodes:
            sheet.append({"selector": _ids("node", lit.nodes), "style": {
                "opacity": 1, "underlay-color": HIGHLIGHT["lit"], "underlay-opacity": 0.45,
                "underlay-padding": 7, "underlay-shape": "round-rectangle"}})
        if lit.edges:
            sheet.append({"selector": _ids("edge", (f"{u}{EDGE_JOIN}{v}" for u, v in lit.edges)), "style": {
                "opacity": 1, "line-style": "solid", "width": 4, "underlay-color": HIGHLIGHT["lit"],
                "underlay-opacity": 0.45, "underlay-padding": 4}})
        for node, actions in targets.items():
            words = action_words(actions)
            label, width, height = _node_box(graph.nodes[node]["label"], graph.nodes[node]["kind"])
            badge = f"[{words}]"
            sheet.append({"selector": _ids("node", [node]), "style": {
                "opacity": 1, "border-color": HIGHLIGHT["target"], "border-width": 5,
                "border-style": "solid", "label": f"{label}\n{badge}", "font-weight": "bold",
                # bold text runs about a tenth wider than the box was sized for
                "width": max(width * 1.12, CHAR_WIDTH * 1.12 * len(badge) + 24), "height": height + 18}})
    if view.node and view.node in graph:
        sheet.append({"selector": _ids("node", [view.node]), "style": {
            "overlay-color": "#000000", "overlay-opacity": 0.12, "overlay-padding": 6}})
    if view.edge and _edge_ends(graph, view.edge):
        sheet.append({"selector": _ids("edge", [view.edge]), "style": {
            "overlay-color": "#000000", "overlay-opacity": 0.15, "overlay-padding": 5,
            "label": "data(mechanism)"}})
    return sheet


# -- legend ----------------------------------------------------------------------

_SHAPES = {
    "round-rectangle": '<rect x="2" y="5" width="28" height="16" rx="5"/>',
    "ellipse": '<ellipse cx="16" cy="13" rx="14" ry="8"/>',
    "diamond": '<polygon points="16,2 30,13 16,24 2,13"/>',
    "hexagon": '<polygon points="8,4 24,4 30,13 24,22 8,22 2,13"/>',
    "barrel": '<path d="M5 5 H27 Q31 13 27 21 H5 Q1 13 5 5 Z"/>',
    "octagon": '<polygon points="9,3 23,3 29,9 29,17 23,23 9,23 3,17 3,9"/>',
    "tag": '<polygon points="2,5 22,5 30,13 22,21 2,21"/>',
}


def _swatch(shape: str, fill: str, stroke: str = "#4d4d4d", stroke_width: float = 1.5) -> html.Img:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="26" viewBox="0 0 32 26">'
           f'<g fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}">{_SHAPES[shape]}</g></svg>')
    return html.Img(src="data:image/svg+xml;utf8," + quote(svg), alt="", className="legend-swatch")


def _arrow_swatch(effect: str, dashed: bool = False) -> html.Img:
    colour = EFFECT_STYLE[effect]["colour"]
    head = {"activates": f'<polygon points="30,13 21,8 21,18" fill="{colour}"/>',
            "inhibits": f'<line x1="29" y1="5" x2="29" y2="21" stroke="{colour}" stroke-width="3"/>',
            "requires": (f'<line x1="18" y1="7" x2="18" y2="19" stroke="{colour}" stroke-width="2"/>'
                         f'<polygon points="30,13 21,8 21,18" fill="#FFFFFF" stroke="{colour}"/>')}[effect]
    dash = ' stroke-dasharray="4 3"' if dashed or effect == "requires" else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="26" viewBox="0 0 32 26">'
           f'<line x1="2" y1="13" x2="27" y2="13" stroke="{colour}" stroke-width="2.5"{dash}/>{head}</svg>')
    return html.Img(src="data:image/svg+xml;utf8," + quote(svg), alt="", className="legend-swatch")


def legend(kinds: Iterable[str] | None = None) -> html.Div:
    """Node kinds, the two arrow types, readouts and the drug overlay, in HTML."""
    kinds = [k for k in KIND_STYLE if kinds is None or k in set(kinds)]
    items = [html.Li([_swatch(KIND_STYLE[k]["shape"], KIND_STYLE[k]["fill"]), KIND_STYLE[k]["label"]])
             for k in kinds]
    items += [
        html.Li([_arrow_swatch("activates"), "activates"]),
        html.Li([_arrow_swatch("inhibits"), "inhibits"]),
        html.Li([_arrow_swatch("requires"), "requires (necessary condition)"]),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["readout"], 3.5), "readout"]),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["target"], 4), "drug target"]),
        html.Li([_swatch("round-rectangle", HIGHLIGHT["lit"], HIGHLIGHT["lit"]), "on a path to a readout"]),
        html.Li([_arrow_swatch("activates", dashed=True), "off the path (faded)"]),
    ]
    return html.Div([html.H2("Legend", className="legend-title"), html.Ul(items, className="legend-list")],
                    className="legend")


# -- panels ----------------------------------------------------------------------

def _link(text: str, url: str) -> html.A:
    return html.A(text, href=url, target="_blank", rel="noopener noreferrer")


#: Characters that mean something in Markdown, escaped so data text stays text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(text: str) -> str:
    """``text`` escaped for Markdown: shown as written, never as markup or a link.

    Angle brackets and ampersands become entities (Dash's Markdown shows a
    backslash before them), the other special characters are backslash-escaped.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _references(kb: KnowledgeBase, numbers: Iterable[int], title: str = "References",
                open_: bool = False) -> html.Details | None:
    """The references, each with its PubMed link, as one Markdown list.

    One string rather than a component per reference: a drug like ketamine cites 34,
    and the list would otherwise be most of the drug switch's response.
    """
    lines = []
    for number in dict.fromkeys(numbers):
        reference = kb.references.get(number)
        if reference is None:
            continue
        line = f"- **\\[{number}\\]** {markdown_text(reference.citation)}"
        if reference.pmid:
            line += f" [PubMed {reference.pmid}]({PUBMED.format(reference.pmid)})"
        lines.append(line)
    if not lines:
        return None
    return html.Details([html.Summary(f"{title} ({len(lines)})"),
                         dcc.Markdown("\n".join(lines), className="refs", link_target="_blank")],
                        open=open_)


def _citation_line(source: str, refs: Iterable[int], note: str = "") -> html.P:
    refs = list(refs)
    text = f"Source: {source}" + (f"; refs {', '.join(map(str, refs))}" if refs else "")
    return html.P([text] + ([html.Br(), html.Em(note)] if note else []), className="citation")


def hypothesis_caption(kb: KnowledgeBase, graphs: Graphs, hypothesis: str) -> list:
    """Title, summary and citation of the hypothesis on screen."""
    if hypothesis in kb.hypotheses:
        h = kb.hypotheses[hypothesis]
        return [html.H2(h.title), html.P(h.summary),
                _citation_line(h.citation.source, h.citation.refs, h.citation.note),
                _references(kb, h.citation.refs)]
    graph = graphs[hypothesis]
    return [html.H2(graph.graph["title"]),
            html.P("The six panels of Fig. 1 drawn as one network: a node shared by several "
                   "panels is drawn once. Click an arrow to see which panels draw it.")]


def _drug_summary(kb: KnowledgeBase, drug: Drug) -> list:
    actions = "; ".join(
        f"{action_word(a.action)} of {kb.entities[a.entity].name}"
        + (f" ({a.site})" if a.site else "") + (f", via {a.via}" if a.via else "")
        + (f" [{a.component}]" if a.component else "")
        for a in drug.actions) or "no action stated in the review"
    parts = [html.P([html.Strong("Class: "), DRUG_CLASSES[drug.drug_class]]),
             html.P([html.Strong("Acts on: "), actions])]
    if drug.components:
        parts.append(html.P([html.Strong("Components: "), ", ".join(drug.components)]))
    return parts


def _status(kb: KnowledgeBase, drug: Drug) -> list:
    status = drug.status
    rows = [html.Li(f"Completed studies: {status.completed}")] if status.completed else []
    if status.current:
        rows.append(html.Li(f"Current studies: {status.current}"))
    for d in drug.designations:
        rows.append(html.Li(f"{d.agency} {d.designation}" + (f" for {d.indication}" if d.indication else "")
                            + (f" ({d.date})" if d.date else "")))
    parts: list = [html.H3(f"Status, {STATUS_NOTE}"), html.Ul(rows or [html.Li("not stated")])]
    if status.note:
        parts.append(html.P(status.note, className="note"))
    if drug.trials:
        trials = [html.Li([_link(t.nct, CLINICAL_TRIALS.format(t.nct)),
                           f" (phase {t.phase})" if t.phase else "", f": {t.note}" if t.note else ""])
                  for t in drug.trials]
        parts.append(html.Details([html.Summary(f"ClinicalTrials.gov ({len(trials)})"),
                                   html.Ul(trials, className="trials")], open=len(trials) <= 3))
    return parts


def _effect_row(graph: nx.DiGraph, explanation: engine.Explanation, name: str,
                effect: engine.ReadoutEffect) -> html.Div:
    word = EFFECT_WORDS[effect.effect]
    head = html.Div([
        html.Span(word["symbol"], className="effect-symbol", style={"color": word["colour"]}),
        html.Strong(f" {name}: "), html.Span(word["text"], className=f"effect-{effect.effect}"),
    ], className="effect-head")
    chains = []
    for sign, chain in effect.chains.items():
        prefix = f"{EFFECT_WORDS[sign]['symbol']} " if effect.effect == "mixed" else ""
        chains.append(html.Li(prefix + engine.format_chain(graph, chain, explanation.drug,
                                                   explanation.targets[chain[0]])))
    body = [html.Ul(chains, className="chain")] if chains else []
    if effect.effect == "mixed":
        body.insert(0, html.P("Routes of both signs reach it: the model cannot say which one wins.",
                              className="note"))
    return html.Div([head, *body], className="effect-row", **{"data-readout": name,
                                                               "data-effect": effect.effect})


def drug_panel(kb: KnowledgeBase, graphs: Graphs, view: View,
               explanation: engine.Explanation | None = None,
               reached_elsewhere: Iterable[str] = ()) -> list:
    """The predicted effect per readout with its chain, the drug's status and its links."""
    if view.drug not in kb.drugs:
        return [html.P("Pick a drug to outline its targets and light the routes to BDNF and mTORC1.",
                       className="hint")]
    drug = kb.drugs[view.drug]
    graph = graphs[view.hypothesis]
    if explanation is None:
        explanation = engine.explain_drug(kb, drug, graph)
    parts: list = [html.H2(drug_label(drug), id="drug-name")]
    parts += _drug_summary(kb, drug)
    title = _hypothesis_title(kb, graphs, view.hypothesis)
    if not explanation.targets:
        parts.append(html.P(f"{drug.name} acts on nothing drawn in “{title}”, so no modelled path reaches "
                            "BDNF or mTORC1 here.", className="no-path"))
    else:
        targets = "; ".join(
            f"{graph.nodes[n]['label']} ({graph.nodes[n]['compartment_label']}): "
            + action_words(actions)
            for n, actions in explanation.targets.items())
        parts.append(html.P([html.Strong("Targets here: "), targets]))
        if not explanation.reaches_any:
            parts.append(html.P(f"No modelled path in “{title}” leads from its targets to a readout.",
                                className="no-path"))
        parts.append(html.Div([_effect_row(graph, explanation, name, effect)
                               for name, effect in explanation.readouts.items()], className="effects"))
    elsewhere = [h for h in reached_elsewhere if h != view.hypothesis]
    if not explanation.reaches_any and elsewhere:
        links = [dcc.Link(_hypothesis_title(kb, graphs, h), href=format_query(View(h, drug.id)))
                 for h in elsewhere]
        parts.append(html.P(["It does reach a readout under: ", *join(links), "."], className="elsewhere"))
    parts += _status(kb, drug)
    if drug.notes:
        parts.append(html.Details([html.Summary("Notes"), html.P(drug.notes)]))
    parts.append(_references(kb, (*drug.citation.refs, *(r for a in drug.actions for r in a.citation.refs))))
    return [p for p in parts if p is not None]


def join(items: list, separator: str = ", ") -> list:
    """Components with a separator between them, like ``str.join``."""
    out: list = []
    for i, item in enumerate(items):
        out += ([separator] if i else []) + [item]
    return out


def _drugs_acting_on(kb: KnowledgeBase, entity: str) -> list[tuple[Drug, list[str]]]:
    lineage = kb.entity_lineage(entity)
    found = []
    for drug in kb.drugs.values():
        words = [action_word(a.action) for a in drug.actions if a.entity in lineage]
        if words:
            found.append((drug, list(dict.fromkeys(words))))
    return found


def _hypotheses_with_node(kb: KnowledgeBase, node: str) -> list[str]:
    return [h.id for h in kb.hypotheses.values() if any(n.id == node for n in h.nodes)]


def _hypotheses_with_edge(kb: KnowledgeBase, source: str, target: str) -> list[str]:
    return [h.id for h in kb.hypotheses.values()
            if any(e.source == source and e.target == target for e in h.edges)]


def _xrefs(xrefs: Mapping[str, str]) -> html.P | None:
    links = []
    for key, value in xrefs.items():
        name, url = XREF_URLS.get(key, (key, ""))
        bare = value.split(":", 1)[1] if ":" in value else value
        text = value if value.casefold().startswith(f"{name.casefold()}:") else f"{name} {value}"
        links.append(_link(text, url.format(bare)) if url else html.Span(text))
    return html.P([html.Strong("External ids: "), *join(links)]) if links else None


def details_panel(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """What the selected node, edge or compartment is, who says so, and what acts on it."""
    graph = graphs[view.hypothesis]
    if view.edge and (ends := _edge_ends(graph, view.edge)):
        return _edge_details(kb, graphs, view, graph, *ends)
    if view.node and view.node in graph:
        return _node_details(kb, graphs, view, graph, view.node)
    if view.node and (compartment := _compartment_of(kb, graph, view.node)):
        c = kb.compartments[compartment]
        parts: list = [html.H2(c.label, id="details-title"), html.P("Compartment", className="kind")]
        if c.entity in kb.entities:
            parts.append(html.P(kb.entities[c.entity].description))
        return parts
    return [html.P("Click a node or an arrow (or pick one below) to read what it is and who says so.",
                   className="hint")]


def _node_details(kb: KnowledgeBase, graphs, view: View, graph: nx.DiGraph, node: str) -> list:
    data = graph.nodes[node]
    entity = kb.entities[data["entity"]]
    kind = KIND_STYLE.get(entity.kind, {}).get("label", entity.kind)
    parts: list = [
        html.H2(data["label"], id="details-title"),
        html.P(f"{kind} · {data['compartment_label']}"
               + (f" · entity: {entity.name}" if entity.name != data["label"] else ""), className="kind"),
    ]
    if entity.description:
        parts.append(html.P(entity.description, className="description"))
    if entity.synonyms:
        parts.append(html.P([html.Strong("Also called: "), ", ".join(entity.synonyms)]))
    if entity.parent in kb.entities:
        parts.append(html.P([html.Strong("A kind of: "), kb.entities[entity.parent].name]))
    parts.append(_xrefs(entity.xrefs))
    parts.append(_citation_line(data["source"], data["refs"], data["note"]))
    drugs = _drugs_acting_on(kb, entity.id)
    if drugs:
        parts.append(html.H3("Drugs acting on it"))
        parts.append(html.Ul([
            html.Li([dcc.Link(drug_label(d), href=format_query(View(view.hypothesis, d.id, node))),
                     f": {', '.join(words)}"]) for d, words in drugs], className="drugs"))
    else:
        parts.append(html.P("No drug in the review acts on it directly.", className="note"))
    hypotheses = _hypotheses_with_node(kb, node)
    if hypotheses:
        parts.append(html.H3("In the hypotheses"))
        parts.append(html.Ul([html.Li(dcc.Link(_hypothesis_title(kb, graphs, h),
                                               href=format_query(View(h, view.drug, node))))
                              for h in hypotheses]))
    parts.append(_references(kb, (*data["refs"], *entity.citation.refs), open_=True))
    return [p for p in parts if p is not None]


def _edge_details(kb: KnowledgeBase, graphs, view: View, graph: nx.DiGraph, source: str, target: str) -> list:
    data = graph.edges[source, target]
    arrow = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}[data["effect"]]
    names = [f"{graph.nodes[n]['label']} ({graph.nodes[n]['compartment_label']})" for n in (source, target)]
    parts: list = [
        html.H2(f"{graph.nodes[source]['label']} {arrow} {graph.nodes[target]['label']}", id="details-title"),
        html.P(f"{names[0]} {data['effect']} {names[1]}, by {data['mechanism']}.", className="description"),
        _citation_line(data["source"], data["refs"], data["note"]),
    ]
    hypotheses = _hypotheses_with_edge(kb, source, target)
    if hypotheses:
        parts.append(html.H3("Drawn in"))
        parts.append(html.Ul([html.Li(dcc.Link(_hypothesis_title(kb, graphs, h),
                                               href=format_query(View(h, view.drug))))
                              for h in hypotheses]))
    parts.append(_references(kb, data["refs"], open_=True))
    return [p for p in parts if p is not None]


# -- Table 1 and the matrix --------------------------------------------------------

def table_columns() -> list[dict]:
    return [
        {"name": "Compound", "id": "name"},
        {"name": "Codes and other names", "id": "aliases"},
        {"name": "Class", "id": "class"},
        {"name": "Acts on", "id": "actions"},
        {"name": "Completed studies", "id": "completed"},
        {"name": "Current studies", "id": "current"},
        {"name": "Designations", "id": "designations"},
        {"name": "Trials (NCT)", "id": "trials", "presentation": "markdown"},
        {"name": "In the review", "id": "source"},
    ]


def table_rows(kb: KnowledgeBase) -> list[dict]:
    """One row per drug, Table 1's order; the row ``id`` is the drug id."""
    rows = []
    for drug in kb.drugs.values():
        rows.append({
            "id": drug.id, "name": drug.name,
            "aliases": ", ".join(dict.fromkeys((*drug.codes, *drug.synonyms))),
            "class": DRUG_CLASSES[drug.drug_class],
            "actions": "; ".join(f"{kb.entities[a.entity].name} {action_word(a.action)}"
                                 for a in drug.actions),
            "completed": drug.status.completed, "current": drug.status.current,
            "designations": "; ".join(f"{d.agency} {d.designation}" + (f" ({d.date})" if d.date else "")
                                      for d in drug.designations),
            "trials": " ".join(f"[{t.nct}]({CLINICAL_TRIALS.format(t.nct)})" for t in drug.trials),
            "source": drug.citation.source,
        })
    return rows


def table_row_style(view: View) -> list[dict]:
    """Marks the selected drug's row."""
    base = [{"if": {"state": "active"}, "backgroundColor": "#FFF3D6", "border": "1px solid #E69F00"}]
    if view.drug:
        base.append({"if": {"filter_query": f'{{id}} = "{view.drug}"'},
                     "backgroundColor": "#FFF3D6", "fontWeight": "bold"})
    return base


_EFFECT_CODE = {"none": 0, "down": 1, "mixed": 2, "up": 3}


def effect_matrix(kb: KnowledgeBase, graphs: Graphs) -> dict[tuple[str, str], dict[str, str]]:
    """``(drug, hypothesis) → {readout name: effect word}`` for every drug and graph."""
    matrix = {}
    for drug in kb.drugs.values():
        for hypothesis, graph in graphs.items():
            explanation = engine.explain_drug(kb, drug, graph)
            matrix[drug.id, hypothesis] = {name: e.effect for name, e in explanation.readouts.items()}
    return matrix


def reached_readouts(matrix: Mapping[tuple[str, str], Mapping[str, str]]) -> dict[str, tuple[str, ...]]:
    """Drug id → the hypotheses under which it reaches at least one readout."""
    reached: dict[str, tuple[str, ...]] = {}
    for (drug, hypothesis), effects in matrix.items():
        if any(effect != "none" for effect in effects.values()):
            reached[drug] = (*reached.get(drug, ()), hypothesis)
    return reached


def _tint(colour: str, amount: float = 0.55) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))


def matrix_figure(kb: KnowledgeBase, graphs: Graphs,
                  matrix: Mapping[tuple[str, str], Mapping[str, str]]) -> go.Figure:
    """Drug × hypothesis heatmaps of the predicted effect on BDNF and on mTORC1.

    Each cell shows the effect's symbol as well as its colour; its ``customdata``
    is ``[drug id, hypothesis id]`` so a click can open that view.
    """
    drugs = list(kb.drugs.values())
    hypotheses = list(graphs)
    ticks = [f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "Integrated"
             for i, h in enumerate(hypotheses, 1)]
    short = [f"{i}" if h in kb.hypotheses else "All" for i, h in enumerate(hypotheses, 1)]
    scale = []
    for word, code in _EFFECT_CODE.items():
        colour = "#F2F2F2" if word == "none" else _tint(EFFECT_WORDS[word]["colour"])
        scale += [[code / 4, colour], [(code + 1) / 4, colour]]
    figure = make_subplots(rows=1, cols=len(MATRIX_READOUTS), shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=[f"Predicted effect on {r}" for r in MATRIX_READOUTS])
    for col, readout in enumerate(MATRIX_READOUTS, 1):
        z, text, hover, custom = [], [], [], []
        for drug in drugs:
            row_z, row_text, row_hover, row_custom = [], [], [], []
            for hypothesis, tick in zip(hypotheses, ticks, strict=True):
                effect = matrix[drug.id, hypothesis].get(readout)
                row_z.append(None if effect is None else _EFFECT_CODE[effect])
                row_text.append("" if effect is None else EFFECT_WORDS[effect]["symbol"])
                row_hover.append(f"{drug.name}<br>{tick}<br>{readout}: "
                                 + ("not a readout here" if effect is None else EFFECT_WORDS[effect]["text"]))
                row_custom.append([drug.id, hypothesis])
            z.append(row_z)
            text.append(row_text)
            hover.append(row_hover)
            custom.append(row_custom)
        figure.add_trace(go.Heatmap(
            z=z, x=short, y=[drug_label(d) for d in drugs], text=text, texttemplate="%{text}",
            textfont={"size": 14, "color": "#222222"}, hovertext=hover, hoverinfo="text",
            customdata=custom, colorscale=scale, zmin=0, zmax=4, showscale=False, xgap=2, ygap=2,
        ), row=1, col=col)
    figure.update_yaxes(autorange="reversed", tickfont={"size": 12}, fixedrange=True)
    figure.update_xaxes(side="top", tickfont={"size": 12}, fixedrange=True)
    figure.update_layout(
        height=26 * len(drugs) + 110, margin={"l": 10, "r": 10, "t": 66, "b": 10},
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", font={"family": "system-ui, sans-serif"},
    )
    figure.update_annotations(yshift=22, font={"size": 14})
    return figure


def matrix_key(kb: KnowledgeBase, graphs: Graphs) -> html.Div:
    """The matrix's key: effect symbols and the hypothesis numbers."""
    effects = [html.Li([html.Span(w["symbol"], style={"color": w["colour"]}), f" {w['text']}"])
               for w in EFFECT_WORDS.values()]
    numbers = [html.Li(f"{i}. {kb.hypotheses[h].title}" if h in kb.hypotheses else "All: integrated view")
               for i, h in enumerate(graphs, 1)]
    return html.Div([html.Ul(effects, className="inline-list"), html.Ul(numbers, className="inline-list")],
                    className="matrix-key")
