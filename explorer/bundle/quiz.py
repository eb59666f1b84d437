"""The quiz in the one-file explorer: the same questions as the app's quiz mode, offline.

:func:`quiz_data` embeds each view's quiz for each drug from :mod:`explorer.quiz`'s
records, every word escaped here (a table of unique lines, shared by the many
questions that reveal the same arrow or quote); :data:`QUIZ_SCRIPT` (hand-written, no
libraries) hides every sign until its question is answered, reveals it with the
review's words, keeps the score, and keeps ``mode=quiz&q=N`` in the address's fragment.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import networkx as nx

from .. import engine, quiz
from ..figure.svg import EDGE_KEY_JOIN
from ..markup import el, text
from ..model import KnowledgeBase
from .fragments import view_link

__all__ = ["QUIZ_SCRIPT", "QUIZ_STYLE", "quiz_data", "quiz_markup"]


def _tag(question: quiz.Question) -> str:
    words = f"graded · {question.basis}" if question.graded else "practice · not the review's claim"
    return text("span", words, class_=f"quiz-tag basis-{question.basis}")


def _head(question: quiz.Question, total: int) -> list[str]:
    """The question as shown, in pieces many questions share: progress and whose claim, the
    route so far (the drug's start apart from the rest, the same for every drug on that
    route), the prompt."""
    grading = [] if question.graded else [text("p", quiz.grading_line(question), class_="quiz-practice")]
    route = quiz.route_text(question)
    start = f"{question.route.drug} ({question.route.actions})"
    start, rest = (start, route[len(start):]) if route.startswith(start) else ("", route)
    return [el("p", escape(f"Question {question.number} of {total} ") + _tag(question), class_="quiz-progress"),
            *grading, '<p class="quiz-route">' + escape(start), escape(rest) + "</p>",
            text("h3", quiz.prompt(question), id="moa-quiz-prompt", tabindex="-1")]


def quiz_data(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph],
              explanations: Mapping[tuple[str, str], engine.Explanation]) -> dict:
    """Every view's quiz for every drug with questions, and where the graded ones are.

    ``{"quizzes": {view: {drug: {"intro", "both", "questions": [{"node", "via", "step",
    "correct", "head": [line, …], "say", "answer", "verdicts": {choice: line}, "reveal": [line, …]}]}}},
    "lines": [html, …], "choices": [[id, label], …], "graded": [link html, …], "words": {…}}``,
    where a ``line`` is an index into ``lines`` (pieces of markup, joined in order).
    """
    lines: dict[str, int] = {}

    def line(html: str) -> int:
        return lines.setdefault(html, len(lines))

    quizzes: dict[str, dict] = {}
    graded = []
    for (drug, view), explanation in explanations.items():
        asked = quiz.quiz_of(kb, graphs[view], explanation)
        if not asked.questions:
            continue
        total = len(asked.questions)
        if asked.graded and view in kb.hypotheses:
            graded.append(view_link(f"{asked.drug_name} under {asked.hypothesis_title}", view, drug))
        quizzes.setdefault(view, {})[drug] = {
            "intro": el("p", text("strong", asked.drug_name) + escape(
                f" under “{asked.hypothesis_title}”. {total} questions, {asked.graded} graded on the review's account"
                + (f", {asked.practice} practice" if asked.practice else "") + "."), class_="quiz-intro"),
            "both": any(c.id == "both" for c in asked.questions[0].choices),
            "questions": [{
                "node": q.node, "via": EDGE_KEY_JOIN.join(q.via) if q.via else "", "step": q.step is not None,
                "graded": q.graded,
                "correct": q.correct, "head": [line(piece) for piece in _head(q, total)],
                "say": f"Question {q.number} of {total}: {quiz.prompt(q)}",
                "answer": line(text("strong", f"Answer: {q.answer}.", class_="quiz-said")),
                "verdicts": {c.id: line(text("strong", quiz.verdict(q, c.id), class_="quiz-said-right"
                                             if c.id == q.correct else "quiz-said-wrong")) for c in q.choices},
                "reveal": [line(text("h4", f"What question {q.number} revealed: {q.label}"))]
                + [line(text("p", words, class_=f"quiz-{role}")) for role, words in quiz.feedback(q)[1:]],
            } for q in asked.questions]}
    return {"quizzes": quizzes, "lines": list(lines), "graded": graded,
            "choices": [[c.id, c.label] for c in quiz.choices(both=True)],
            "words": {"pick": "Pick a drug: the quiz asks what it does to each node of its route.",
                      "none": "No question for this drug here. Graded questions are there for:",
                      "end": "The end.", "score": "Graded on the review's account: {right} of {graded} right.",
                      "practice": "Practice (the panel's logic, not the review's claim): {right} of {practice} right.",
                      "restart": "Restart to try again, or pick another drug or hypothesis."}}


def quiz_markup(choices: list) -> str:
    """The quiz's section of the side panel: its parts filled by the script, the answers as buttons."""
    buttons = "".join(text("button", label, type="button", class_=f"quiz-answer quiz-{choice}",
                           data_choice=choice) for choice, label in choices)
    return el("section", text("h2", "Quiz: predict, then see", id="moa-quiz-title")
              + el("p", "", id="moa-quiz-status", role="status", aria_live="polite")
              + el("div", "", id="moa-quiz-question")
              + el("div", buttons, id="moa-quiz-answers", role="group", aria_labelledby="moa-quiz-prompt")
              + text("button", "Restart", type="button", id="moa-quiz-restart")
              + el("div", "", id="moa-quiz-reveal"),
              id="moa-quiz", aria_labelledby="moa-quiz-title", hidden="")


