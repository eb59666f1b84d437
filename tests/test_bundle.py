"""The one-file explorer as a pure function: every view and drug embedded, data kept as text, small."""

from __future__ import annotations

import json
import re
from html import escape

import lxml.html
import pytest

from explorer import build_graphs, engine, load_knowledge_base
from explorer.bundle import bundle_data, bundle_html, embed_json, signed_marks
from explorer.cli import main
from explorer.figure import citation_line
from explorer.figure.svg import EDGE_KEY_JOIN
from explorer.model import BASIS_WORDS, INTEGRATED

from .conftest import tiny_files, write_pathways

MAX_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def page(kb, graphs) -> str:
    return bundle_html(kb, graphs)


def embedded(document: str) -> dict:
    """The page's data, read as a browser would: the JSON script element's text."""
    [script] = lxml.html.fromstring(document).xpath('//script[@id="moa-data"]')
    assert script.get("type") == "application/json"
    return json.loads(script.text)


def test_every_view_and_every_drug_is_embedded(kb, graphs, page):
    data = embedded(page)
    assert [v["id"] for v in data["views"]] == list(graphs)
    for view in data["views"]:
        graph = graphs[view["id"]]
        svg = lxml.html.fromstring(view["svg"])
        assert {g.get("data-node") for g in svg.xpath("//g[@data-node]")} == set(graph)
        assert {g.get("data-edge") for g in svg.xpath("//g[@data-edge]")} == {
            f"{u}{EDGE_KEY_JOIN}{v}" for u, v in graph.edges}
        assert set(view["nodes"]) == set(graph) and len(view["edges"]) == graph.number_of_edges()
        assert set(data["overlays"][view["id"]]) == set(kb.drugs)
    assert set(data["drugs"]) == set(kb.drugs)
    assert data["citation"] == citation_line()
    assert data == json.loads(embed_json(bundle_data(kb, graphs)))


def test_the_page_holds_the_selectors_and_the_citation(kb, graphs, page):
    tree = lxml.html.fromstring(page)
    views = tree.xpath('//select[@id="moa-hypothesis"]/option/@value')
    assert views == list(graphs)
    drug_select = tree.xpath('//select[@id="moa-drug"]')[0]
    first = drug_select.xpath("./option")[0]
    assert (first.get("value"), first.text) == ("", "(none)")
    grouped = drug_select.xpath("./optgroup/option/@value")
    assert sorted(grouped) == sorted(kb.drugs)
    assert drug_select.xpath("./optgroup/@label")[0] == "Broad NMDA receptor modulators"
    assert tree.xpath('//footer[@id="moa-citation"]')[0].text_content() == citation_line()


def test_nothing_is_fetched_from_anywhere(page):
    """No external script, stylesheet, font or image: links are plain <a> and nothing else names a URL."""
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//*[@src] | //link | //img | //iframe | //object | //embed")
    assert all(s.get("type") == "application/json" or s.text for s in tree.xpath("//script"))
    for pattern in (r"\bsrc\s*=", r"url\(", r"@import", r"<link\b", r"\bfetch\(", r"XMLHttpRequest", r"@font-face"):
        assert not re.search(pattern, page), pattern
    # Links are plain <a> a reader follows by choice; the embedded figures and fragments fetch nothing either.
    data = embedded(page)
    for markup in (*(v["svg"] for v in data["views"]), *(d["panel"] for d in data["drugs"].values()),
                   *(o["panel"] for view in data["overlays"].values() for o in view.values())):
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
        assert not fragment.xpath(".//*[@src] | .//link | .//img | .//image | .//use | .//iframe")


