"""Parsing TOML tables into the frozen records of :mod:`explorer.model`, naming each
missing or mistyped field with its file and item."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import (
    ACTION_SIGNS,
    DRUG_CLASSES,
    EFFECTS,
    ENTITY_KINDS,
    SCOPE_BASES,
    XREF_KEYS,
    Action,
    Citation,
    Compartment,
    Designation,
    Drug,
    Edge,
    Entity,
    Erratum,
    Evidence,
    Hypothesis,
    Node,
    ReadoutCaveat,
    Reference,
    ScopeEntry,
    SlideLayout,
    Status,
    Trial,
)
from .files import _Problems

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NCT = re.compile(r"^NCT\d{8}$")
_DATE = re.compile(r"^\d{4}(-\d{2})?$")


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

    def point(self, key: str) -> tuple[float, float] | None:
        """An optional ``[x, y]`` pair of numbers."""
        value = self._get(key, list, False, None)
        if value is None:
            return None
        if len(value) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            self.problem(f"field {key!r} should be two numbers, [column, row]")
            return None
        return float(value[0]), float(value[1])

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

    def evidence(self) -> tuple[Evidence, ...]:
        """The ``[[….evidence]]`` tables: the review's sentences, each with its source and refs."""
        found = []
        for j, row in enumerate(self.tables("evidence"), 1):
            e = _Fields(row, self.file, f"{self.item}, evidence {j}", self.problems, ["quote", "source", "refs"])
            found.append(Evidence(e.text("quote", required=True), e.text("source", required=True),
                                  e.integers("refs")))
        return tuple(found)


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
                ["id", "title", "order", "summary", "readouts", "node", "edge", "scope", "caveat", "slide", *_CITED])
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
                    ["drugs", "entity", "actions", "sites", "implicit", "quote", "basis", "likened_to",
                     "evidence", *_CITED])
        citation, quote = s.citation(), s.text("quote", required=True)
        basis = s.text("basis") or ("class" if s.data.get("entity") else "")
        entry = ScopeEntry(citation=citation, quote=quote,
                           drugs=s.texts("drugs"), entity=s.text("entity"), actions=s.texts("actions"),
                           sites=s.texts("sites") or ("",), implicit=s.boolean("implicit", False),
                           basis=basis, likened_to=s.texts("likened_to"),
                           evidence=(Evidence(quote, citation.source, citation.refs), *s.evidence()))
        if bool(entry.drugs) == bool(entry.entity):
            s.problem("name either drugs = [...] or an entity with actions = [...], not both or neither")
        if entry.entity and not entry.actions:
            s.problem("an entity pattern needs actions = [...]")
        if entry.drugs and not basis:
            s.problem('named drugs need basis = "stated" or "analogy"')
        elif basis not in SCOPE_BASES:
            s.problem(f"basis should be one of {', '.join(SCOPE_BASES)}, got {basis!r}")
        elif entry.drugs and basis == "class":
            s.problem('named drugs need basis = "stated" or "analogy" (basis "class" is for patterns)')
        elif entry.entity and basis != "class":
            s.problem("a class pattern never makes a prediction stated or analogy: leave out basis "
                      "(or write \"class\") and name the drugs in an entry of their own")
        if basis == "analogy" and not entry.likened_to:
            s.problem('basis "analogy" needs likened_to = [the drugs the review likens these to]')
        if basis != "analogy" and entry.likened_to:
            s.problem('likened_to belongs to basis "analogy" only')
        for word in entry.actions:
            if word not in ACTION_SIGNS:
                s.problem(f"unknown action {word!r}; expected one of {', '.join(ACTION_SIGNS)}")
        scope.append(entry)
    caveats = []
    for i, row in enumerate(f.tables("caveat"), 1):
        c = _Fields(row, file, f"caveat {i}", problems, ["readout", "drugs", "text", "evidence"])
        caveat = ReadoutCaveat(readout=c.text("readout", required=True), text=c.text("text", required=True),
                               drugs=c.texts("drugs"), evidence=c.evidence())
        if not caveat.evidence:
            c.problem("a caveat quotes the review: add [[caveat.evidence]] with quote, source, refs")
        caveats.append(caveat)
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
    slide = None
    if "slide" in f.data:
        slide = _slide_layout(f.table("slide"), file, "slide", problems, [n.id for n in nodes])
    return Hypothesis(id=f.ident(), title=f.text("title", required=True), order=f.integer("order"),
                      summary=f.text("summary", required=True), citation=f.citation(),
                      readouts=f.texts("readouts"), nodes=tuple(nodes), edges=tuple(edges),
                      scope=tuple(scope), caveats=tuple(caveats), slide=slide)


