"""Read ``pathways/`` into a checked :class:`~explorer.model.KnowledgeBase`.

This is the one module that opens data files. It never stops at the first mistake:
every problem is collected, each naming its file and item, and raised together as a
:class:`ValidationError`, so a curator fixes a file in one pass.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import (
    ACTION_SIGNS,
    DRUG_CLASSES,
    EFFECTS,
    ENTITY_KINDS,
    HYPOTHESIS_IDS,
    XREF_KEYS,
    Action,
    Citation,
    Compartment,
    Designation,
    Drug,
    Edge,
    Entity,
    Hypothesis,
    KnowledgeBase,
    Node,
    Reference,
    ScopeEntry,
    Status,
    Trial,
)

__all__ = [
    "DATA_DIR", "MAX_FILE_BYTES", "MAX_KEY_PARTS", "Problem", "ValidationError", "bundled_folder",
    "load_knowledge_base", "validate_paths",
]

def bundled_folder(name: str) -> Path:
    """A top-level folder of the project (``pathways``, ``assets``).

    The wheel ships it inside the package (``explorer/<name>``); in a source checkout
    it stands beside the package, where curators edit it.
    """
    here = Path(__file__).resolve().parent
    return next((p for p in (here / name, here.parent / name) if p.is_dir()), here.parent / name)


#: The curated data.
DATA_DIR = bundled_folder("pathways")
#: A data file larger than this is refused unread: hand-curated TOML is kilobytes.
MAX_FILE_BYTES = 2_000_000
#: A dotted key of more parts than this is refused before parsing (see ``_check_key_depth``).
MAX_KEY_PARTS = 32
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NCT = re.compile(r"^NCT\d{8}$")
_DATE = re.compile(r"^\d{4}(-\d{2})?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data: where it is and what is wrong."""

    file: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.message}" if self.item else f"{self.file}: {self.message}"


class ValidationError(Exception):
    """Every problem found in the data, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n"
                         + "\n".join(f"  {p}" for p in self.problems))


class _Problems(list):
    def add(self, file: str, item: str, message: str) -> None:
        self.append(Problem(file, item, message))


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


class _Refused(Exception):
    """A file left unread or unparsed, with the reason the user sees."""


def _read_limited(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or :class:`_Refused`.

    Never waits and never reads without bound: a FIFO, a device or a folder named
    ``*.toml`` (or a link to one, such as ``/dev/zero``) is refused before it is read,
    and at most the limit plus one byte is read, whatever ``st_size`` claims.
    """
    link = " (through a symbolic link)" if path.is_symlink() else ""
    mode = path.stat().st_mode  # follows links, opens nothing
    if not stat.S_ISREG(mode):
        raise _Refused(f"is {_file_kind(mode)}{link}, not a regular file")
    # Non-blocking, so that a file swapped for a FIFO after the check still cannot stall the open.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise _Refused(f"is {_file_kind(status.st_mode)}{link}, not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            raise _Refused(f"file is {status.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _Refused(f"file is more than {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return data


# Strings and comments, where dots are text, not key separators. The patterns are
# linear: no nested quantifiers, and an unclosed string fails at its line's end.
_STRING_OR_COMMENT = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')
_SPACED_DOT = re.compile(r"[ \t]*\.[ \t]*")
# A run of more than MAX_KEY_PARTS dot-joined parts, tried only where a run starts
# (the look-behind) and without backtracking (the possessive ``*+``): linear in the text.
_DEEP_KEY = re.compile(rf"(?<![A-Za-z0-9_.-])(?:[A-Za-z0-9_-]*+\.){{{MAX_KEY_PARTS}}}")
_KEY_RUN = re.compile(r"[A-Za-z0-9_.-]*")


def _check_key_depth(text: str) -> None:
    """Refuse a dotted key of more than :data:`MAX_KEY_PARTS` parts before ``tomllib`` sees it.

    ``tomllib`` spends time and memory growing with the square of a key's depth: a
    200 KB key ``a.a.a…`` takes seconds, then exhausts memory. Curated keys have two
    or three parts (``[[drug.action]]``).
    """
    # Each string or comment becomes one bare part, keeping its line breaks for the line number.
    bare = _SPACED_DOT.sub(".", _STRING_OR_COMMENT.sub(lambda m: "s" + "\n" * m.group().count("\n"), text))
    deep = _DEEP_KEY.search(bare)
    if deep:
        parts = bare.count(".", deep.start(), _KEY_RUN.match(bare, deep.end()).end()) + 1
        raise _Refused(f"line {bare.count(chr(10), 0, deep.start()) + 1}: a dotted key of {parts:,} parts; "
                       f"the limit is {MAX_KEY_PARTS}")