def test_the_quiz_is_embedded_from_the_quiz_records(kb, graphs, page):
    from explorer import quiz

    embedded_quiz = embedded(page)["quiz"]
    lines = embedded_quiz["lines"]
    for view in graphs:
        for drug in kb.drugs.values():
            asked = quiz.quiz_of(kb, graphs[view], engine.explain_drug(kb, drug, graphs[view], panels=graphs))
            stored = embedded_quiz["quizzes"].get(view, {}).get(drug.id)
            assert (stored is None) == (not asked.questions)
            if stored is None:
                continue
            assert [q["node"] for q in stored["questions"]] == [q.node for q in asked.questions]
            for q, record in zip(stored["questions"], asked.questions, strict=True):
                assert (q["correct"], q["graded"]) == (record.correct, record.graded)
                shown = lxml.html.fragment_fromstring("".join(lines[i] for i in q["head"]), create_parent="div")
                assert quiz.route_text(record) in shown.text_content()
                reveal = "".join(lines[i] for i in q["reveal"])
                assert all(escape(words, quote=True) in reveal for _, words in quiz.feedback(record)[1:])
                assert lines[q["verdicts"][record.correct]] == f'<strong class="quiz-said-right">' \
                                                              f'{escape(quiz.verdict(record, record.correct))}</strong>'
    assert "Quiz: predict, then see" in page and 'id="moa-quiz-toggle"' in page


def test_the_whole_explorer_stays_under_2_mb(page):
    assert len(page.encode("utf-8")) < MAX_BYTES


