"""Quiz mode on the page (``explorer.views.quiz`` and the link's ``mode=quiz&q=N``), as plain functions."""

from __future__ import annotations

import json

import pytest

from explorer import engine, views
from explorer.views import View

SIGNS = ("▲", "▼")


def words(component) -> str:
    return json.dumps(component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
                      default=lambda c: c.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize(("link", "expected", "notice"), [
    ("?hypothesis=disinhibition&drug=ketamine&mode=quiz", View("disinhibition", "ketamine", quiz=0), None),
    ("?hypothesis=disinhibition&drug=ketamine&mode=present,quiz&q=3",
     View("disinhibition", "ketamine", mode="present", quiz=3), None),
    ("?hypothesis=disinhibition&drug=ketamine&mode=quiz&q=99", View("disinhibition", "ketamine", quiz=12),
     "past the last one (12); showing the score"),
    ("?hypothesis=disinhibition&drug=ketamine&mode=quiz&q=x", View("disinhibition", "ketamine", quiz=0),
     "is not a number"),
    ("?hypothesis=disinhibition&drug=ketamine&mode=quiz&step=2&compare=rapastinel",
     View("disinhibition", "ketamine", quiz=0), "ignored the link's step"),
    ("?hypothesis=disinhibition&drug=ketamine&q=2", View("disinhibition", "ketamine"), "not mode=quiz"),
    ("?hypothesis=disinhibition&mode=quiz,cinema", View("disinhibition", quiz=0), "Unknown mode 'cinema'"),
])
def test_the_link_keeps_the_question_reached(kb, graphs, link, expected, notice):
    view, notices = views.parse_query(kb, graphs, link)
    assert view == expected
    assert (notice is None) == (not notices)
    if notice:
        assert any(notice in n.message for n in notices)
    if not notices:
        assert views.format_query(view) == link
    assert views.view_from_store(kb, graphs, view.to_dict()) == view


def test_quiz_and_present_toggle_apart(kb, graphs):
    view = View("disinhibition", "ketamine", step=3, compare=("rapastinel",))
    quiz, _ = views.navigate(kb, graphs, view, "quiz", None)
    assert (quiz.quiz, quiz.step, quiz.compare) == (0, None, ())
    presenting, _ = views.navigate(kb, graphs, quiz, "present", 1)
    assert (presenting.mode, presenting.quiz) == ("present", 0)
    assert views.format_query(presenting).endswith("&mode=present,quiz")
    assert views.navigate(kb, graphs, presenting, "step", "next")[0] == presenting       # no stepping in a quiz
    assert views.navigate(kb, graphs, presenting, "compare", "rapastinel")[0] == presenting
    assert views.navigate(kb, graphs, replace_quiz(presenting, 5), "drug", "esketamine")[0].quiz == 0
    assert views.navigate(kb, graphs, presenting, "quiz", None)[0].quiz is None
    assert views.navigate(kb, graphs, replace_quiz(presenting, 11), "question", "next")[0].quiz == 12
    assert views.navigate(kb, graphs, replace_quiz(presenting, 12), "question", "next")[0].quiz == 12


def replace_quiz(view: View, number: int) -> View:
    return View(view.hypothesis, view.drug, mode=view.mode, quiz=number)


def test_answers_move_on_and_restart_forgets_them(kb, graphs):
    view = View("disinhibition", "ketamine", quiz=0)
    view, stored = views.answer(kb, graphs, view, {}, "down")
    assert view.quiz == 1 and stored == {"quiz": "disinhibition/ketamine", "answers": {"0": "down"}}
    view, stored = views.answer(kb, graphs, view, stored, "up")
    assert view.quiz == 2 and stored["answers"] == {"0": "down", "1": "up"}
    status, reveal, question = views.quiz_panel(kb, graphs, view, stored)
    assert "Not quite: you said “▲ rises”; Interneuron activity ▼ falls." in words(status)
    assert "Question 3 of 12: What happens to GABA?" in words(status)
    assert "NMDAR → Interneuron activity: activates" in words(reveal)
    assert "Question 3 of 12" in words(question) and not any(s in words(question).split("?")[-1] for s in SIGNS)
    assert views.answer(kb, graphs, view, stored, "sideways")[0] == view                # no such answer
    other = views.answer(kb, graphs, View("glyx-13", "rapastinel", quiz=0), stored, "up")[1]
    assert other["answers"] == {"0": "up"}                                               # answers are per quiz
    restarted, forgotten = views.answer(kb, graphs, view, stored, None)
    assert restarted.quiz == 0 and forgotten["answers"] == {}


def test_the_score_counts_graded_and_practice_apart(kb, graphs):
    view = View("disinhibition", "nv-5138", quiz=0)
    stored: dict = {}
    for choice in ("up", "down"):
        view, stored = views.answer(kb, graphs, view, stored, choice)
    status, _, question = views.quiz_panel(kb, graphs, view, stored)
    assert "The end. Graded on the review's account: 1 of 1 right." in words(status)
    assert "Practice (the panel's logic, not the review's claim): 0 of 1 right." in words(question)


def test_an_empty_quiz_says_why_and_links_where_there_are_questions(kb, graphs):
    status, reveal, question = views.quiz_panel(kb, graphs, View("disinhibition", "basimglurant", quiz=0), {})
    assert status == [] and reveal == []
    assert "acts on nothing drawn" in words(question) and "quiz-empty" in words(question)
    assert "?hypothesis=disinhibition&drug=ketamine&mode=quiz" in words(question)
    assert "Pick a drug" in words(views.quiz_panel(kb, graphs, View("disinhibition", quiz=0), {})[2])


def test_the_overlay_shows_a_sign_only_once_answered(kb, graphs):
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    view = View("disinhibition", "ketamine", quiz=2)
    asked = views.quiz_for(kb, graphs, view)
    sheet = views.quiz_stylesheet(kb, graph, view, explanation, asked)
    labels = {rule["selector"]: rule["style"]["label"] for rule in sheet if "label" in rule["style"]}
    assert labels['node[id = "nmdar-interneuron"]'] == "NMDAR ▼\n[antagonist]"
    assert labels['node[id = "interneuron-activity"]'].endswith("▼")
    assert labels['node[id = "gaba"]'] == "GABA ?"
    assert len(labels) == 3                                                              # no other label changes
    assert views.quiz_stylesheet(kb, graph, View("disinhibition", quiz=0), None, asked) == []
    panel = words(views.quiz_drug_panel(kb, graphs, view))
    assert not any(s in panel for s in SIGNS) and "Targets here" in panel