def read_toml(path: Path, problems: _Problems) -> dict[str, Any] | None:
    """Parse one TOML file, or note why it cannot be read and return None.

    Only regular files are read, at most :data:`MAX_FILE_BYTES` of them, and keys
    deeper than :data:`MAX_KEY_PARTS` are refused before parsing, so that no file
    makes validation hang or run out of memory.
    """
    name = path.name if path.parent.name != "hypotheses" else f"hypotheses/{path.name}"
    try:
        text = _read_limited(path).decode("utf-8")
        _check_key_depth(text)
    except _Refused as refusal:
        problems.add(name, "", str(refusal))
        return None
    except FileNotFoundError:
        problems.add(name, "", "file is missing")
        return None
    except UnicodeDecodeError as error:
        problems.add(name, "", f"not UTF-8 text (byte {error.start}): is it a binary file?")
        return None
    except OSError as error:
        problems.add(name, "", f"cannot be read: {error.strerror or error}")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(name, "", f"malformed TOML: {error}")
    except RecursionError:
        problems.add(name, "", "malformed TOML: nested too deeply")
    return None


class _Fields:
    """Typed reads from one TOML table; each bad or missing field becomes a problem."""

    def __init__(self, data: Any, file: str, item: str, problems: _Problems, allowed: Iterable[str]):
        self.file, self.item, self.problems = file, item, problems
        if not isinstance(data, dict):
            self.problem(f"expected a table, got {type(data).__name__}")
            data = {}
        self.data = data
        for key in data:
            if key not in allowed:
                self.problem(f"unknown field {key!r}")

    def problem(self, message: str) -> None:
        self.problems.add(self.file, self.item, message)

    def _get(self, key: str, kind: type | tuple[type, ...], required: bool, default: Any) -> Any:
        if key not in self.data:
            if required:
                self.problem(f"missing field {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problem(f"field {key!r} should be {names}, got {type(value).__name__}")
            return default
        return value

    def text(self, key: str, required: bool = False) -> str:
        value = self._get(key, str, required, "")
        if required and key in self.data and isinstance(value, str) and not value.strip():
            self.problem(f"field {key!r} is empty")
        return value

    def ident(self, key: str = "id") -> str:
        value = self.text(key, required=True)
        if value and not _ID.match(value):
            self.problem(f"{key} {value!r} is not a lower-case slug (a-z, 0-9, -)")
        return value

    def number(self, key: str) -> float:
        value = self._get(key, (int, float), True, 0)
        return float(value) if not isinstance(value, bool) else 0.0

    def integer(self, key: str, required: bool = True) -> int:
        return self._get(key, int, required, 0)

    def boolean(self, key: str, default: bool) -> bool:
        return self._get(key, bool, False, default)

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, False, [])
        if not all(isinstance(v, str) for v in values):
            self.problem(f"field {key!r} should be a list of strings")
            return ()
        return tuple(values)

    def integers(self, key: str) -> tuple[int, ...]:
        values = self._get(key, list, False, [])
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            self.problem(f"field {key!r} should be a list of whole numbers")
            return ()
        return tuple(values)

    def tables(self, key: str, required: bool = False) -> list[Any]:
        return self._get(key, list, required, [])

    def table(self, key: str) -> dict[str, Any]:
        return self._get(key, dict, False, {})

    def citation(self) -> Citation:
        return Citation(source=self.text("source", required=True),
                        refs=self.integers("refs"), note=self.text("note"))


_CITED = ("source", "refs", "note")


def _references(data: dict, problems: _Problems) -> dict[int, Reference]:
    fields = _Fields(data, "references.toml", "", problems, ["reference"])
    references: dict[int, Reference] = {}
    for i, row in enumerate(fields.tables("reference", required=True), 1):
        f = _Fields(row, "references.toml", f"reference {i}", problems, ["number", "citation", "pmid", "note"])
        number = f.integer("number")
        if number in references:
            f.problem(f"duplicate reference number {number}")
        pmid = f.text("pmid")
        if pmid and not pmid.isdigit():
            f.problem(f"pmid {pmid!r} is not a PubMed id (digits only)")
        references[number] = Reference(number, f.text("citation", required=True), pmid, f.text("note"))
    return references