def _slide_layout(data: Any, file: str, item: str, problems: _Problems, nodes: Iterable[str] | None,
                  titled: bool = False) -> SlideLayout:
    """A ``[slide]`` table: ``legend = [column, row]`` and a ``[slide.nodes]`` table giving
    each node's ``[column, row]`` (every node of the view, when ``nodes`` names them)."""
    f = _Fields(data, file, item, problems, ["nodes", "legend", *(["title"] if titled else [])])
    positions = {}
    for node, value in f.table("nodes").items():
        point = _Fields({node: value}, file, f"{item}.nodes", problems, [node]).point(node)
        if point is not None:
            positions[node] = point
    if not positions:
        f.problem("give each node's [column, row] in a nodes table")
    if nodes is not None:
        known = list(nodes)
        missing = [n for n in known if n not in positions]
        unknown = [n for n in positions if n not in known]
        if missing:
            f.problem(f"no [column, row] for node {', '.join(map(repr, missing))}: a slide layout places every node")
        if unknown:
            f.problem(f"unknown node {', '.join(map(repr, unknown))} in the slide layout")
    return SlideLayout(positions, f.point("legend"), f.text("title", required=True) if titled else "")


def _drugs(data: dict, problems: _Problems) -> dict[str, Drug]:
    fields = _Fields(data, "drugs.toml", "", problems, ["drug"])
    drugs: dict[str, Drug] = {}
    for i, row in enumerate(fields.tables("drug", required=True), 1):
        label = row.get("id", i) if isinstance(row, dict) else i
        item = f"drug {label!r}"
        f = _Fields(row, "drugs.toml", item, problems,
                    ["id", "name", "synonyms", "codes", "class", "components", "table1", "action",
                     "status", "designation", "trial", "notes", "caveats", "erratum", "source", "refs"])
        drug_id, drug_class = f.ident(), f.text("class", required=True)
        if drug_class and drug_class not in DRUG_CLASSES:
            f.problem(f"unknown class {drug_class!r}; expected one of {', '.join(DRUG_CLASSES)}")
        actions = []
        for j, a_row in enumerate(f.tables("action"), 1):
            a = _Fields(a_row, "drugs.toml", f"{item}, action {j}", problems,
                        ["entity", "action", "site", "component", "via", "quote", *_CITED])
            word = a.text("action", required=True)
            if word and word not in ACTION_SIGNS:
                a.problem(f"unknown action {word!r}; expected one of {', '.join(ACTION_SIGNS)}")
            actions.append(Action(entity=a.text("entity", required=True), action=word,
                                  citation=a.citation(), site=a.text("site"),
                                  component=a.text("component"), via=a.text("via"),
                                  quote=a.text("quote")))
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
        errata = []
        for j, e_row in enumerate(f.tables("erratum"), 1):
            e = _Fields(e_row, "drugs.toml", f"{item}, erratum {j}", problems, ["review", "standard", *_CITED])
            errata.append(Erratum(e.text("review", required=True), e.text("standard", required=True),
                                  e.citation()))
        if drug_id in drugs:
            f.problem(f"duplicate drug id {drug_id!r}")
        drugs[drug_id] = Drug(
            id=drug_id, name=f.text("name", required=True), drug_class=drug_class,
            citation=Citation(f.text("source", required=True), f.integers("refs")),
            synonyms=f.texts("synonyms"), codes=f.texts("codes"), components=f.texts("components"),
            table1=f.boolean("table1", True), actions=tuple(actions),
            status=Status(s.text("completed"), s.text("current"), s.text("note")),
            designations=tuple(designations), trials=tuple(trials), notes=f.text("notes"),
            caveats=f.texts("caveats"), errata=tuple(errata),
        )
    return drugs


def _parts(data: dict, problems: _Problems) -> tuple[SlideLayout, ...]:
    """The integrated view's slides: each ``[[part]]`` a titled slide layout of some of its nodes."""
    fields = _Fields(data, "integrated.toml", "", problems, ["position", "part"])
    return tuple(_slide_layout(row, "integrated.toml", f"part {i}", problems, None, titled=True)
                 for i, row in enumerate(fields.tables("part"), 1))


def _positions(data: dict, problems: _Problems) -> dict[str, tuple[float, float]]:
    fields = _Fields(data, "integrated.toml", "", problems, ["position", "part"])
    positions: dict[str, tuple[float, float]] = {}
    for i, row in enumerate(fields.tables("position", required=True), 1):
        label = row.get("node", i) if isinstance(row, dict) else i
        f = _Fields(row, "integrated.toml", f"position {label!r}", problems, ["node", "x", "y"])
        node = f.text("node", required=True)
        if node in positions:
            f.problem(f"duplicate position for node {node!r}")
        positions[node] = (f.number("x"), f.number("y"))
    return positions
