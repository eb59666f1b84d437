"""The side panels (``explorer.views.panels``): drug panel, details, caption."""

from __future__ import annotations

import dataclasses

import pytest

from explorer import engine, views
from explorer.style import EFFECT_WORDS
from explorer.views import View

from .viewkit import links, overlay, text

# -- panels -------------------------------------------------------------------------

def test_drug_panel_gives_effect_chain_and_status(tiny):
    panel = text(views.drug_panel(*tiny, View("disinhibition", "blocker")))
    assert f"BDNF: {EFFECT_WORDS['up']['text']}" in panel
    assert "Blocker (antagonist) ⊣ Receptor (Membrane) ▼ → Kinase (Cell) ▼ ⊣ BDNF ▲" in panel
    assert "Broad NMDA receptor modulators" in panel
    assert "as reported in the review (2021)" in panel


def test_drug_panel_says_plainly_when_nothing_is_reached(tiny):
    panel = text(views.drug_panel(*tiny, View("disinhibition", "elsewhere")))
    assert "acts on nothing drawn" in panel and "no modelled path reaches BDNF or mTORC1" in panel


def test_drug_panel_without_a_drug_invites_a_choice(tiny):
    assert "Pick a drug" in text(views.drug_panel(*tiny, View("disinhibition")))


def test_drug_panel_links_trials_and_pubmed(tiny):
    kb, graphs = tiny
    hrefs = links(views.drug_panel(kb, graphs, View("disinhibition", "blocker")))
    assert "https://pubmed.ncbi.nlm.nih.gov/111/" in hrefs


def test_node_details_list_drugs_through_the_entity_lineage(tiny):
    panel = views.details_panel(*tiny, View("disinhibition", node="s"))
    shown = text(panel)
    assert "Receptor subtype" in shown
    assert "Blocker" in shown and "Subtype blocker" in shown  # Blocker acts on the parent entity
    assert "?hypothesis=disinhibition&drug=blocker&node=s" in links(panel)
    assert "https://pubmed.ncbi.nlm.nih.gov/111/" in links(panel)


def test_edge_details_give_mechanism_and_hypotheses(tiny):
    panel = views.details_panel(*tiny, View("glyx-13", edge="k->b"))
    assert "Kinase (Cell) inhibits BDNF (Cell), by phosphorylation" in text(panel)
    assert "?hypothesis=hnk-ampa" in links(panel)


def test_compartment_details(tiny):
    assert "Membrane" in text(views.details_panel(*tiny, View("disinhibition", node="compartment:membrane")))


def test_details_without_selection_explain_what_to_do(tiny):
    assert "Click a node" in text(views.details_panel(*tiny, View("disinhibition")))


@pytest.mark.parametrize("key, prefix", [
    ("hgnc", "https://www.genenames.org/"), ("uniprot", "https://www.uniprot.org/uniprotkb/Q13224"),
    ("chebi", "https://www.ebi.ac.uk/chebi/"), ("pubchem", "https://pubchem.ncbi.nlm.nih.gov/compound/"),
    ("go", "https://amigo.geneontology.org/"),
])
def test_external_ids_are_links(key, prefix):
    value = {"hgnc": "HGNC:4586", "uniprot": "Q13224", "chebi": "CHEBI:6121", "pubchem": "3821",
             "go": "GO:0006412"}[key]
    [href] = links(views.panels._xrefs({key: value}))
    assert href.startswith(prefix) and href.endswith(value.split(":")[-1] + ("/entry" if key == "uniprot" else ""))


# -- the curated knowledge base --------------------------------------------------------

def test_ketamine_under_disinhibition_outlines_the_interneuron_nmdar_and_lights_bdnf(kb, graphs):
    view = View("disinhibition", "ketamine")
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"])
    assert any(graphs["disinhibition"].nodes[n]["entity"] == "nmdar" for n in explanation.targets)
    panel = text(views.drug_panel(kb, graphs, view, explanation))
    assert f"BDNF: {EFFECT_WORDS['up']['text']}" in panel


def test_every_drug_and_hypothesis_renders(kb, graphs):
    for hypothesis in graphs:
        views.graph_elements(kb, graphs[hypothesis])
        for drug in kb.drugs:
            view = View(hypothesis, drug)
            views.drug_panel(kb, graphs, view)
            overlay((kb, graphs), view)


@pytest.mark.parametrize("raw", ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
                                 "**bold** _it_ `code` # heading", r"back\slash 1. list",
                                 "a &lt; b & c"])
def test_a_citation_is_shown_as_written(kb, raw):
    """Reference lists are plain components: a citation's markup stays text, never a
    tag or a link (the only link is PubMed's)."""
    number = next(n for n, r in kb.references.items() if r.pmid)
    kb = dataclasses.replace(kb, references={number: dataclasses.replace(kb.references[number], citation=raw)})
    listed = views.panels.references(kb, [number])
    assert raw in text(listed)
    assert links(listed) == [f"https://pubmed.ncbi.nlm.nih.gov/{kb.references[number].pmid}/"]


@pytest.mark.parametrize("drug", ["dextromethorphan", "rapastinel"])
def test_an_extrapolation_is_said_once_with_its_reason(kb, graphs, drug):
    """The side panel, the text and the graph's description say "not a claim of the review"
    once for a view whose every prediction is extrapolated, and give the reason beside it."""
    from explorer import account
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs[drug], graph, panels=graphs)
    told = account.account_of(kb, graph, explanation)
    panel = text(views.drug_panel(kb, graphs, View("disinhibition", drug), explanation))
    for words in (panel, account.view_text(told), " ".join(account.description_lines(told))):
        assert words.count("not a claim of the review") == 1, words
    reason = told.readouts[0].basis_note
    assert reason.startswith(kb.drugs[drug].name) and reason in panel and reason in account.view_text(told)