QUIZ_STYLE = """
#moa-explorer .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
#moa-quiz{border:2px solid #0072B2;border-radius:6px;padding:2px 10px 8px;margin:10px 0}
#moa-quiz h2{font-size:17px;margin:6px 0}
#moa-quiz .quiz-intro,#moa-quiz .quiz-route{font-size:13.5px}
#moa-quiz .quiz-progress{font-weight:700;color:var(--muted);font-size:13px}
#moa-quiz .quiz-tag{font-size:12px;margin-left:6px;padding:0 6px;border-radius:3px;border:1px solid #009E73;
background:#E3F4EE;color:#00573F}
#moa-quiz .quiz-tag.basis-extrapolated{border-style:dashed;border-color:var(--amber);background:#FFF1D6;
color:var(--amber)}
#moa-quiz .quiz-practice{border:1px dashed var(--amber);background:#FFF6E5;color:var(--amber);font-style:italic;
padding:2px 6px}
#moa-quiz h3{font-size:18px;margin:6px 0}
#moa-quiz-answers{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}
#moa-quiz [hidden]{display:none}
#moa-quiz .quiz-answer{font:inherit;font-size:16px;font-weight:700;padding:8px 10px;flex:1 1 0;white-space:nowrap;
border:2px solid #111;border-radius:6px;background:#fff;color:#111;cursor:pointer}
#moa-quiz button:focus-visible,#moa-quiz-prompt:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
#moa-quiz-prompt:focus{outline:none}
#moa-quiz-restart{font:inherit;font-size:13px}
#moa-quiz-status{font-size:15px}
#moa-quiz .quiz-said-right{color:#00573F}#moa-quiz .quiz-said-wrong{color:#8A3B00}
#moa-quiz-reveal{font-size:13.5px;background:#F7F9FA;border:1px solid var(--line);border-radius:4px;padding:2px 8px}
#moa-quiz-reveal:empty{display:none}
#moa-quiz .quiz-evidence{font-style:italic}
#moa-quiz .quiz-source,#moa-quiz .quiz-grading,#moa-quiz .quiz-basis{color:var(--muted);font-size:13px}
#moa-quiz-toggle[aria-pressed=true]{background:#0072B2;color:#fff}
#moa-stage .moa-mark.ask rect{stroke:#0072B2;stroke-dasharray:3 2}#moa-stage .moa-mark.ask text{fill:#0072B2}
#moa-explorer.quizzing #moa-effects,#moa-explorer.quizzing #moa-caption,#moa-explorer.quizzing #moa-caveat,
#moa-explorer.quizzing .moa-keys{display:none}
"""

