"""The QTI 2.1 package: valid against the IMS schemas (vendored in ``tests/schemas/qti``) and
upgraded to QTI 3 by an independent reader, @citolab/qti-convert, without a warning."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from explorer import banks
from tests.nodekit import JS, run_node

SCHEMAS = Path(__file__).parent.parent / "schemas" / "qti"
QTI = {"q": banks.QTI_NAMESPACE}
QTI3 = {"q": "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"}


@pytest.fixture(scope="module")
def package(bank):
    return banks.package_files(bank)


@pytest.fixture(scope="module")
def schemas():
    return (etree.XMLSchema(etree.parse(str(SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd"))),
            etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp_v1p1.xsd"))))


def test_every_file_is_valid_against_the_ims_schemas(package, schemas, questions):
    qti, cp = schemas
    assert set(package) == {"imsmanifest.xml", "assessment.xml", *(f"items/{q.id}.xml" for q in questions)}
    for name, content in package.items():
        schema = cp if name == "imsmanifest.xml" else qti
        document = etree.fromstring(content.encode("utf-8"))
        assert schema.validate(document), f"{name}: {schema.error_log}"


def test_a_broken_item_is_caught_by_the_schema(package, schemas, questions):
    qti, _ = schemas
    item = package[f"items/{questions[0].id}.xml"].replace("correctResponse>", "correctAnswer>")
    assert not qti.validate(etree.fromstring(item.encode("utf-8")))


def test_each_item_asks_one_question_with_its_answer_and_cited_feedback(package, questions):
    for q in questions:
        item = etree.fromstring(package[f"items/{q.id}.xml"].encode("utf-8"))
        assert item.get("identifier") == q.id
        interaction, = item.findall(".//q:choiceInteraction", QTI)
        assert interaction.get("maxChoices") == "1"
        assert [c.get("identifier") for c in interaction.findall("q:simpleChoice", QTI)] == [c.id for c in q.choices]
        assert item.findtext("q:responseDeclaration/q:correctResponse/q:value", namespaces=QTI) == q.correct
        feedback = {f.get("identifier"): "".join(f.itertext()) for f in item.findall("q:modalFeedback", QTI)}
        assert set(feedback) == {c.id for c in q.choices}
        assert feedback[q.correct].startswith("Right:") and all(
            text.startswith("Not quite:") for choice, text in feedback.items() if choice != q.correct)
        for text in feedback.values():
            assert f"Step {q.number}:" in text or q.step is None      # the chain step
            assert "Henter ID, Park LT, Zarate CA Jr." in text
            # the review's reference numbers, or where the review gives none
            assert ("[" in text and "]" in text) or "the review gives no reference number there" in text
        stem = "".join(item.find("q:itemBody", QTI).itertext())
        assert ("Graded (" in stem) == q.graded and ("Practice, not graded" in stem) != q.graded


def test_the_test_weights_practice_at_nothing(package, questions):
    test = etree.fromstring(package["assessment.xml"].encode("utf-8"))
    weights = {ref.get("identifier"): ref.find("q:weight", QTI).get("value")
               for ref in test.iterfind(".//q:assessmentItemRef", QTI)}
    assert weights == {q.id: "1" if q.graded else "0" for q in questions}
    assert "0" in weights.values()


def test_the_zip_is_the_same_bytes_each_time(bank, package):
    data = banks.package_bytes(bank)
    assert data == banks.package_bytes(bank)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        assert {n: archive.read(n).decode("utf-8") for n in archive.namelist()} == package


def test_citolab_qti_convert_upgrades_the_package_without_a_warning(bank, questions, tmp_path):
    source = tmp_path / "moa-questions.zip"
    source.write_bytes(banks.package_bytes(bank))
    tool = JS / "node_modules" / "@citolab" / "qti-convert" / "dist" / "qti-convert-pkg.mjs"
    run = run_node(str(tool), str(source))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""                                          # no warning, no error
    assert "warn" not in run.stdout.casefold() and "error" not in run.stdout.casefold()
    assert "Successfully converted the package" in run.stdout
    with zipfile.ZipFile(tmp_path / "moa-questions-qti3.zip") as archive:
        converted = {n: etree.fromstring(archive.read(n)) for n in archive.namelist() if n.startswith("items/")}
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
    assert set(converted) == {f"items/{q.id}.xml" for q in questions}
    assert manifest.count('type="imsqti_item_xmlv3p0"') == len(questions)
    for q in questions:
        item = converted[f"items/{q.id}.xml"]
        assert item.tag == f"{{{QTI3['q']}}}qti-assessment-item"
        assert item.findtext(".//q:qti-correct-response/q:qti-value", namespaces=QTI3) == q.correct
        assert [c.get("identifier") for c in item.iterfind(".//q:qti-simple-choice", QTI3)] == [c.id for c in q.choices]
        assert len(item.findall("q:qti-modal-feedback", QTI3)) == len(q.choices)