def test_ketamine_under_disinhibition_marks_signs_and_states_its_basis(kb, graphs, page):
    overlay = embedded(page)["overlays"]["disinhibition"]["ketamine"]
    marks = overlay["marks"]
    assert marks["gaba"] == "down" and marks["interneuron-activity"] == "down"
    assert marks["pyramidal-firing"] == "up" and marks["bdnf"] == "up" and marks["mtorc1"] == "up"
    assert overlay["targets"] == {"nmdar-interneuron": "antagonist"}
    assert "nmdar-interneuron" in overlay["lit"] and "bdnf" in overlay["lit"]
    assert not overlay["extrapolated"] and overlay["caveat"] == ""
    assert escape(BASIS_WORDS["stated"]) in overlay["panel"]
    assert 'data-readout="BDNF" data-effect="up" data-basis="stated"' in overlay["panel"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"])
    chain = engine.format_chain(graphs["disinhibition"], explanation.readouts["BDNF"].chain, kb.drugs["ketamine"],
                                explanation.targets["nmdar-interneuron"])
    assert chain.replace("(", "").split()[0] in overlay["panel"]
    # Signed, as in the app:
    assert "GABA-A receptor (Pyramidal neuron (soma)) ▼ ⊣ Glutamatergic firing ▲" in overlay["panel"]


def test_an_extrapolation_says_so_with_the_caveat(page):
    overlay = embedded(page)["overlays"]["disinhibition"]["agn-241751"]
    assert overlay["extrapolated"]
    assert overlay["caveat"] == ("Extrapolated: the logic of this panel applied to AGN-241751, "
                                 "not a claim of the review.")
    assert escape(overlay["caveat"]) in overlay["panel"]
    assert overlay["panel"].count("not a claim of the review") == 1    # the caveat says it; the rows, their tag
    assert 'data-basis="extrapolated"' in overlay["panel"] and 'data-basis="stated"' not in overlay["panel"]
    # A PAM pushes the same route the other way round.
    assert overlay["marks"]["gaba"] == "up" and overlay["marks"]["bdnf"] == "down"


def test_the_integrated_marks_come_from_the_deciding_panels_on_its_highlight(kb, graphs):
    drug = kb.drugs["ketamine"]
    explanation = engine.explain_drug(kb, drug, graphs[INTEGRATED], panels=graphs)
    deciding = {h for r in explanation.readouts.values() for h in r.breakdown}
    assert deciding and deciding < set(kb.hypotheses)
    marks = signed_marks(kb, graphs, explanation)
    assert marks and set(marks) <= explanation.highlight.nodes
    assert marks["bdnf"] == "up"
    for node, mark in marks.items():
        pooled = set()
        for h in deciding:
            panel = engine.explain_drug(kb, drug, graphs[h])
            seeds = {n: {s for a in acts for s in a.signs} for n, acts in panel.targets.items()}
            pooled |= engine.node_signs(graphs[h], seeds).get(node, set())
        assert mark == {frozenset({1}): "up", frozenset({-1}): "down", frozenset({1, -1}): "both"}[frozenset(pooled)]


def test_a_drug_acting_on_nothing_drawn_lights_nothing(kb, graphs, page):
    overlays = embedded(page)["overlays"]
    nothing = [d for d in kb.drugs if not engine.targets_of(kb, kb.drugs[d], graphs["disinhibition"])]
    assert nothing
    overlay = overlays["disinhibition"][nothing[0]]
    assert overlay["lit"] == overlay["edges"] == [] and overlay["marks"] == {}
    assert "acts on nothing drawn" in overlay["panel"]


def test_node_details_carry_source_and_references(kb, page):
    view = embedded(page)["views"][0]
    details = view["nodes"]["bdnf"]
    assert "BDNF" in details and "Source: " in details
    numbers = re.search(r'data-refs="([0-9 ]+)"', details).group(1).split()
    references = embedded(page)["references"]
    assert numbers and all(n in references for n in numbers)
    assert references["5"]["text"] == kb.references[5].citation


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_the_data_stays_text(tmp_path):
    files = tiny_files()
    files["drugs.toml"]["drug"][0]["name"] = f"Blocker {MARKUP}"
    files["entities.toml"]["entity"][0]["description"] = f"A receptor {MARKUP}"
    files["references.toml"]["reference"][0]["citation"] = f"First </script><!-- {MARKUP}"
    files["compartments.toml"]["compartment"][0]["label"] = f"Cell <b>{MARKUP}"
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways", files))
    document = bundle_html(kb, build_graphs(kb), hypothesis="disinhibition", drug="blocker")
    tree = lxml.html.fromstring(document)
    # The early script (a link's view), the data and the script; the panel's references, drawn in
    # the markup for the view the file opens at, are text too.
    assert len(tree.xpath("//script")) == 3 and not tree.xpath("//img | //b")
    assert document.count("</script") == 3 and "<!--" not in document
    assert tree.xpath('//*[@id="moa-drug-info"]//ol[@class="refs"]/li')
    data = embedded(document)
    assert data["drugs"]["blocker"]["name"] == f"Blocker {MARKUP}"
    assert data["references"]["1"]["text"].startswith("First </script><!-- ")
    # Inside the embedded fragments and figures, still escaped text, never markup.
    for fragment in (data["drugs"]["blocker"]["panel"], data["views"][0]["nodes"]["r"],
                     data["overlays"]["disinhibition"]["blocker"]["panel"], data["views"][0]["svg"]):
        assert "<script" not in fragment and "<img" not in fragment and "<b>" not in fragment
        parsed = lxml.html.fragment_fromstring(fragment, create_parent="div")
        assert not parsed.xpath(".//script | .//img | .//b")
    assert "&lt;script&gt;" in data["drugs"]["blocker"]["panel"]
    quiz_lines = data["quiz"]["lines"]                        # the quiz's words: escaped text too
    assert quiz_lines and not any("<script" in piece or "<img" in piece for piece in quiz_lines)
    assert any("&lt;script&gt;" in piece for piece in quiz_lines)
    assert MARKUP in lxml.html.fragment_fromstring(data["views"][0]["nodes"]["r"], create_parent="div").text_content()


def test_the_file_opens_at_the_view_asked_for(kb, graphs):
    data = embedded(bundle_html(kb, graphs, hypothesis="Integrated", drug="GLYX-13"))
    assert data["initial"] == {"hypothesis": INTEGRATED, "drug": "rapastinel"}
    with pytest.raises(engine.UnknownName):
        bundle_html(kb, graphs, drug="no-such-drug")


def test_cli_writes_the_explorer(tmp_path, capsys):
    whole, view = tmp_path / "explorer.html", tmp_path / "ketamine.HTML"
    assert main(["export", "-o", str(whole)]) == 0
    assert embedded(whole.read_text("utf-8"))["initial"] == {"hypothesis": "disinhibition", "drug": ""}
    assert main(["export", "--hypothesis", "hnk-ampa", "--drug", "ketamine", "-o", str(view)]) == 0
    assert embedded(view.read_text("utf-8"))["initial"] == {"hypothesis": "hnk-ampa", "drug": "ketamine"}
    assert main(["export", "--drug", "GLYX-13", "-o", str(whole)]) == 0
    assert embedded(whole.read_text("utf-8"))["initial"] == {"hypothesis": "disinhibition", "drug": "rapastinel"}
    assert main(["export", "--hypothesis", "nowhere", "-o", str(tmp_path / "x.html")]) == 2
    assert "unknown hypothesis 'nowhere'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