def _entities(data: dict, problems: _Problems) -> dict[str, Entity]:
    fields = _Fields(data, "entities.toml", "", problems, ["entity"])
    entities: dict[str, Entity] = {}
    for i, row in enumerate(fields.tables("entity", required=True), 1):
        label = row.get("id", i) if isinstance(row, dict) else i
        f = _Fields(row, "entities.toml", f"entity {label!r}", problems,
                    ["id", "name", "kind", "synonyms", "parent", "description", "xrefs", *_CITED])
        entity_id, kind = f.ident(), f.text("kind", required=True)
        if kind and kind not in ENTITY_KINDS:
            f.problem(f"unknown kind {kind!r}; expected one of {', '.join(ENTITY_KINDS)}")
        xrefs = f.table("xrefs")
        for key, value in xrefs.items():
            if key not in XREF_KEYS:
                f.problem(f"unknown xref {key!r}; expected one of {', '.join(XREF_KEYS)}")
            elif not isinstance(value, str) or not value:
                f.problem(f"xref {key!r} should be a non-empty string")
        if entity_id in entities:
            f.problem(f"duplicate entity id {entity_id!r}")
        entities[entity_id] = Entity(
            id=entity_id, name=f.text("name", required=True), kind=kind,
            citation=f.citation(), synonyms=f.texts("synonyms"), parent=f.text("parent"),
            description=f.text("description"),
            xrefs={k: v for k, v in xrefs.items() if isinstance(v, str)},
        )
    return entities


def _compartments(data: dict, problems: _Problems) -> dict[str, Compartment]:
    fields = _Fields(data, "compartments.toml", "", problems, ["compartment"])
    compartments: dict[str, Compartment] = {}
    for i, row in enumerate(fields.tables("compartment", required=True), 1):
        label = row.get("id", i) if isinstance(row, dict) else i
        f = _Fields(row, "compartments.toml", f"compartment {label!r}", problems,
                    ["id", "label", "parent", "entity", "note"])
        compartment_id = f.ident()
        if compartment_id in compartments:
            f.problem(f"duplicate compartment id {compartment_id!r}")
        compartments[compartment_id] = Compartment(
            compartment_id, f.text("label", required=True), f.text("parent"), f.text("entity"))
    return compartments


def _hypothesis(data: dict, file: str, problems: _Problems) -> Hypothesis:
    f = _Fields(data, file, "", problems,
                ["id", "title", "order", "summary", "readouts", "node", "edge", "scope", *_CITED])
    nodes = []
    for i, row in enumerate(f.tables("node", required=True), 1):
        label = row.get("id", i) if isinstance(row, dict) else i
        n = _Fields(row, file, f"node {label!r}", problems,
                    ["id", "entity", "compartment", "label", "x", "y", "site", *_CITED])
        nodes.append(Node(id=n.ident(), entity=n.text("entity", required=True),
                          compartment=n.text("compartment", required=True), label=n.text("label"),
                          x=n.number("x"), y=n.number("y"), citation=n.citation(), site=n.text("site")))
    scope = []
    for i, row in enumerate(f.tables("scope"), 1):
        s = _Fields(row, file, f"scope {i}", problems,
                    ["drugs", "entity", "actions", "sites", "implicit", "quote", *_CITED])
        entry = ScopeEntry(citation=s.citation(), quote=s.text("quote", required=True),
                           drugs=s.texts("drugs"), entity=s.text("entity"), actions=s.texts("actions"),
                           sites=s.texts("sites") or ("",), implicit=s.boolean("implicit", False))
        if bool(entry.drugs) == bool(entry.entity):
            s.problem("name either drugs = [...] or an entity with actions = [...], not both or neither")
        if entry.entity and not entry.actions:
            s.problem("an entity pattern needs actions = [...]")
        for word in entry.actions:
            if word not in ACTION_SIGNS:
                s.problem(f"unknown action {word!r}; expected one of {', '.join(ACTION_SIGNS)}")
        scope.append(entry)
    edges = []
    for i, row in enumerate(f.tables("edge", required=True), 1):
        ends = f"{row.get('source_node', '?')} → {row.get('target_node', '?')}" if isinstance(row, dict) else ""
        e = _Fields(row, file, f"edge {i} ({ends})", problems,
                    ["source_node", "target_node", "effect", "mechanism", *_CITED])
        effect = e.text("effect", required=True)
        if effect and effect not in EFFECTS:
            e.problem(f"unknown effect {effect!r}; expected one of {', '.join(EFFECTS)}")
        edges.append(Edge(source=e.text("source_node", required=True),
                          target=e.text("target_node", required=True), effect=effect,
                          mechanism=e.text("mechanism", required=True), citation=e.citation()))
    return Hypothesis(id=f.ident(), title=f.text("title", required=True), order=f.integer("order"),
                      summary=f.text("summary", required=True), citation=f.citation(),
                      readouts=f.texts("readouts"), nodes=tuple(nodes), edges=tuple(edges),
                      scope=tuple(scope))


