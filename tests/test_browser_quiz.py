"""End to end in headless Chromium: quiz mode. No sign before its answer, an answer reveals it
and says right or wrong, keyboard-only answering, present mode for a class vote, practice
and empty quizzes, and axe-core on the quiz box.

Run with the other browser tests (``-m browser``); ``MOA_TEST_PORT`` picks the port.
"""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from explorer import engine, views

from .nodekit import axe_source
from .test_browser import cy, no_console_errors, open_page
from .test_browser_lecture import flags, label, query, screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

SIGNS = ("▲", "▼")


def text_of(dash_duo, element_id: str) -> str:
    """An element's text as shown, read in one go (the quiz box is redrawn with each answer)."""
    return dash_duo.driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e ? e.innerText : ''", element_id)


def status(dash_duo) -> str:
    return text_of(dash_duo, "quiz-status")


def active(dash_duo) -> str:
    return dash_duo.driver.execute_script("return document.activeElement ? document.activeElement.id : ''")


def lit_labels(dash_duo, nodes) -> dict[str, str]:
    return {n: label(dash_duo, n) for n in nodes}


def test_no_sign_shows_before_its_answer_and_each_answer_reveals_one(dash_duo, kb, graphs):
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    asked = views.quiz_for(kb, graphs, views.View("disinhibition", "ketamine", quiz=0))
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine&mode=quiz", graph)
    until(lambda: "Question 1 of 12" in text_of(dash_duo, "quiz-question"), 10)
    assert "quiz" in flags(dash_duo)
    labels = lit_labels(dash_duo, graph)
    assert not any(s in text for text in labels.values() for s in SIGNS), labels
    assert "?" in labels["nmdar-interneuron"] and "[antagonist]" in labels["nmdar-interneuron"]
    classes = cy(dash_duo, "cy.nodes().map(n => n.classes())")
    assert {c for cs in classes for c in cs} <= {"compartment", "entity", "readout", *(f"kind-{k}" for k in
                                                 {d["kind"] for _, d in graph.nodes(data=True)})}
    side = text_of(dash_duo, "drug-panel") + text_of(dash_duo, "details") + text_of(dash_duo, "quiz-question")
    assert not any(s in side for s in SIGNS) and "increased" not in side
    assert "stated" not in text_of(dash_duo, "drug-panel")
    assert not dash_duo.driver.find_element(By.CSS_SELECTOR, ".caption").is_displayed()  # its summary tells the signs
    dash_duo.driver.find_element(By.ID, "quiz-down").click()                              # NMDAR falls: right
    until(lambda: status(dash_duo).startswith("Right: NMDAR ▼ falls."), 10)
    until(lambda: "▼" in label(dash_duo, "nmdar-interneuron"), 10)
    assert query(dash_duo)["q"] == "1" and query(dash_duo)["mode"] == "quiz"
    assert "?" in label(dash_duo, "interneuron-activity") and not any(s in label(dash_duo, "interneuron-activity")
                                                                          for s in SIGNS)
    reveal = text_of(dash_duo, "quiz-reveal")
    assert "Step 1: (R,S)-Ketamine ⊣ NMDAR: antagonist." in reveal and "Source:" in reveal
    dash_duo.driver.find_element(By.ID, "quiz-up").click()                                # interneuron activity: wrong
    until(lambda: status(dash_duo).startswith("Not quite: you said “▲ rises”; Interneuron activity ▼ falls."), 10)
    until(lambda: "▼" in label(dash_duo, "interneuron-activity"), 10)
    edge = cy(dash_duo, "cy.getElementById('nmdar-interneuron->interneuron-activity').style('underlay-opacity')")
    assert float(edge) > 0                                                                # the arrow that reaches it
    unanswered = [q.node for q in asked.questions[2:]]
    assert not any(s in label(dash_duo, n) for n in unanswered for s in SIGNS)
    assert set(unanswered) <= set(explanation.highlight.nodes)
    dash_duo.driver.find_element(By.ID, "quiz-restart").click()
    until(lambda: "Question 1 of 12" in text_of(dash_duo, "quiz-question"), 10)
    until(lambda: "q" not in query(dash_duo), 10)
    until(lambda: not any(s in label(dash_duo, "nmdar-interneuron") for s in SIGNS), 10)
    no_console_errors(dash_duo)


def press(dash_duo, key: str):
    """A key sent to the focused element, as a keyboard would (no click anywhere)."""
    dash_duo.driver.switch_to.active_element.send_keys(key)


def tab_to(dash_duo, element_id: str, limit: int = 80):
    for _ in range(limit):
        if active(dash_duo) == element_id:
            return
        ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"Tab never reached #{element_id} (stopped at #{active(dash_duo)})")


