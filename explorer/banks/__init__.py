"""Question banks for learning-management systems: pure text generators, one module per format.

* IMS QTI 2.1 content package (Canvas, Blackboard, any QTI 2.1 reader):
  :func:`package_files`, :func:`package_bytes` (the zip);
* Moodle XML: :func:`moodle_xml`;
* GIFT (Moodle's plain-text format): :func:`gift_text`.

Each takes the quizzes of :func:`explorer.quiz.question_bank` and renders their
records: every question, its answers and feedback read the same in each format, with
the same ids. Nothing here writes files (see :mod:`explorer.export`).
"""

from .common import BANK_NAME, category, feedback_html, item_title, stem_html
from .gift import gift_escape, gift_question, gift_text
from .moodle import moodle_question, moodle_xml
from .qti import (
    CP_NAMESPACE,
    QTI_NAMESPACE,
    assessment_item,
    assessment_test,
    item_path,
    manifest,
    package_bytes,
    package_files,
)

__all__ = [
    "BANK_NAME", "BANK_SUFFIXES", "CP_NAMESPACE", "QTI_NAMESPACE", "assessment_item", "assessment_test", "bank_bytes",
    "category",
    "feedback_html", "gift_escape", "gift_question", "gift_text", "item_path", "item_title", "manifest",
    "moodle_question", "moodle_xml", "package_bytes", "package_files", "stem_html",
]

#: The suffix of each bank's file, and how its bytes are made.
BANK_SUFFIXES = (".zip", ".xml", ".gift")


def bank_bytes(quizzes, suffix: str) -> bytes:
    """The bank in the format of ``suffix`` (``.zip`` QTI 2.1, ``.xml`` Moodle, ``.gift``)."""
    if suffix == ".zip":
        return package_bytes(quizzes)
    if suffix == ".xml":
        return moodle_xml(quizzes).encode("utf-8")
    if suffix == ".gift":
        return gift_text(quizzes).encode("utf-8")
    raise ValueError(f"no question bank format for {suffix!r}; use one of {' '.join(BANK_SUFFIXES)}")