# Part of the page's script (inside its function, after the view's functions): the quiz's
# state, the overlay it lets through (only answered signs, "?" on the node asked about)
# and its box. Every string it puts in the page comes escaped from Python.
QUIZ_SCRIPT = r"""
var quiz = {on: false, q: 0, answers: {}, key: ""}, Q = data.quiz;
SYMBOL.ask = "?";
function quizOf() {
  var byView = Q.quizzes[state.hypothesis];
  return byView && state.drug && has(byView, state.drug) ? byView[state.drug] : null;
}
function lines(indices) { return indices.map(function (i) { return Q.lines[i]; }).join(""); }
function quizOverlay(o) {
  var z = quizOf(), lit = [], edges = [], marks = {}, current;
  if (!o || !z) return o;
  z.questions.slice(0, quiz.q).forEach(function (x) {
    if (x.step && has(o.marks, x.node)) { lit.push(x.node); marks[x.node] = o.marks[x.node]; }
    if (x.via) edges.push(x.via);
  });
  current = z.questions[quiz.q];
  if (current && !has(marks, current.node)) { marks[current.node] = "ask"; lit.push(current.node); }
  if (current && current.via) edges.push(current.via);
  return {lit: lit, edges: edges, targets: o.targets, marks: marks, extrapolated: false, caveat: ""};
}
function quizRender() {
  var z = quizOf(), key = state.hypothesis + "/" + state.drug, n, x, last, status = "", right = 0, graded = 0,
      rightP = 0, practice = 0, done;
  $("moa-explorer").classList.toggle("quizzing", quiz.on);
  $("moa-quiz").hidden = !quiz.on;
  $("moa-quiz-toggle").setAttribute("aria-pressed", String(quiz.on));
  if (!quiz.on) return;
  if (key !== quiz.key) { quiz.key = key; quiz.answers = {}; }
  n = z ? z.questions.length : 0;
  quiz.q = Math.min(Math.max(quiz.q, 0), n);
  done = !z || quiz.q >= n;
  $("moa-quiz-answers").hidden = done;
  $("moa-quiz-restart").hidden = !z;
  $("moa-quiz-answers").querySelector(".quiz-both").hidden = !(z && z.both);
  if (!z) {
    $("moa-quiz-status").textContent = "";
    put("moa-quiz-reveal", "");
    $("moa-quiz-question").innerHTML = "<p>" + (state.drug ? Q.words.none : Q.words.pick) + "</p>" +
      (state.drug ? "<ul>" + Q.graded.map(function (a) { return "<li>" + a + "</li>"; }).join("") + "</ul>" : "");
    return;
  }
  if (quiz.q > 0) {
    last = z.questions[quiz.q - 1];
    status = Q.lines[has(quiz.answers, quiz.q - 1) ? last.verdicts[quiz.answers[quiz.q - 1]] : last.answer];
  }
  put("moa-quiz-reveal", last ? lines(last.reveal) : "");
  if (done) {
    z.questions.forEach(function (y, i) {
      var ok = quiz.answers[i] === y.correct;
      if (y.graded) { graded += 1; right += ok ? 1 : 0; } else { practice += 1; rightP += ok ? 1 : 0; }
    });
    var words = [Q.words.score.replace("{right}", right).replace("{graded}", graded)];
    if (practice) words.push(Q.words.practice.replace("{right}", rightP).replace("{practice}", practice));
    $("moa-quiz-status").innerHTML = status + " " + Q.words.end + " " + words.join(" ");
    $("moa-quiz-question").innerHTML = z.intro + "<h3 id=\"moa-quiz-prompt\" tabindex=\"-1\">Score</h3>" +
      words.map(function (w) { return "<p>" + w + "</p>"; }).join("") + "<p class=\"hint\">" + Q.words.restart + "</p>";
    return;
  }
  x = z.questions[quiz.q];
  $("moa-quiz-status").innerHTML = status + "<span class=\"visually-hidden\"> </span>";
  $("moa-quiz-status").lastChild.textContent = " " + x.say;
  $("moa-quiz-question").innerHTML = z.intro + lines(x.head);
}
$("moa-quiz-toggle").addEventListener("click", function () {
  quiz.on = !quiz.on; quiz.q = 0; render();
});
$("moa-quiz-answers").addEventListener("click", function (e) {
  var button = e.target.closest("button[data-choice]"), z = quizOf();
  if (!button || !z || quiz.q >= z.questions.length) return;
  quiz.answers[quiz.q] = button.getAttribute("data-choice");
  quiz.q += 1;
  render();
  if (quiz.q >= z.questions.length) $("moa-quiz-prompt").focus();
});
$("moa-quiz-restart").addEventListener("click", function () {
  quiz.answers = {}; quiz.q = 0; render();
  var first = $("moa-quiz-answers").querySelector("button");
  if (first) first.focus();
});
"""
