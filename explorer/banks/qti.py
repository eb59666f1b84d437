"""An IMS QTI 2.1 content package: one ``assessmentItem`` per question, a test, a manifest.

Each item has a single-choice ``choiceInteraction`` (▲ rises, ▼ falls, no change), its
``correctResponse``, and ``modalFeedback`` for each answer (set from the response by
the item's own response processing): right or wrong, the node's sign, the chain step
with the arrow that reaches it, the review's sentence and reference numbers. The test
(``assessment.xml``) has one section per drug and view; its score sums the items'
scores weighted by ``W``: 1 for a graded question, 0 for practice, so a practice
question never counts as the review's claim. Canvas, Blackboard and other QTI 2.1
readers import the zip; every file is valid against the IMS schemas (tested).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from html import escape

from ..markup import el
from ..quiz import Question, Quiz, prompt
from .common import BANK_NAME, feedback_html, item_title, questions_of, stem_html, text

__all__ = ["CP_NAMESPACE", "QTI_NAMESPACE", "assessment_item", "assessment_test", "item_path", "manifest",
           "package_bytes", "package_files"]

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
_CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
TEST_PATH = "assessment.xml"
#: A fixed time for every file in the zip, so that the same bank gives the same bytes.
_ZIP_TIME = (2021, 1, 1, 0, 0, 0)


def item_path(question: Question) -> str:
    return f"items/{question.id}.xml"


def _qti_root(tag: str, content: str, **attributes) -> str:
    return _DECLARATION + el(tag, content, xmlns=QTI_NAMESPACE, **{
        "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{QTI_NAMESPACE} {_QTI_XSD}"}, **attributes) + "\n"


def _value(base_type: str, value: str) -> str:
    return el("baseValue", escape(value), baseType=base_type)


def _set(outcome: str, expression: str) -> str:
    return el("setOutcomeValue", expression, identifier=outcome)


def assessment_item(question: Question) -> str:
    """One question as a QTI 2.1 ``assessmentItem``."""
    declarations = (
        el("responseDeclaration", el("correctResponse", text("value", question.correct)),
           identifier="RESPONSE", cardinality="single", baseType="identifier")
        + el("outcomeDeclaration", el("defaultValue", text("value", "0")), identifier="SCORE",
             cardinality="single", baseType="float", normalMaximum="1")
        + el("outcomeDeclaration", "", identifier="FEEDBACK", cardinality="single", baseType="identifier"))
    interaction = el("choiceInteraction", text("prompt", prompt(question)) + "".join(
        text("simpleChoice", c.label, identifier=c.id) for c in question.choices),
        responseIdentifier="RESPONSE", shuffle="false", maxChoices="1")
    # The match_correct template, plus the answer given as the feedback's key.
    processing = el("responseProcessing", el("responseCondition", el(
        "responseIf", el("match", el("variable", "", identifier="RESPONSE") + el("correct", "", identifier="RESPONSE"))
        + _set("SCORE", _value("float", "1")))
        + el("responseElse", _set("SCORE", _value("float", "0"))))
        + el("responseCondition", el("responseIf", el("isNull", el("variable", "", identifier="RESPONSE")) + "")
             + el("responseElse", _set("FEEDBACK", el("variable", "", identifier="RESPONSE")))))
    feedbacks = "".join(
        el("modalFeedback", feedback_html(question, c.id), outcomeIdentifier="FEEDBACK", identifier=c.id,
           showHide="show", title="Right" if c.id == question.correct else "Not quite")
        for c in question.choices)
    return _qti_root("assessmentItem", declarations + el("itemBody", stem_html(question) + interaction)
                     + processing + feedbacks, identifier=question.id, title=item_title(question),
                     adaptive="false", timeDependent="false")


def assessment_test(quizzes: tuple[Quiz, ...]) -> str:
    """The test: a section per drug and view, each item weighted 1 (graded) or 0 (practice)."""
    sections = "".join(el("assessmentSection", "".join(
        el("assessmentItemRef", el("weight", "", identifier="W", value="1" if q.graded else "0"),
           identifier=q.id, href=item_path(q)) for q in quiz.questions),
        identifier=f"s-{quiz.hypothesis}--{quiz.drug}", title=f"{quiz.drug_name}: {quiz.hypothesis_title}",
        visible="true") for quiz in quizzes)
    outcome = el("outcomeDeclaration", "", identifier="SCORE", cardinality="single", baseType="float")
    scoring = el("outcomeProcessing", _set("SCORE", el("sum", el(
        "testVariables", "", variableIdentifier="SCORE", weightIdentifier="W"))))
    part = el("testPart", sections, identifier="predict", navigationMode="linear", submissionMode="individual")
    return _qti_root("assessmentTest", outcome + part + scoring, identifier="moa-explorer-quiz", title=BANK_NAME)


def manifest(quizzes: tuple[Quiz, ...]) -> str:
    """``imsmanifest.xml``: the test (depending on every item) and one resource per item."""
    questions = questions_of(quizzes)
    test = el("resource", el("file", "", href=TEST_PATH) + "".join(
        el("dependency", "", identifierref=f"r-{q.id}") for q in questions),
        identifier="r-test", type="imsqti_test_xmlv2p1", href=TEST_PATH)
    items = "".join(el("resource", el("file", "", href=item_path(q)), identifier=f"r-{q.id}",
                       type="imsqti_item_xmlv2p1", href=item_path(q)) for q in questions)
    metadata = el("metadata", text("schema", "QTIv2.1 Package") + text("schemaversion", "1.0.0"))
    return _DECLARATION + el("manifest", metadata + el("organizations", "") + el("resources", test + items),
                             xmlns=CP_NAMESPACE, identifier="moa-explorer-quiz-package", **{
                                 "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{CP_NAMESPACE} {_CP_XSD}"}) + "\n"


def package_files(quizzes: tuple[Quiz, ...]) -> dict[str, str]:
    """Every file of the package by its path: the manifest, the test, the items."""
    files = {"imsmanifest.xml": manifest(quizzes), TEST_PATH: assessment_test(quizzes)}
    files |= {item_path(q): assessment_item(q) for q in questions_of(quizzes)}
    return files


def package_bytes(quizzes: tuple[Quiz, ...]) -> bytes:
    """The content package as a zip (the manifest first), the same bytes for the same bank."""
    return zip_bytes(package_files(quizzes))


def zip_bytes(files: Mapping[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
