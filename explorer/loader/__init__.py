"""Read ``pathways/`` into a checked :class:`~explorer.model.KnowledgeBase`.

This is the one package that opens data files (:mod:`.files`); :mod:`.records`
parses tables into records and :mod:`.checks` checks them against each other. It
never stops at the first mistake: every problem is collected, each naming its file
and item, and raised together as a :class:`ValidationError`, so a curator fixes a
file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Hypothesis, KnowledgeBase
from .checks import _check, _Unchecked
from .files import MAX_FILE_BYTES, MAX_KEY_PARTS, Problem, ValidationError, _Problems, read_toml
from .records import _compartments, _drugs, _entities, _hypothesis, _parts, _positions, _references

__all__ = [
    "DATA_DIR", "MAX_FILE_BYTES", "MAX_KEY_PARTS", "Problem", "ValidationError", "bundled_folder",
    "load_knowledge_base", "read_toml", "validate_paths",
]


def bundled_folder(name: str) -> Path:
    """A top-level folder of the project (``pathways``, ``assets``).

    The wheel ships it inside the package (``explorer/<name>``); in a source checkout
    it stands beside the package, where curators edit it.
    """
    package = Path(__file__).resolve().parent.parent   # explorer/
    return next((p for p in (package / name, package.parent / name) if p.is_dir()), package.parent / name)


#: The curated data.
DATA_DIR = bundled_folder("pathways")


def _hypothesis_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.toml"))


def load_knowledge_base(directory: Path | str | None = None) -> KnowledgeBase:
    """Load and check a whole ``pathways/`` folder (the bundled one by default).

    Raises :class:`ValidationError` listing every problem found.
    """
    directory = Path(directory) if directory is not None else DATA_DIR
    problems = _Problems()
    if not directory.is_dir():
        raise ValidationError([Problem(str(directory), "", "not a folder of pathway data")])

    def part(name: str, parse):
        data = read_toml(directory / name, problems)
        # An unreadable file is reported once; what refers to it is not reported again.
        return parse(data, problems) if data is not None else _Unchecked()

    references = part("references.toml", _references)
    kb_parts = {
        "references": references,
        "entities": part("entities.toml", _entities),
        "compartments": part("compartments.toml", _compartments),
        "drugs": part("drugs.toml", _drugs),
        "positions": part("integrated.toml", _positions),
        "parts": part("integrated.toml", _parts),
    }
    hypotheses: dict[str, tuple[str, Hypothesis]] = {}
    for path in _hypothesis_files(directory / "hypotheses"):
        file = f"hypotheses/{path.name}"
        data = read_toml(path, problems)
        if data is None:
            continue
        hypothesis = _hypothesis(data, file, problems)
        if hypothesis.id and path.stem != hypothesis.id:
            problems.add(file, "", f"id {hypothesis.id!r} does not match the file name {path.stem!r}")
        if hypothesis.id in hypotheses:
            problems.add(file, "", f"duplicate hypothesis id {hypothesis.id!r}")
        hypotheses[hypothesis.id] = (file, hypothesis)
    _check(kb_parts, hypotheses, problems, require_panels=True)
    if problems:
        raise ValidationError(problems)
    ordered = sorted((h for _, h in hypotheses.values()), key=lambda h: (h.order, h.id))
    return KnowledgeBase(
        references=references, entities=kb_parts["entities"], compartments=kb_parts["compartments"],
        hypotheses={h.id: h for h in ordered}, drugs=kb_parts["drugs"],
        integrated_positions=kb_parts["positions"], integrated_parts=kb_parts["parts"],
    )


def validate_paths(paths: Iterable[Path | str]) -> list[Problem]:
    """Check folders (whole knowledge bases) and single hypothesis files.

    A single ``.toml`` file is read as a user's own pathway (a hypothesis file) and
    checked against the bundled entities, compartments and references. Returns every
    problem; an empty list means all is valid.
    """
    problems = _Problems()
    bundled: KnowledgeBase | None = None
    for path in map(Path, paths):
        if path.is_dir():
            try:
                load_knowledge_base(path)
            except ValidationError as error:
                problems.extend(Problem(f"{path}/{p.file}" if p.file else str(path), p.item, p.message)
                                for p in error.problems)
            continue
        file_problems = _Problems()
        data = read_toml(path, file_problems)
        if data is not None:
            if bundled is None:
                bundled = load_knowledge_base()
            hypothesis = _hypothesis(data, path.name, file_problems)
            # The bundled drugs too: a scope entry may name them (they are checked already).
            parts = {"references": bundled.references, "entities": bundled.entities,
                     "compartments": bundled.compartments, "drugs": bundled.drugs, "positions": {},
                     "parts": ()}
            _check(parts, {hypothesis.id: (path.name, hypothesis)}, file_problems, require_panels=False)
        problems.extend(Problem(str(path), p.item, p.message) for p in file_problems)
    return problems