def test_a_quiz_answered_from_the_keyboard_alone_ends_with_the_score(dash_duo, kb, graphs):
    graph = graphs["glyx-13"]
    asked = views.quiz_for(kb, graphs, views.View("glyx-13", "rapastinel", quiz=0))
    assert [q.correct for q in asked.questions] == ["up", "up", "up", "none"]
    open_page(dash_duo, kb, "?hypothesis=glyx-13&drug=rapastinel&mode=quiz", graph)
    until(lambda: "Question 1 of 4" in text_of(dash_duo, "quiz-question"), 10)
    tab_to(dash_duo, "quiz-up")
    outline = dash_duo.driver.execute_script(
        "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2                                       # focus is visible
    for number in (1, 2, 3):
        press(dash_duo, Keys.ENTER if number != 2 else Keys.SPACE)
        until(lambda n=number: status(dash_duo).startswith("Right:") and f"Question {n + 1} of 4" in status(dash_duo),
              10)
        assert active(dash_duo) == "quiz-up"                                              # the focus stays put
    assert "Readout: what happens to BDNF?" in text_of(dash_duo, "quiz-question")
    tab_to(dash_duo, "quiz-none", limit=4)
    press(dash_duo, Keys.ENTER)
    until(lambda: "The end." in status(dash_duo), 10)
    assert status(dash_duo).startswith("Right: BDNF: required (for mTORC1).")
    assert "Graded on the review's account: 4 of 4 right." in text_of(dash_duo, "quiz-question")
    until(lambda: active(dash_duo) == "quiz-prompt", 10)                                  # the score's heading
    assert not dash_duo.driver.find_element(By.ID, "quiz-up").is_displayed()
    assert query(dash_duo)["q"] == "4"


def test_present_mode_shows_the_quiz_large_for_a_class_vote(dash_duo, kb, graphs):
    screen(dash_duo, 1920, 1080)
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine&mode=present,quiz&q=3", graphs["disinhibition"])
    until(lambda: "Question 4 of 12" in text_of(dash_duo, "quiz-question"), 10)
    assert {"present", "quiz"} <= set(flags(dash_duo).split())
    sizes = dash_duo.driver.execute_script("""
        const px = e => parseFloat(getComputedStyle(e).fontSize);
        return [px(document.getElementById('quiz-prompt')), px(document.getElementById('quiz-up')),
                document.getElementById('details').offsetParent === null,
                document.querySelector('.canvas-title').offsetParent !== null,
                document.getElementById('quiz-up').getBoundingClientRect().right <= window.innerWidth];""")
    assert sizes[0] >= 28 and sizes[1] >= 20 and sizes[2] and sizes[3] and sizes[4]
    assert "?" in label(dash_duo, "gaba-a-receptor-pyramidal") and "▼" in label(dash_duo, "gaba")
    dash_duo.driver.find_element(By.ID, "quiz-down").click()
    until(lambda: status(dash_duo).startswith("Right: GABA-A receptor ▼ falls."), 10)
    assert query(dash_duo)["mode"] == "present,quiz" and query(dash_duo)["q"] == "4"


def test_practice_questions_are_marked_and_an_empty_quiz_points_elsewhere(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=dextromethorphan&mode=quiz", graphs["disinhibition"])
    until(lambda: "Question 1 of 12" in text_of(dash_duo, "quiz-question"), 10)
    shown = text_of(dash_duo, "quiz-question")
    assert "practice · not the review's claim" in shown
    assert "Practice, not graded: what would this panel's logic predict?" in shown
    assert "0 graded on the review's account, 12 practice" in shown
    dash_duo.driver.get(f"{dash_duo.server_url}/?hypothesis=disinhibition&drug=basimglurant&mode=quiz")
    until(lambda: "acts on nothing drawn" in text_of(dash_duo, "quiz-question"), 10)
    assert not dash_duo.driver.find_element(By.ID, "quiz-up").is_displayed()
    link = dash_duo.driver.find_element(By.CSS_SELECTOR, "#quiz-question a")
    link.click()
    until(lambda: "Question 1 of" in text_of(dash_duo, "quiz-question"), 10)
    assert query(dash_duo)["mode"] == "quiz"


def test_the_quiz_box_passes_axe_core(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=nv-5138&mode=quiz&q=1", graphs["disinhibition"])
    until(lambda: "Question 2 of 2" in text_of(dash_duo, "quiz-question"), 10)
    dash_duo.driver.execute_script(axe_source())
    violations = dash_duo.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document.getElementById('quiz'), {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})
           .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))));""")
    assert violations == []


def test_the_quiz_button_and_the_present_key_combine(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    assert "▼" in label(dash_duo, "gaba")                                                # signs shown outside the quiz
    dash_duo.driver.find_element(By.ID, "quiz-toggle").click()
    until(lambda: "quiz" in flags(dash_duo).split(), 10)
    until(lambda: not any(s in label(dash_duo, "gaba") for s in SIGNS), 10)
    assert query(dash_duo)["mode"] == "quiz"
    ActionChains(dash_duo.driver).send_keys("p").perform()                                # present mode, still a quiz
    until(lambda: {"present", "quiz"} <= set(flags(dash_duo).split()), 10)
    assert query(dash_duo)["mode"] == "present,quiz"
    dash_duo.driver.find_element(By.ID, "quiz-toggle").click()                            # out of the quiz
    until(lambda: "quiz" not in flags(dash_duo).split(), 10)
    until(lambda: "▼" in label(dash_duo, "gaba"), 10)
