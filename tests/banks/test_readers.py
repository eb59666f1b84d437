"""Moodle XML and GIFT, each read by an independent reader and compared question by
question with the QTI items: Moodle XML parsed with lxml against its documented
structure (docs.moodle.org, "Moodle XML format"), GIFT parsed by gift-pegjs (pinned in
``tests/js``), QTI items parsed with lxml."""

from __future__ import annotations

import json

import lxml.html
import pytest
from lxml import etree

from explorer import banks
from tests.nodekit import run_node

QTI = {"q": banks.QTI_NAMESPACE}


def plain(element) -> str:
    """An element's text, spaces folded."""
    return " ".join("".join(element.itertext()).split())


def blocks(element) -> str:
    """What a student reads: each paragraph's text, one after another."""
    return " ".join(plain(child) for child in element)


def words(html: str) -> str:
    """The text of an HTML fragment, paragraph by paragraph."""
    return blocks(lxml.html.fragment_fromstring(html, create_parent="div")) if html else ""


@pytest.fixture(scope="module")
def qti_items(bank):
    """Each QTI item as the plain facts every format must agree on."""
    items = {}
    for name, content in banks.package_files(bank).items():
        if not name.startswith("items/"):
            continue
        item = etree.fromstring(content.encode("utf-8"))
        body = item.find("q:itemBody", QTI)
        choices = body.findall(".//q:simpleChoice", QTI)
        stem = " ".join([plain(p) for p in body.findall("q:p", QTI)] + [plain(body.find(".//q:prompt", QTI))])
        correct = item.findtext(".//q:correctResponse/q:value", namespaces=QTI)
        feedback = {f.get("identifier"): blocks(f) for f in item.findall("q:modalFeedback", QTI)}
        items[item.get("identifier")] = {
            "title": item.get("title"), "stem": stem, "choices": [plain(c) for c in choices],
            "correct": [c.get("identifier") for c in choices].index(correct),
            "feedback": [feedback[c.get("identifier")] for c in choices]}
    return items


@pytest.fixture(scope="module")
def moodle(bank):
    return etree.fromstring(banks.moodle_xml(bank).encode("utf-8"))


def test_moodle_xml_has_the_documented_structure(moodle, questions):
    assert moodle.tag == "quiz"
    kinds = [q.get("type") for q in moodle]
    assert set(kinds) == {"category", "multichoice"} and kinds[0] == "category"
    assert kinds.count("multichoice") == len(questions)
    graded = {q.id: q.graded for q in questions}
    for question in moodle.iterfind("question[@type='multichoice']"):
        for tag in ("name/text", "questiontext/text", "generalfeedback/text", "defaultgrade", "idnumber",
                    "single", "shuffleanswers", "answernumbering"):
            assert question.find(tag) is not None, tag
        assert question.find("questiontext").get("format") == "html"
        assert question.findtext("single") == "true"
        answers = question.findall("answer")
        assert sorted(a.get("fraction") for a in answers) == ["0"] * (len(answers) - 1) + ["100"]
        assert all(a.find("text") is not None and a.find("feedback/text") is not None for a in answers)
        assert question.findtext("defaultgrade") == ("1" if graded[question.findtext("idnumber")] else "0")
    for category in moodle.iterfind("question[@type='category']"):
        assert category.findtext("category/text").startswith("$course$/top/MoA Explorer")


def test_moodle_xml_asks_what_the_qti_items_ask(moodle, qti_items):
    seen = set()
    for question in moodle.iterfind("question[@type='multichoice']"):
        ident = question.findtext("idnumber")
        item = qti_items[ident]
        answers = question.findall("answer")
        assert question.findtext("name/text") == item["title"]
        assert words(question.findtext("questiontext/text")) == item["stem"]
        assert [a.findtext("text") for a in answers] == item["choices"]
        assert [a.get("fraction") for a in answers].index("100") == item["correct"]
        assert [words(a.findtext("feedback/text")) for a in answers] == item["feedback"]
        seen.add(ident)
    assert seen == set(qti_items)


def test_gift_read_by_gift_pegjs_asks_what_the_qti_items_ask(bank, qti_items, questions, tmp_path):
    source = tmp_path / "questions.gift"
    source.write_text(banks.gift_text(bank), encoding="utf-8")
    run = run_node("parse_gift.cjs", str(source))
    assert run.returncode == 0, run.stderr
    parsed = json.loads(run.stdout)
    categories = [q for q in parsed if q["type"] == "Category"]
    asked = [q for q in parsed if q["type"] != "Category"]
    assert categories and all(c["title"].startswith("$course$/top/MoA Explorer") for c in categories)
    assert [q["id"] for q in asked] == [q.id for q in questions]
    tags = {q.id: {"graded" if q.graded else "practice", q.basis} for q in questions}
    for question in asked:
        item = qti_items[question["id"]]
        assert question["type"] == "MC" and question["stem"]["format"] == "html"
        assert set(question["tags"]) == tags[question["id"]]
        assert question["title"] == item["title"]
        assert words(question["stem"]["text"]) == item["stem"]
        assert [c["text"]["text"] for c in question["choices"]] == item["choices"]
        assert [c["isCorrect"] for c in question["choices"]].index(True) == item["correct"]
        assert sum(c["isCorrect"] for c in question["choices"]) == 1
        assert [words(c["feedback"]["text"]) for c in question["choices"]] == item["feedback"]
        assert "Henter ID, Park LT, Zarate CA Jr." in words(question["globalFeedback"]["text"])


def test_gift_escapes_its_special_characters():
    assert banks.gift_escape("a: {b} = ~c #d \\e") == "a\\: \\{b\\} \\= \\~c \\#d \\\\e"
