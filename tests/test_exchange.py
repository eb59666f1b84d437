"""Exchange formats, each checked by its own schema or reader and compared with the source.

* SBGN-ML: libsbgnpy's XSD check, its reader and the AF schematron rules of libsbgn;
* GraphML: the GraphML 1.0 XSD (vendored in ``tests/schemas/graphml``), networkx and igraph;
* Cytoscape: the ``.cyjs`` read back by networkx, its styles checked against the
  vocabularies Cytoscape desktop and Cytoscape.js accept;
* CSV: the bytes Excel opens.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from libsbgnpy import read_sbgn_from_file, validate, validate_schematron
from lxml import etree

from explorer import build_graphs, explain_drug, load_knowledge_base, resolve_drug
from explorer.exchange import (
    AF_VERSION,
    COMPARTMENT_PREFIX,
    SBGN_NAMESPACE,
    cytoscape_style,
    cytoscape_styles_xml,
    drugs_csv,
    drugs_csv_bytes,
    glyph_class,
    to_cytoscape_json,
    to_graphml,
    to_sbgn,
)
from explorer.figure import citation_line
from explorer.model import HYPOTHESIS_IDS, INTEGRATED
from explorer.style import KIND_STYLE

from .conftest import tiny_files, write_pathways

MARKUP = "<img src=x onerror=alert(1)>"
S = f"{{{SBGN_NAMESPACE}}}"
ARC_CLASS = {"activates": "positive influence", "inhibits": "negative influence",
             "requires": "necessary stimulation"}
GRAPHML_XSD = Path(__file__).parent / "schemas" / "graphml" / "graphml.xsd"
ALL_VIEWS = [*HYPOTHESIS_IDS, INTEGRATED]


@pytest.fixture
def tiny(tmp_path):
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways"))
    return kb, build_graphs(kb)


@pytest.fixture(scope="module")
def graphml_schema():
    return etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))


def every_view(kb, graph):
    """The graph without a drug, then with each drug."""
    yield None, None
    for drug in kb.drugs.values():
        yield drug.id, explain_drug(kb, drug, graph)


def same_signed_graph(a: nx.DiGraph, b: nx.DiGraph) -> bool:
    return (set(a.nodes) == set(b.nodes) and set(a.edges) == set(b.edges)
            and all(int(b.edges[e]["sign"]) == a.edges[e]["sign"] for e in a.edges))


def with_a_requires_edge(graph: nx.DiGraph) -> nx.DiGraph:
    """The tiny panel with ``b → m`` turned into ``b requires m`` (sign 0), as issue 8 adds."""
    changed = graph.copy()
    changed.edges["b", "m"].update(effect="requires", sign=0)
    return changed


# -- GraphML ----------------------------------------------------------------------

@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_graphml_round_trip(tiny, hypothesis):
    _, graphs = tiny
    graph = graphs[hypothesis]
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert isinstance(back, nx.DiGraph)
    assert same_signed_graph(graph, back)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["name"] == node                       # unique, unlike entity names
        assert back.nodes[node]["entity_name"] == data["name"]
        assert (back.nodes[node]["x"], back.nodes[node]["y"]) == (data["x"], data["y"])
        assert back.nodes[node]["review_section"] == data["source"]
    for u, v, data in graph.edges(data=True):
        assert back.edges[u, v]["effect"] == data["effect"]
        assert type(back.edges[u, v]["sign"]) is int
        assert back.edges[u, v]["refs"] == ";".join(map(str, data["refs"]))
        assert back.edges[u, v]["hypotheses"] == ";".join(data["hypotheses"])
    assert back.graph["citation"] == citation_line()
    assert graph.graph["id"] == hypothesis          # the source graph is left as it was
    assert "name" in graph.nodes["r"] and "entity_name" not in graph.nodes["r"]


def test_graphml_carries_a_drugs_overlay(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    back = nx.parse_graphml(to_graphml(graph, explanation))
    assert back.graph["drug"] == "blocker" and back.graph["effect_on_BDNF"] == "up"
    assert back.nodes["r"]["drug_action"] == "antagonist" and back.nodes["k"]["drug_action"] == ""
    assert back.nodes["r"]["is_target"] is True and back.nodes["k"]["is_target"] is False
    assert {n for n, lit in back.nodes(data="on_drug_path") if lit} == set(explanation.highlight.nodes)
    assert {e for e, lit in nx.get_edge_attributes(back, "on_drug_path").items() if lit} \
        == set(explanation.highlight.edges)


def test_graphml_schema_catches_what_the_issue_found(graphml_schema):
    """The vendored schema is live: a space in an attribute name fails, as it did before."""
    broken = nx.DiGraph()
    broken.graph["effect_on_Protein synthesis"] = "up"
    broken.add_edge("a", "b")
    assert not graphml_schema.validate(etree.fromstring("\n".join(nx.generate_graphml(broken)).encode()))


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_every_bundled_graphml_export_is_valid_graphml_1_0(kb, graphs, graphml_schema, hypothesis):
    graph = graphs[hypothesis]
    for drug, explanation in every_view(kb, graph):
        document = etree.fromstring(to_graphml(graph, explanation).encode("utf-8"))
        assert graphml_schema.validate(document), (drug, str(graphml_schema.error_log))
        names = [key.get("attr.name") for key in document.iter("{http://graphml.graphdrawing.org/xmlns}key")]
        assert all(" " not in name for name in names)
        if explanation is not None:     # every prediction says whose claim it is
            back = nx.parse_graphml(etree.tostring(document))
            for name, effect in explanation.readouts.items():
                key = "basis_on_" + name.replace(" ", "_")
                assert back.graph.get(key, "") == effect.basis, (drug, name)
            extrapolated = any(e.basis == "extrapolated" for e in explanation.readouts.values())
            assert ("caveat" in back.graph) == extrapolated
            assert back.graph["drug_in_scope"] is explanation.in_scope


def test_igraph_reads_graphml_with_unique_names_and_typed_values(kb, graphs, tmp_path):
    graph = graphs[INTEGRATED]
    explanation = explain_drug(kb, resolve_drug(kb, "ketamine"), graph)
    path = tmp_path / "integrated.graphml"
    path.write_text(to_graphml(graph, explanation), encoding="utf-8")
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.is_directed()
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(read.vs["name"]) == sorted(graph.nodes)          # unique: igraph looks nodes up by it
    assert len(set(read.vs["entity_name"])) < read.vcount()       # two NMDAR nodes, one entity name
    assert all(isinstance(v, bool) for v in read.vs["on_drug_path"])
    # igraph keeps every number as a double; the file declares sign an integer type.
    assert {float(s) for s in read.es["sign"]} <= {1.0, -1.0, 0.0}
    assert all(float(s).is_integer() for s in read.es["sign"])
    assert 'attr.name="sign" attr.type="long"' in path.read_text("utf-8")
    edges = {(read.vs[e.source]["name"], read.vs[e.target]["name"]): e["sign"] for e in read.es}
    assert edges == {e: float(s) for e, s in nx.get_edge_attributes(graph, "sign").items()}


# -- Cytoscape.js JSON -----------------------------------------------------------------

@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_cytoscape_json_round_trip_keeps_layout_and_compartments(tiny, hypothesis):
    kb, graphs = tiny
    graph = graphs[hypothesis]
    data = json.loads(json.dumps(to_cytoscape_json(graph, kb)))   # through real JSON
    back = nx.cytoscape_graph(data)
    compartments = [n for n, kind in back.nodes(data="kind") if kind == "compartment"]
    assert sorted(compartments) == [COMPARTMENT_PREFIX + "cell", COMPARTMENT_PREFIX + "membrane"]
    back.remove_nodes_from(compartments)
    assert nx.is_isomorphic(graph, back, node_match=lambda a, b: a["label"] == b["label"],
                            edge_match=lambda a, b: a["sign"] == b["sign"])
    assert same_signed_graph(graph, back)
    elements = {e["data"]["id"]: e for e in data["elements"]["nodes"]}
    for node, attributes in graph.nodes(data=True):
        assert elements[node]["position"] == {"x": attributes["x"], "y": attributes["y"]}
        assert elements[node]["data"]["parent"] == COMPARTMENT_PREFIX + attributes["compartment"]
        assert elements[node]["data"]["name"] == node
    assert elements[COMPARTMENT_PREFIX + "membrane"]["data"]["parent"] == COMPARTMENT_PREFIX + "cell"
    for edge in data["elements"]["edges"]:
        assert edge["data"]["source"] in graph and edge["data"]["target"] in graph
        assert edge["data"]["interaction"] == edge["data"]["effect"]
    assert data["data"]["citation"] == citation_line()


def test_cytoscape_json_without_kb_is_isomorphic_as_is(tiny):
    _, graphs = tiny
    graph = graphs["disinhibition"]
    back = nx.cytoscape_graph(to_cytoscape_json(graph))
    assert nx.is_isomorphic(graph, back, edge_match=lambda a, b: a["sign"] == b["sign"])


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_compartments_survive_an_import_that_ignores_parent(kb, graphs, hypothesis):
    """Cytoscape desktop drops ``parent``: what is left must still show every compartment.

    Each member names its compartments, and each compartment node is a box, drawn
    beneath (lower ``z``), whose bounds hold its members' centres and its inner boxes.
    """
    data = to_cytoscape_json(graphs[hypothesis], kb)
    nodes = {e["data"]["id"]: e for e in data["elements"]["nodes"]}
    boxes = {}
    for element in nodes.values():
        d = element["data"]
        if d.get("kind") == "compartment":
            x, y = element["position"]["x"], element["position"]["y"]
            boxes[d["id"]] = (x - d["width"] / 2, y - d["height"] / 2, x + d["width"] / 2, y + d["height"] / 2, d)
    assert boxes
    for node_id, element in nodes.items():
        d = element["data"]
        if d.get("kind") == "compartment":
            continue
        compartment = COMPARTMENT_PREFIX + d["compartment"]
        x0, y0, x1, y1, box = boxes[compartment]
        assert x0 < element["position"]["x"] < x1 and y0 < element["position"]["y"] < y1, node_id
        assert box["z"] < d["z"]
        assert d["compartment_path"].endswith(d["compartment_label"])
        parent = box.get("parent")
        while parent:                                        # and every outer box holds the inner one
            px0, py0, px1, py1, outer = boxes[parent]
            assert px0 <= x0 and py0 <= y0 and x1 <= px1 and y1 <= py1
            assert outer["z"] < box["z"] and outer["label"] in d["compartment_path"]
            x0, y0, x1, y1, box = px0, py0, px1, py1, outer
            parent = outer.get("parent")


# What Cytoscape desktop's vizmap reader accepts (its visual lexicon and value parsers).
DESKTOP_PROPERTIES = {
    "network": {"NETWORK_BACKGROUND_PAINT"},
    "node": {"NODE_LABEL", "NODE_LABEL_FONT_SIZE", "NODE_LABEL_WIDTH", "NODE_WIDTH", "NODE_HEIGHT",
             "NODE_Z_LOCATION", "NODE_SHAPE", "NODE_FILL_COLOR", "NODE_BORDER_STROKE", "NODE_LABEL_POSITION",
             "NODE_BORDER_PAINT", "NODE_BORDER_WIDTH", "NODE_TRANSPARENCY", "NODE_LABEL_TRANSPARENCY"},
    "edge": {"EDGE_WIDTH", "EDGE_STROKE_UNSELECTED_PAINT", "EDGE_TARGET_ARROW_UNSELECTED_PAINT",
             "EDGE_TARGET_ARROW_SHAPE", "EDGE_LINE_TYPE", "EDGE_TRANSPARENCY"},
}
NODE_SHAPES = {"RECTANGLE", "ROUND_RECTANGLE", "TRIANGLE", "PARALLELOGRAM", "DIAMOND", "ELLIPSE", "HEXAGON",
               "OCTAGON", "VEE"}
ARROW_SHAPES = {"NONE", "DIAMOND", "OPEN_DIAMOND", "DELTA", "OPEN_DELTA", "CROSS_DELTA", "CROSS_OPEN_DELTA",
                "ARROW", "T", "CIRCLE", "OPEN_CIRCLE", "HALF_CIRCLE", "OPEN_HALF_CIRCLE", "SQUARE", "OPEN_SQUARE"}
LINE_TYPES = {"SOLID", "LONG_DASH", "EQUAL_DASH", "DASH_DOT", "DOT"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
POSITION = re.compile(r"^(N|NE|E|SE|S|SW|W|NW|C),(N|NE|E|SE|S|SW|W|NW|C),[lcr],-?\d+\.\d\d,-?\d+\.\d\d$")


def desktop_value_ok(name: str, value: str) -> bool:
    if name.endswith(("PAINT", "COLOR")):
        return bool(COLOUR.match(value))
    if name == "NODE_SHAPE":
        return value in NODE_SHAPES
    if name.endswith("ARROW_SHAPE"):
        return value in ARROW_SHAPES
    if name in ("EDGE_LINE_TYPE", "NODE_BORDER_STROKE"):
        return value in LINE_TYPES
    if name.endswith("POSITION"):
        return bool(POSITION.match(value))
    if name.endswith("TRANSPARENCY"):
        return 0 <= int(value) <= 255
    if name == "NODE_LABEL":
        return True
    return float(value) > 0 or name == "NODE_Z_LOCATION"


def column_type(values: list) -> str:
    """The Cytoscape column type a ``.cyjs`` import gives these values."""
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int, float} and bool not in kinds:
        return "float"
    return "string"


def test_desktop_style_uses_cytoscapes_vocabulary_and_the_cyjs_columns(kb, graphs):
    root = ET.fromstring(cytoscape_styles_xml())
    assert root.tag == "vizmap" and root.get("documentVersion") == "3.1"
    [style] = root.findall("visualStyle")
    graph = graphs[INTEGRATED]
    with_drug = to_cytoscape_json(graph, kb, explain_drug(kb, resolve_drug(kb, "ketamine"), graph))
    columns: dict[str, dict[str, list]] = {"node": {}, "edge": {}}
    for group, key in (("node", "nodes"), ("edge", "edges")):
        for element in with_drug["elements"][key]:
            for column, value in element["data"].items():
                columns[group].setdefault(column, []).append(value)
    mapped = set()
    for group in ("network", "node", "edge"):
        [section] = style.findall(group)
        for prop in section.findall("visualProperty"):
            name = prop.get("name")
            assert name in DESKTOP_PROPERTIES[group], name
            assert desktop_value_ok(name, prop.get("default")), (name, prop.get("default"))
            for mapping in prop:
                column = mapping.get("attributeName")
                assert column in columns[group], (name, column)
                assert mapping.get("attributeType") == column_type(columns[group][column]), (name, column)
                mapped.add(column)
                for entry in mapping.findall("discreteMappingEntry"):
                    assert desktop_value_ok(name, entry.get("value")), (name, entry.get("value"))
                    known = VOCABULARY.get(column, {"true", "false"})
                    assert entry.get("attributeValue") in known, (name, entry.attrib)
    assert {"label", "kind", "effect", "width", "height", "z", "is_target", "dimmed"} <= mapped
    arrows = {e.get("attributeValue"): e.get("value")
              for p in style.iter("visualProperty") if p.get("name") == "EDGE_TARGET_ARROW_SHAPE"
              for e in p.iter("discreteMappingEntry")}
    assert arrows == {"activates": "DELTA", "inhibits": "T", "requires": "CROSS_OPEN_DELTA"}


# Cytoscape.js style properties and values this stylesheet may use (from its documentation).
CYJS_PROPERTIES = {
    "label", "text-wrap", "text-max-width", "text-valign", "text-halign", "font-size", "font-weight", "color",
    "border-width", "border-color", "border-style", "background-color", "width", "height", "shape", "padding",
    "curve-style", "arrow-scale", "line-color", "line-style", "target-arrow-color", "target-arrow-shape",
    "opacity",
}
CYJS_NODE_SHAPES = {"ellipse", "triangle", "round-triangle", "rectangle", "round-rectangle", "bottom-round-rectangle",
                    "cut-rectangle", "barrel", "rhomboid", "diamond", "round-diamond", "pentagon", "round-pentagon",
                    "hexagon", "round-hexagon", "concave-hexagon", "heptagon", "round-heptagon", "octagon",
                    "round-octagon", "star", "tag", "round-tag", "vee"}
CYJS_ARROWS = {"triangle", "triangle-tee", "circle-triangle", "triangle-cross", "triangle-backcurve", "vee", "tee",
               "square", "circle", "diamond", "chevron", "none"}
VOCABULARY = {"kind": {*KIND_STYLE, "compartment"}, "effect": {"activates", "inhibits", "requires"}}
SELECTOR = re.compile(r'^(node|edge)(\[(\?|!)?([a-z_]+)( = "([a-z-]+)")?\])?$')


def test_cytoscape_js_style_selects_the_cyjs_data(kb, graphs):
    sheet = json.loads(json.dumps(cytoscape_style()))
    graph = graphs[INTEGRATED]
    data = to_cytoscape_json(graph, kb, explain_drug(kb, resolve_drug(kb, "ketamine"), graph))
    values: dict[str, set] = {}
    for group in ("nodes", "edges"):
        for element in data["elements"][group]:
            for key, value in element["data"].items():
                values.setdefault(key, set()).add(value if isinstance(value, (str, bool, int, float)) else None)
    for rule in sheet:
        assert set(rule) == {"selector", "style"}
        for selector in rule["selector"].split(", "):
            match = SELECTOR.match(selector)
            assert match, selector
            field, wanted = match.group(4), match.group(6)
            if field:
                assert field in values, selector
            if wanted:
                assert wanted in VOCABULARY[field], selector
        for prop, value in rule["style"].items():
            assert prop in CYJS_PROPERTIES, prop
            if isinstance(value, str) and value.startswith("data("):
                assert value[5:-1] in values, value
            if prop == "shape":
                assert value in CYJS_NODE_SHAPES
            if prop == "target-arrow-shape":
                assert value in CYJS_ARROWS
    arrows = {r["selector"]: r["style"]["target-arrow-shape"] for r in sheet if "target-arrow-shape" in r["style"]}
    assert arrows == {'edge[effect = "activates"]': "triangle", 'edge[effect = "inhibits"]': "tee",
                      'edge[effect = "requires"]': "triangle-tee"}


# -- SBGN-ML ----------------------------------------------------------------------

def sbgn_map(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{S}sbgn"
    [sbgn_map] = root.findall(f"{S}map")
    assert sbgn_map.get("language") == "activity flow" and sbgn_map.get("version") == AF_VERSION
    assert sbgn_map.get("id")
    return sbgn_map


def sbgn_problems(text: str, tmp_path: Path) -> list[str]:
    """What libsbgnpy finds wrong: its XSD and specification checks, then the AF rules."""
    path = tmp_path / "map.sbgn"
    path.write_text(text, encoding="utf-8")
    problems = validate(path)
    problems += [f"{i.rule_id} {i.element_id}: {i.message}" for i in validate_schematron(path)]
    return problems


@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_sbgn_activity_flow_has_a_glyph_per_node_and_an_arc_per_edge(tiny, hypothesis):
    kb, graphs = tiny
    graph = graphs[hypothesis]
    root = sbgn_map(to_sbgn(graph, kb))
    glyphs = root.findall(f"{S}glyph")
    activities = [g for g in glyphs if g.get("class") in ("biological activity", "phenotype")]
    compartments = {g.get("id") for g in glyphs if g.get("class") == "compartment"}
    assert len(activities) == graph.number_of_nodes()
    assert compartments == {"compartment-cell", "compartment-membrane"}
    by_glyph = {}
    for glyph in activities:
        node = glyph.get("id").removeprefix("glyph-")
        by_glyph[glyph.get("id")] = node
        assert glyph.find(f"{S}label").get("text") == graph.nodes[node]["label"]
        assert glyph.get("compartmentRef") in compartments
        bbox = glyph.find(f"{S}bbox")
        assert float(bbox.get("w")) > 0 and float(bbox.get("h")) > 0 and float(bbox.get("x")) >= 0
    assert all(g.get("compartmentRef") is None for g in glyphs if g.get("class") == "compartment")
    assert all(element.get("id")[0].isalpha() for element in root.iter() if element.get("id"))
    # The schema wants XHTML inside notes, not bare text.
    [body] = root.find(f"{S}notes")
    assert body.tag == "{http://www.w3.org/1999/xhtml}body" and citation_line() in body.text
    arcs = root.findall(f"{S}arc")
    assert len(arcs) == graph.number_of_edges()
    for arc in arcs:
        u, v = by_glyph[arc.get("source")], by_glyph[arc.get("target")]
        assert arc.get("class") == ARC_CLASS[graph.edges[u, v]["effect"]]
        assert arc.find(f"{S}start") is not None and arc.find(f"{S}end") is not None


def test_sbgn_draws_the_drug_as_a_perturbation(tiny, tmp_path):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    text = to_sbgn(graph, kb, explanation)
    root = sbgn_map(text)
    [drug] = [g for g in root.findall(f"{S}glyph") if g.get("class") == "perturbation"]
    assert drug.find(f"{S}label").get("text") == "Blocker"
    from_drug = [a for a in root.findall(f"{S}arc") if a.get("source") == drug.get("id")]
    assert {a.get("target") for a in from_drug} == {"glyph-r", "glyph-s"}
    assert {a.get("class") for a in from_drug} == {"negative influence"}   # an antagonist
    assert sbgn_problems(text, tmp_path) == []


def test_requires_is_a_necessary_stimulation(tiny, tmp_path):
    kb, graphs = tiny
    graph = with_a_requires_edge(graphs["disinhibition"])
    text = to_sbgn(graph, kb)
    arcs = {(a.get("source"), a.get("target")): a.get("class") for a in sbgn_map(text).findall(f"{S}arc")}
    assert arcs[("glyph-b", "glyph-m")] == "necessary stimulation"
    assert arcs[("glyph-k", "glyph-b")] == "negative influence"
    assert sbgn_problems(text, tmp_path) == []
    [sbgn] = read_sbgn_from_file(tmp_path / "map.sbgn").map
    assert "necessary stimulation" in {arc.class_value.value for arc in sbgn.arc}


def test_processes_that_drive_other_nodes_are_activities(kb, graphs):
    graph = graphs["disinhibition"]
    assert glyph_class(graph, "interneuron-activity") == "biological activity"   # af10101: an arc source
    assert glyph_class(graph, "protein-synthesis") == "phenotype"                # an outcome
    assert glyph_class(graph, "bdnf") == "biological activity"


def test_the_af_rules_are_live(kb, graphs, tmp_path):
    """The schematron catches the issue's fault: an influence arc leaving a phenotype."""
    text = to_sbgn(graphs["disinhibition"], kb)
    broken = text.replace('class="biological activity" id="glyph-interneuron-activity"',
                          'class="phenotype" id="glyph-interneuron-activity"')
    assert broken != text
    assert any(p.startswith("af10101") for p in sbgn_problems(broken, tmp_path))
    no_map_id = re.sub(r'<map id="[^"]+"', "<map", text)
    assert any("id" in p for p in sbgn_problems(no_map_id, tmp_path))


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_every_bundled_sbgn_export_passes_libsbgnpy_and_the_af_rules(kb, graphs, hypothesis, tmp_path):
    graph = graphs[hypothesis]
    for drug, explanation in every_view(kb, graph):
        text = to_sbgn(graph, kb, explanation)
        assert sbgn_problems(text, tmp_path) == [], drug
    [read] = read_sbgn_from_file(tmp_path / "map.sbgn").map      # the last one, read into objects
    assert read.id == f"map-{hypothesis}"
    assert len(read.arc) == graph.number_of_edges() + (1 if explanation.targets else 0) * len(explanation.targets)


