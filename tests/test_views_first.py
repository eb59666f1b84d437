"""The first view (``explorer.views.first``, issue 19): the view of a link, drawn by the server
into the page it sends, before any script has run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from explorer import account, engine, views
from explorer.app import TAGLINE, TITLE, create_app
from explorer.views import View

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"img", "br", "meta", "link", "input", "hr"}


def first(kb, graphs, **view) -> str:
    return views.first_view(kb, graphs, View(**view), title=TITLE, tagline=TAGLINE)


class Tree(HTMLParser):
    """The elements of an HTML fragment; fails on an end tag that closes nothing open."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.images: list[dict] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.open == [], f"left open: {tree.open}"
    return tree


def picture(tree: Tree) -> ET.Element:
    [image] = tree.images
    assert image["src"].startswith("data:image/svg+xml,")
    return ET.fromstring(unquote(image["src"].removeprefix("data:image/svg+xml,")))


def test_a_deep_link_is_drawn_with_its_text_alternative_and_the_drugs_effects(kb, graphs):
    html = first(kb, graphs, hypothesis="disinhibition", drug="ketamine")
    tree = parsed(html)
    svg = picture(tree)
    assert svg.tag == f"{SVG}svg" and svg.get("viewBox") and svg.get("width") is None   # scales to its box
    labels = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for node in ("NMDAR", "GABA", "BDNF", "mTORC1"):
        assert node in labels
    assert "▲" in labels and "▼" in labels                  # the drug's route, signed, as the figures draw it
    # The image says what the app's graph text says (its description, from the same account).
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    told = account.account_of(kb, graph, explanation)
    alt = tree.images[0]["alt"]
    assert alt == " ".join(account.description_lines(told, account.node_accounts(graph, explanation)))
    assert "BDNF" in alt and "Ketamine" in alt
    words = " ".join(tree.text)
    assert "(R,S)-Ketamine" in words and "stated" in words and "BDNF" in words
    assert f'id="{views.FIRST_VIEW_ID}"' in html


def test_a_quiz_shows_no_sign_and_a_step_through_no_route(kb, graphs):
    for view in ({"quiz": 0}, {"step": 0}):
        tree = parsed(first(kb, graphs, hypothesis="disinhibition", drug="ketamine", **view))
        labels = " ".join("".join(t.itertext()) for t in picture(tree).iter(f"{SVG}text"))
        assert "▲" not in labels and "▼" not in labels, view
        assert "increased" not in " ".join(tree.text), view
    quiz = first(kb, graphs, hypothesis="disinhibition", drug="ketamine", quiz=0)
    assert not re.search("[▲▼]|increase|decrease", unquote(quiz))


def test_views_that_do_not_open_on_the_graph_get_none(kb, graphs):
    assert first(kb, graphs, hypothesis="disinhibition", drug="ketamine", tab="table") == ""
    assert first(kb, graphs, hypothesis="disinhibition", drug="ketamine", tab="matrix") == ""
    assert first(kb, graphs, hypothesis="disinhibition", drug="ketamine", mode="present") == ""


@pytest.mark.parametrize("hypothesis", ["integrated", "glyx-13", "mglur2-3"])
def test_every_view_draws_without_a_drug_and_with_one(kb, graphs, hypothesis):
    for drug in (None, "rapastinel"):
        tree = parsed(first(kb, graphs, hypothesis=hypothesis, drug=drug))
        assert len(list(picture(tree).iter(f"{SVG}text"))) >= len(graphs[hypothesis])


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_the_page_of_a_link_carries_its_first_view_before_the_apps_root(client):
    page = client.get("/?hypothesis=extrasynaptic-glun2b&drug=ketamine").get_data(as_text=True)
    assert page.index(f'id="{views.FIRST_VIEW_ID}"') < page.index('id="react-entry-point"')
    assert "Extrasynaptic" in page.split('id="react-entry-point"')[0]
    # No script of its own: the page's inline scripts are Dash's, under the policy's hashes.
    assert "<script" not in page[page.index(f'id="{views.FIRST_VIEW_ID}"'):page.index('id="react-entry-point"')]


def test_a_link_that_cannot_be_read_gets_its_defaults_first_view_not_an_error(client):
    response = client.get("/?drug=not-a-drug&hypothesis=%FF%FE&step=x")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{views.FIRST_VIEW_ID}"' in page and "not-a-drug" not in page