def _drugs(data: dict, problems: _Problems) -> dict[str, Drug]:
    fields = _Fields(data, "drugs.toml", "", problems, ["drug"])
    drugs: dict[str, Drug] = {}
    for i, row in enumerate(fields.tables("drug", required=True), 1):
        label = row.get("id", i) if isinstance(row, dict) else i
        item = f"drug {label!r}"
        f = _Fields(row, "drugs.toml", item, problems,
                    ["id", "name", "synonyms", "codes", "class", "components", "table1", "action",
                     "status", "designation", "trial", "notes", "caveats", "source", "refs"])
        drug_id, drug_class = f.ident(), f.text("class", required=True)
        if drug_class and drug_class not in DRUG_CLASSES:
            f.problem(f"unknown class {drug_class!r}; expected one of {', '.join(DRUG_CLASSES)}")
        actions = []
        for j, a_row in enumerate(f.tables("action"), 1):
            a = _Fields(a_row, "drugs.toml", f"{item}, action {j}", problems,
                        ["entity", "action", "site", "component", "via", *_CITED])
            word = a.text("action", required=True)
            if word and word not in ACTION_SIGNS:
                a.problem(f"unknown action {word!r}; expected one of {', '.join(ACTION_SIGNS)}")
            actions.append(Action(entity=a.text("entity", required=True), action=word,
                                  citation=a.citation(), site=a.text("site"),
                                  component=a.text("component"), via=a.text("via")))
        s = _Fields(f.table("status"), "drugs.toml", f"{item}, status", problems,
                    ["completed", "current", "note"])
        designations = []
        for j, d_row in enumerate(f.tables("designation"), 1):
            d = _Fields(d_row, "drugs.toml", f"{item}, designation {j}", problems,
                        ["agency", "designation", "indication", "date"])
            date = d.text("date")
            if date and not _DATE.match(date):
                d.problem(f"date {date!r} should be YYYY or YYYY-MM")
            designations.append(Designation(d.text("agency", required=True),
                                            d.text("designation", required=True),
                                            d.text("indication"), date))
        trials = []
        for j, t_row in enumerate(f.tables("trial"), 1):
            t = _Fields(t_row, "drugs.toml", f"{item}, trial {j}", problems, ["nct", "phase", "note"])
            nct = t.text("nct", required=True)
            if nct and not _NCT.match(nct):
                t.problem(f"{nct!r} is not an NCT identifier (NCT and eight digits)")
            trials.append(Trial(nct, t.text("phase"), t.text("note")))
        if drug_id in drugs:
            f.problem(f"duplicate drug id {drug_id!r}")
        drugs[drug_id] = Drug(
            id=drug_id, name=f.text("name", required=True), drug_class=drug_class,
            citation=Citation(f.text("source", required=True), f.integers("refs")),
            synonyms=f.texts("synonyms"), codes=f.texts("codes"), components=f.texts("components"),
            table1=f.boolean("table1", True), actions=tuple(actions),
            status=Status(s.text("completed"), s.text("current"), s.text("note")),
            designations=tuple(designations), trials=tuple(trials), notes=f.text("notes"),
            caveats=f.texts("caveats"),
        )
    return drugs


def _positions(data: dict, problems: _Problems) -> dict[str, tuple[float, float]]:
    fields = _Fields(data, "integrated.toml", "", problems, ["position"])
    positions: dict[str, tuple[float, float]] = {}
    for i, row in enumerate(fields.tables("position", required=True), 1):
        label = row.get("node", i) if isinstance(row, dict) else i
        f = _Fields(row, "integrated.toml", f"position {label!r}", problems, ["node", "x", "y"])
        node = f.text("node", required=True)
        if node in positions:
            f.problem(f"duplicate position for node {node!r}")
        positions[node] = (f.number("x"), f.number("y"))
    return positions