# -- escaping ------------------------------------------------------------------------

def test_markup_in_a_label_stays_text_in_every_format(tmp_path):
    files = tiny_files()
    files["hypotheses/disinhibition.toml"]["node"][0]["label"] = MARKUP
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]
    graphml = to_graphml(graph)
    assert "<img" not in graphml
    assert nx.parse_graphml(graphml).nodes["r"]["label"] == MARKUP
    sbgn = to_sbgn(graph, kb)
    assert "<img" not in sbgn
    labels = [g.find(f"{S}label").get("text") for g in sbgn_map(sbgn).findall(f"{S}glyph")]
    assert MARKUP in labels
    assert nx.cytoscape_graph(json.loads(json.dumps(to_cytoscape_json(graph, kb)))).nodes["r"]["label"] \
        == MARKUP


# -- the drug table ------------------------------------------------------------------

def test_drugs_csv_has_a_row_per_drug(tiny):
    kb, _ = tiny
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert [r["id"] for r in rows] == list(kb.drugs)
    blocker = rows[0]
    assert blocker["name"] == "Blocker" and blocker["synonyms"] == "BLK-1"
    assert blocker["actions"] == "Receptor: antagonist"
    assert blocker["class_label"] == "Broad NMDA receptor modulators"


def test_drugs_csv_never_starts_a_cell_like_a_formula(tmp_path):
    files = tiny_files()
    files["drugs.toml"]["drug"][0]["name"] = '=HYPERLINK("http://example.org","x")'
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert rows[0]["name"] == "'" + files["drugs.toml"]["drug"][0]["name"]


