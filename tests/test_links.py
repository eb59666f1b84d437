"""Every link the exports and the app write from the data is valid: PubMed links are
``https://pubmed.ncbi.nlm.nih.gov/<digits>/`` and every other URL parses, with a host."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from explorer.bundle import bundle_html
from explorer.links import PUBMED

URL_IN_TEXT = re.compile(r"<(https?://[^>]*)>")
PUBMED_LINK = re.compile(r"https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/")


def valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and "." in parts.netloc and not re.search(r"\s", url)
            and not parts.netloc.startswith(".") and parts.path != "" and url == url.strip())


def test_valid_url_catches_reference_128s_old_fault():
    assert not valid_url("https://")                       # the citation once read "<https://> investor…"
    assert not valid_url("https:// investor.sagerx.com/x")
    assert valid_url("https://investor.sagerx.com/news-releases/news-release-details/x")


def test_every_url_in_the_references_is_a_valid_link(kb):
    urls = []
    for number, reference in kb.references.items():
        found = URL_IN_TEXT.findall(reference.citation)
        assert "<http" not in URL_IN_TEXT.sub("", reference.citation), number      # every <url> closed
        urls += [(number, url) for url in found]
        if reference.pmid:
            assert reference.pmid.isdigit(), number
            assert PUBMED_LINK.fullmatch(PUBMED.format(reference.pmid)), number
    assert urls                                     # the press releases and fact sheets the review cites
    assert [n for n, url in urls if not valid_url(url)] == []
    sage = next(url for n, url in urls if n == 128)
    assert sage.startswith("https://investor.sagerx.com/news-releases/")


@pytest.fixture(scope="module")
def explorer_html(kb, graphs):
    return bundle_html(kb, graphs)


def test_every_link_the_one_file_explorer_writes_is_valid(explorer_html):
    hrefs = re.findall(r'href=\\?"([^"\\]*)', explorer_html)        # in the page, and in its JSON fragments
    outside = [h for h in hrefs if not h.startswith("#")]
    assert outside and all(valid_url(h.replace("&amp;", "&")) for h in outside), [
        h for h in outside if not valid_url(h)]
    assert all(PUBMED_LINK.fullmatch(h) for h in outside if "pubmed" in h)
    # The script builds PubMed links from the embedded numbers: each is digits.
    numbers = [p for p in re.findall(r'"pmid":"([^"]*)"', explorer_html) if p]
    assert numbers and all(p.isdigit() for p in numbers)
