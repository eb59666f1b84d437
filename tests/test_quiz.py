"""The quiz (``explorer.quiz``): questions from the account, graded on the review's account only."""

from __future__ import annotations

import pytest

from explorer import account, quiz
from explorer.engine import explain_drug, readouts_of
from explorer.engine.steps import chain_steps

SIGN_CHOICE = {frozenset({1}): "up", frozenset({-1}): "down", frozenset({1, -1}): "both"}


def quiz_for(kb, graphs, hypothesis, drug):
    return quiz.quiz_of(kb, graphs[hypothesis], explain_drug(kb, kb.drugs[drug], graphs[hypothesis], panels=graphs))


def test_ketamine_questions_follow_the_step_through(kb, graphs):
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    asked = quiz.quiz_of(kb, graph, explanation)
    lit = [s.node for s in chain_steps(graph, explanation) if s.node in explanation.highlight.nodes]
    assert [q.node for q in asked.questions] == lit            # one per lit node, in step order
    assert [q.number for q in asked.questions] == list(range(1, len(lit) + 1))
    assert asked.graded == len(lit) and asked.practice == 0
    first = asked.questions[0]
    assert (first.kind, first.label, first.correct) == ("target", "NMDAR", "down")
    assert quiz.prompt(first) == "What happens to NMDAR?"
    assert quiz.route_text(first).endswith("⊣ NMDAR (GABAergic interneuron) ?")
    gaba = next(q for q in asked.questions if q.label == "GABA")
    assert gaba.correct == "down" and gaba.via == ("interneuron-activity", "gaba")
    assert "▼" not in quiz.route_text(gaba).split("→")[-1]      # the node asked about has no sign yet
    kinds = {q.label: q.kind for q in asked.questions}
    assert kinds["BDNF"] == kinds["mTORC1"] == kinds["Protein synthesis"] == "readout"
    assert quiz.prompt(asked.questions[-1]) == "Readout: what happens to Protein synthesis?"


def test_every_answer_is_the_engines_sign_and_every_word_the_accounts(kb, graphs):
    for hypothesis in kb.hypotheses:
        graph = graphs[hypothesis]
        names = {node: name for name, node in readouts_of(graph).items()}
        for drug in kb.drugs.values():
            explanation = explain_drug(kb, drug, graph, panels=graphs)
            asked = quiz.quiz_of(kb, graph, explanation)
            told = account.account_of(kb, graph, explanation)
            readouts = {r.name: r for r in told.readouts}
            for q in asked.questions:
                if q.step is not None:
                    assert q.correct == SIGN_CHOICE[explanation.signs[q.node]]
                    assert q.answer == q.step.reveal and q.choice.symbol == q.step.sign.symbol
                else:  # a readout the route requires: no change, never a fall
                    assert q.correct == "none" and readouts[q.label].status == "required"
                if q.kind == "readout":
                    assert q.readout == readouts[names[q.node]]      # the account's record, evidence and all
                    assert q.basis == q.readout.basis
                assert q.graded == (q.basis in ("stated", "analogy"))
                assert q.basis_words and q.basis_words.startswith(q.basis)


def test_graded_only_on_the_reviews_account(kb, graphs):
    nv = quiz_for(kb, graphs, "disinhibition", "nv-5138")
    assert [(q.label, q.graded, q.basis) for q in nv.questions] == [
        ("mTORC1", True, "stated"), ("Protein synthesis", False, "extrapolated")]
    assert quiz.grading_line(nv.questions[1]).startswith("Practice, not graded: what would this panel's logic")
    dextromethorphan = quiz_for(kb, graphs, "disinhibition", "dextromethorphan")
    assert dextromethorphan.questions and dextromethorphan.graded == 0
    assert all(quiz.feedback(q)[-1] == ("grading", quiz.grading_line(q)) for q in dextromethorphan.questions)
    analogy = quiz_for(kb, graphs, "disinhibition", "lanicemine")
    assert analogy.graded == len(analogy.questions)
    assert all(q.basis == "analogy" and "analogy" in quiz.grading_line(q) for q in analogy.questions)