def test_csv_bytes_carry_a_bom_so_excel_reads_utf_8(kb):
    data = drugs_csv_bytes(kb)
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert "§".encode() in data and "–".encode() in data     # what Excel showed as "Â§" without the BOM
    assert data[3:].decode("utf-8") == drugs_csv(kb)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["id"] == next(iter(kb.drugs))           # the BOM is not glued to the first header


def test_bundled_drug_table(kb):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(drugs_csv(kb)))}
    assert len(rows) == len(kb.drugs) == 29
    for drug in kb.drugs.values():
        row = rows[drug.id]
        assert row["name"] == drug.name
        assert row["nct_ids"] == "; ".join(t.nct for t in drug.trials)


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_bundled_graphs_round_trip(kb, graphs, hypothesis):
    graph = graphs[hypothesis]
    assert same_signed_graph(graph, nx.parse_graphml(to_graphml(graph)))
    back = nx.cytoscape_graph(json.loads(json.dumps(to_cytoscape_json(graph, kb))))
    back.remove_nodes_from([n for n, kind in back.nodes(data="kind") if kind == "compartment"])
    assert nx.is_isomorphic(graph, back, edge_match=lambda a, b: a["sign"] == b["sign"])
    root = sbgn_map(to_sbgn(graph, kb))
    assert len(root.findall(f"{S}arc")) == graph.number_of_edges()
    assert len([g for g in root.findall(f"{S}glyph") if g.get("class") != "compartment"]) \
        == graph.number_of_nodes()