class _Unchecked(dict):
    """Stands in for a file that could not be read: every id is taken as known."""

    def __contains__(self, key: object) -> bool:
        return True


def _check_citation(citation: Citation, file: str, item: str, references, problems: _Problems,
                    *, required: bool = True) -> None:
    for number in citation.refs:
        if number not in references:
            problems.add(file, item, f"reference {number} does not exist in references.toml")
    if required and not citation.refs and not citation.note.strip():
        problems.add(file, item, "cites no reference: give refs, or a note saying the review gives none")


def _check_hypothesis(h: Hypothesis, file: str, kb_parts: dict, shared: dict, problems: _Problems,
                      shared_edges: dict) -> None:
    entities, compartments, references = kb_parts["entities"], kb_parts["compartments"], kb_parts["references"]
    _check_citation(h.citation, file, "", references, problems)
    node_ids: set[str] = set()
    for node in h.nodes:
        item = f"node {node.id!r}"
        if node.id in node_ids:
            problems.add(file, item, f"duplicate node id {node.id!r}")
        node_ids.add(node.id)
        if node.entity and node.entity not in entities:
            problems.add(file, item, f"unknown entity {node.entity!r}")
        if node.compartment and node.compartment not in compartments:
            problems.add(file, item, f"unknown compartment {node.compartment!r}")
        _check_citation(node.citation, file, item, references, problems)
        first = shared.setdefault(node.id, (node.entity, node.compartment, file))
        if first[:2] != (node.entity, node.compartment):
            problems.add(file, item, f"node id {node.id!r} is {first[0]} in {first[1]} in {first[2]}, "
                                     f"but {node.entity} in {node.compartment} here: a shared id must mean one thing")
    seen_edges: set[tuple[str, str]] = set()
    for i, edge in enumerate(h.edges, 1):
        item = f"edge {i} ({edge.source} → {edge.target})"
        for end in (edge.source, edge.target):
            if end and end not in node_ids:
                problems.add(file, item, f"unknown node {end!r}")
        if (edge.source, edge.target) in seen_edges:
            problems.add(file, item, "duplicate edge")
        seen_edges.add((edge.source, edge.target))
        if edge.source and edge.source == edge.target:
            problems.add(file, item, "an edge may not join a node to itself")
        first_edge = shared_edges.setdefault((edge.source, edge.target), (edge.effect, file))
        if edge.effect in EFFECTS and first_edge[0] in EFFECTS and first_edge[0] != edge.effect:
            problems.add(file, item, f"this edge {edge.effect} here but {first_edge[0]} in {first_edge[1]}: "
                                     "the integrated view would have to pick one")
        _check_citation(edge.citation, file, item, references, problems)
    for i, entry in enumerate(h.scope, 1):
        item = f"scope {i}"
        for drug in entry.drugs:
            if drug not in kb_parts["drugs"]:
                problems.add(file, item, f"unknown drug {drug!r}")
        if entry.entity and entry.entity not in entities:
            problems.add(file, item, f"unknown entity {entry.entity!r}")
        _check_citation(entry.citation, file, item, references, problems)
    for readout in h.readouts:
        if readout not in node_ids:
            problems.add(file, "readouts", f"unknown node {readout!r}")
    if not h.readouts:
        problems.add(file, "readouts", "a hypothesis needs at least one readout node")


def _parent_loops(parents: Mapping[str, str]) -> list[tuple[str, ...]]:
    """Every cycle of a child → parent mapping, once each, in time linear in its size.

    Each cycle starts at its member that comes first in ``parents`` (the file's order).
    An empty or unknown parent ends a chain; it is not a cycle.

    Examples
    --------
    >>> _parent_loops({"a": "b", "b": "a", "c": "a", "d": ""})
    [('a', 'b')]
    """
    order = {child: i for i, child in enumerate(parents)}
    walk_of: dict[str, int] = {}  # each id is visited by one walk only: linear overall
    loops = []
    for walk, start in enumerate(parents):
        path, current = [], start
        while current and current in order and current not in walk_of:
            walk_of[current] = walk
            path.append(current)
            current = parents[current]
        if walk_of.get(current) == walk and current in order:  # this walk came back to itself
            loop = path[path.index(current):]
            first = min(range(len(loop)), key=lambda i: order[loop[i]])
            loops.append(tuple(loop[first:] + loop[:first]))
    return loops