def test_a_required_readout_closes_the_chain_with_no_change(kb, graphs):
    asked = quiz_for(kb, graphs, "glyx-13", "rapastinel")
    last = asked.questions[-1]
    assert (last.label, last.kind, last.correct, last.graded) == ("BDNF", "readout", "none", True)
    assert last.choice.label == "no change" and last.answer == "BDNF: required (for mTORC1)"
    lines = dict(quiz.feedback(last, "down"))
    assert lines["wrong"] == "Not quite: you said “▼ falls”; BDNF: required (for mTORC1)."
    assert lines["requires"] == "BDNF is required for mTORC1 (Fig. 1 legend [5])."
    assert quiz.route_text(last).endswith("mTORC1 ▲; BDNF ?")


def test_feedback_reveals_the_arrow_with_the_reviews_citation(kb, graphs):
    asked = quiz_for(kb, graphs, "disinhibition", "ketamine")
    gaba = next(q for q in asked.questions if q.label == "GABA")
    edge = graphs["disinhibition"].edges["interneuron-activity", "gaba"]
    lines = quiz.feedback(gaba, "down")
    assert lines[0] == ("right", "Right: GABA ▼ falls.")
    assert ("arrow", f"Step {gaba.number}: Interneuron activity → GABA: activates, by {edge['mechanism']}.") in lines
    assert ("note", edge["note"]) in lines
    assert ("source", f"Source: {edge['source']} [{', '.join(map(str, edge['refs']))}]") in lines
    bdnf = next(q for q in asked.questions if q.label == "BDNF")
    evidence = [text for role, text in quiz.feedback(bdnf) if role == "evidence"]
    assert evidence == [account.evidence_line(e) for e in bdnf.readout.evidence]
    assert quiz.verdict(bdnf, None) == "" and quiz.feedback(bdnf)[0] == ("answer", "BDNF ▲ rises.")


@pytest.mark.parametrize(("hypothesis", "drug", "why"), [
    ("disinhibition", "basimglurant", "acts on nothing drawn"),
    ("integrated", "dextromethorphan", "not covered"),
])
def test_nothing_to_ask_says_why(kb, graphs, hypothesis, drug, why):
    asked = quiz_for(kb, graphs, hypothesis, drug)
    assert not asked.questions and why in asked.empty


def test_the_bank_holds_every_stated_and_analogy_prediction(kb, graphs):
    bank = quiz.question_bank(kb, graphs)
    questions = [q for z in bank for q in z.questions]
    assert len(questions) >= 20 and len({q.id for q in questions}) == len(questions)
    assert all(z.graded for z in bank)
    expected = set()
    for hypothesis in kb.hypotheses:
        for drug in kb.drugs.values():
            e = explain_drug(kb, drug, graphs[hypothesis], panels=graphs)
            if any(r.basis in ("stated", "analogy") and (r.effect != "none" or r.required_for)
                   for r in e.readouts.values()):
                expected.add((hypothesis, drug.id))
    assert {(z.hypothesis, z.drug) for z in bank} == expected
    graded = [q for q in questions if q.graded]
    assert graded and all(q.basis in ("stated", "analogy") for q in graded)
    assert all(q.basis == "extrapolated" for q in questions if not q.graded)
    narrow = quiz.question_bank(kb, graphs, hypothesis="glyx-13", drug="rapastinel")
    assert [(z.hypothesis, z.drug) for z in narrow] == [("glyx-13", "rapastinel")]
    practice = quiz.question_bank(kb, graphs, drug="dextromethorphan")
    assert practice and all(z.graded == 0 and z.questions for z in practice)
    with pytest.raises(quiz.NothingToAsk, match=r"nothing to quiz on: Basimglurant .* graded questions for"):
        quiz.question_bank(kb, graphs, drug="basimglurant")


def test_the_readme_gives_the_banks_size(kb, graphs):
    from pathlib import Path

    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    bank = quiz.question_bank(kb, graphs)
    questions = [q for z in bank for q in z.questions]
    graded = sum(q.graded for q in questions)
    assert (f"**{len(questions)} questions, {graded} graded and {len(questions) - graded} practice**, "
            f"in {len(bank)} quizzes") in readme