def _format_loop(loop: tuple[str, ...], shown: int = 6) -> str:
    """``a → b → a``; a long loop is shortened to its first links and its size."""
    if len(loop) <= shown:
        return " → ".join([*loop, loop[0]])
    return f"{' → '.join(loop[:shown])} → … → {loop[0]} ({len(loop):,} in the loop)"


def _some(names: tuple[str, ...], shown: int = 6) -> str:
    """``['a', 'b']``, or the first few and the count: a message repeated per item stays short."""
    if len(names) <= shown:
        return str(list(names))
    return f"[{', '.join(map(repr, names[:shown]))}, … ({len(names):,} in all)]"


def _check(kb_parts: dict, hypotheses: dict[str, tuple[str, Hypothesis]], problems: _Problems,
           *, require_panels: bool) -> None:
    entities, compartments, references = kb_parts["entities"], kb_parts["compartments"], kb_parts["references"]
    for entity in entities.values():
        item = f"entity {entity.id!r}"
        if entity.parent and entity.parent not in entities:
            problems.add("entities.toml", item, f"unknown parent {entity.parent!r}")
        _check_citation(entity.citation, "entities.toml", item, references, problems)
    for compartment in compartments.values():
        item = f"compartment {compartment.id!r}"
        if compartment.parent and compartment.parent not in compartments:
            problems.add("compartments.toml", item, f"unknown parent {compartment.parent!r}")
        if compartment.entity and compartment.entity not in entities:
            problems.add("compartments.toml", item, f"unknown entity {compartment.entity!r}")
    for file, kind, records in (("entities.toml", "entity", entities),
                                ("compartments.toml", "compartment", compartments)):
        for loop in _parent_loops({r.id: r.parent for r in records.values()}):
            problems.add(file, f"{kind} {loop[0]!r}", f"parent chain loops: {_format_loop(loop)}")
    shared: dict[str, tuple[str, str, str]] = {}
    shared_edges: dict[tuple[str, str], tuple[str, str]] = {}
    for file, hypothesis in hypotheses.values():
        _check_hypothesis(hypothesis, file, kb_parts, shared, problems, shared_edges)
    if require_panels:
        missing = [h for h in HYPOTHESIS_IDS if h not in hypotheses]
        extra = [h for h in hypotheses if h not in HYPOTHESIS_IDS]
        if missing:
            problems.add("hypotheses/", "", f"missing hypotheses: {', '.join(missing)}")
        if extra:
            problems.add("hypotheses/", "", f"unexpected hypotheses: {', '.join(extra)} "
                                            f"(the six Fig. 1 panels are {', '.join(HYPOTHESIS_IDS)})")
        positions = kb_parts["positions"]
        for node_id in shared:
            if node_id not in positions:
                problems.add("integrated.toml", f"node {node_id!r}", "no position in the integrated layout")
        for node_id in positions if not isinstance(positions, _Unchecked) else ():
            if node_id not in shared:
                problems.add("integrated.toml", f"position {node_id!r}", "names a node that no hypothesis has")
    for drug in kb_parts["drugs"].values():
        item = f"drug {drug.id!r}"
        # A drug may be cited by NCT ids alone (Table 1 gives no reference for some).
        _check_citation(drug.citation, "drugs.toml", item, references, problems, required=False)
        components = set(drug.components)
        for j, action in enumerate(drug.actions, 1):
            a_item = f"{item}, action {j}"
            if action.entity and action.entity not in entities:
                problems.add("drugs.toml", a_item, f"acts on unknown entity {action.entity!r}")
            if action.component and action.component not in components:
                problems.add("drugs.toml", a_item, f"component {action.component!r} is not one of "
                                                   f"the drug's components {_some(drug.components)}")
            _check_citation(action.citation, "drugs.toml", a_item, references, problems)


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
        integrated_positions=kb_parts["positions"],
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
                     "compartments": bundled.compartments, "drugs": bundled.drugs, "positions": {}}
            _check(parts, {hypothesis.id: (path.name, hypothesis)}, file_problems, require_panels=False)
        problems.extend(Problem(str(path), p.item, p.message) for p in file_problems)
    return problems
