"""The page around the embedded data: markup, a stylesheet and a small script, all inline.

Nothing here asks the network for anything: no external script, font, stylesheet or
image (system fonts only, links are plain ``<a>``), so the file works opened from
disk and pasted into a course page. Every rule and id is scoped under
``#moa-explorer`` so a host page's styles and ours leave each other alone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape

from ..style import EFFECT_WORDS
from .fragments import drug_label, el, text
from .quiz import QUIZ_SCRIPT, QUIZ_STYLE, quiz_markup

__all__ = ["EARLY_SCRIPT", "SCRIPT", "STYLE", "embed_json", "filled", "inline_hashes", "page"]

STYLE = """
#moa-explorer{--ink:#111;--muted:#3E4C59;--line:#D5DBE1;--amber:#7A4B00;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:var(--ink);display:flex;flex-direction:column;height:100vh;
min-height:560px;box-sizing:border-box;background:#fff}
#moa-explorer *{box-sizing:border-box}
#moa-explorer h1,#moa-explorer h2,#moa-explorer h3{color:var(--ink);font-family:inherit;text-transform:none}
#moa-explorer header{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;padding:8px 14px;
border-bottom:1px solid var(--line);background:#F7F9FA}
#moa-explorer header h1{font-size:17px;margin:0 8px 0 0}
#moa-explorer label{font-weight:600;font-size:14px}
#moa-explorer select{font:inherit;font-weight:400;margin-left:6px;padding:3px 4px;max-width:min(320px,70vw)}
#moa-explorer .moa-main{display:flex;flex:1;min-height:0}
#moa-explorer .moa-left{flex:1;min-width:0;display:flex;flex-direction:column;padding:6px 10px}
#moa-stage{flex:1;min-height:0;position:relative}
#moa-stage svg{width:100%;height:100%;display:block}
#moa-explorer aside{width:410px;max-width:42vw;overflow:auto;padding:4px 16px 16px;border-left:1px solid var(--line)}
#moa-explorer aside h2{font-size:19px;margin:12px 0 4px}
#moa-explorer aside h3{font-size:17px;margin:10px 0 4px}
#moa-explorer aside h4{font-size:14px;margin:12px 0 2px;color:var(--muted)}
#moa-explorer aside p{margin:4px 0}
#moa-explorer aside ul,#moa-explorer aside ol{margin:4px 0;padding-left:22px}
#moa-explorer .refs{font-size:13px}
#moa-explorer .source,#moa-explorer .kind,#moa-explorer .note,#moa-explorer .basis-note{color:var(--muted);
font-size:13.5px}
#moa-explorer .hint{color:var(--muted);font-style:italic}
#moa-explorer .caveat{border:2px dashed var(--amber);background:#FFF6E5;color:var(--amber);font-style:italic;
padding:4px 8px;margin:4px 0;border-radius:4px}
#moa-caveat{margin:2px 0 4px}
#moa-notice{margin:2px 0;padding:4px 8px;background:#EAF2FA;border-left:4px solid #0072B2}
#moa-explorer .effect{border:1px solid var(--line);border-radius:6px;padding:4px 8px;margin:6px 0}
#moa-explorer .effect.effect-extrapolated{border:2px dashed var(--amber);background:#FFFBF3}
#moa-explorer .effect-head{font-size:16px}
#moa-explorer .symbol{font-size:18px}
#moa-explorer .basis{display:inline-block;font-size:13px;font-weight:600;padding:0 6px;border-radius:3px}
#moa-explorer .basis-stated{background:#E3F4EE;color:#00573F}
#moa-explorer p.basis-extrapolated{background:#FFF1D6;color:var(--amber);border:1px dashed var(--amber);
font-style:italic}
#moa-explorer .chain{font-size:14px}
#moa-details{border:2px solid #E69F00;border-radius:6px;padding:0 10px 8px;margin:10px 0;position:relative}
#moa-details button{position:absolute;right:6px;top:6px;font:inherit;font-size:13px}
#moa-explorer .moa-keys{font-size:12.5px;color:var(--muted);margin:2px 0 0}
#moa-wide{font:inherit;font-size:13px;margin-left:auto}
#moa-explorer.wide aside{display:none}
#moa-explorer .up{color:#007E5C}#moa-explorer .down{color:#B55000}#moa-explorer .both{color:#995B7D}
#moa-explorer .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
#moa-explorer :focus-visible{outline:3px solid #0072B2;outline-offset:2px}
#moa-stage g:focus{outline:none}
#moa-stage g:focus-visible{outline:3px solid #0072B2;outline-offset:3px}
#moa-explorer footer{font-size:12px;color:var(--muted);padding:4px 14px;border-top:1px solid var(--line)}
#moa-stage g.node,#moa-stage g.edge{cursor:pointer}
#moa-stage g.node.dim>:nth-child(2){fill-opacity:.35;stroke-opacity:.75}
#moa-stage g.node.dim text{fill:#52606D}
#moa-stage g.edge.dim line{stroke-dasharray:5 4}
#moa-stage g.edge.lit{filter:drop-shadow(0 0 2px #E69F00) drop-shadow(0 0 1px #E69F00)}
#moa-stage g.node.lit{filter:drop-shadow(0 0 3px #E69F00) drop-shadow(0 0 2px #E69F00)}
#moa-stage g.node.target>:nth-child(2){stroke:#000;stroke-width:4px}
#moa-stage g.selected{filter:drop-shadow(0 0 4px #0072B2) drop-shadow(0 0 2px #0072B2)}
#moa-stage g.node.selected>:nth-child(2){stroke:#0072B2;stroke-width:4px}
#moa-stage .extrapolated .moa-mark rect{stroke-dasharray:3 2}
#moa-stage .moa-mark text{font-size:15px;font-weight:700;text-anchor:middle}
#moa-stage .moa-mark rect{fill:#fff;stroke-width:1.5px}
#moa-stage .moa-mark.up rect{stroke:#007E5C}#moa-stage .moa-mark.up text{fill:#007E5C}
#moa-stage .moa-mark.down rect{stroke:#B55000}#moa-stage .moa-mark.down text{fill:#B55000}
#moa-stage .moa-mark.both rect{stroke:#995B7D}#moa-stage .moa-mark.both text{fill:#995B7D}
#moa-stage .moa-action{font-size:12px;font-weight:700;text-anchor:end;fill:#000;paint-order:stroke;
stroke:#fff;stroke-width:3px}
#moa-stage .hit{stroke:transparent;stroke-width:12px}
#moa-explorer.moa-wait .moa-main{visibility:hidden}
""" + "".join(f"#moa-explorer .symbol.effect-{effect}{{color:{word['ink']}}}"
              for effect, word in EFFECT_WORDS.items()) + """
@media (max-width:900px){#moa-explorer{height:auto}#moa-explorer .moa-main{flex-direction:column}
#moa-stage{height:70vh}#moa-explorer aside{width:auto;max-width:none;border-left:0}}
"""

# The first thing in the explorer's element: a link that asks for another view than the one drawn
# in the markup hides the figure and the panel until the script has drawn that view (the file is
# large, and what shows while it arrives would otherwise jump when the script swaps it).
EARLY_SCRIPT = r"""
(function (root) {
"use strict";
var asked = {hypothesis: root.getAttribute("data-hypothesis"), drug: root.getAttribute("data-drug")};
if (location.hash.replace(/^#/, "").split("&").some(function (pair) {
  var i = pair.indexOf("="), key, value;
  if (i < 0) return false;
  try { key = decodeURIComponent(pair.slice(0, i)); value = decodeURIComponent(pair.slice(i + 1)); }
  catch (e) { return true; }
  if (key === "mode") return value.split(",").indexOf("quiz") >= 0;
  return (key === "hypothesis" || key === "drug") && value !== asked[key];
})) root.classList.add("moa-wait");
})(document.currentScript.parentNode);
"""

# Hand-written, no libraries: read the embedded data, swap the view's SVG in, toggle
# classes, add the sign marks, put the Python-made (escaped) fragments in place.
SCRIPT = r"""
(function () {
"use strict";
var data = JSON.parse(document.getElementById("moa-data").textContent);
var $ = function (id) { return document.getElementById(id); };
var SVG = "http://www.w3.org/2000/svg", SYMBOL = {up: "\u25B2", down: "\u25BC", both: "\u25B2\u25BC"};
var views = {}, state = {hypothesis: data.initial.hypothesis, drug: data.initial.drug, pick: null, cursor: null};
data.views.forEach(function (v) { views[v.id] = v; });
function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
function decode(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }

function readHash(hash) {
  var notice = [];
  hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var i = pair.indexOf("=");
    if (i < 0) return;
    var key = decode(pair.slice(0, i)), value = decode(pair.slice(i + 1));
    if (key === "mode") { quiz.on = value.split(",").indexOf("quiz") >= 0; return; }
    if (key === "q") { quiz.q = /^\d+$/.test(value) ? +value : 0; return; }
    if (key !== "hypothesis" && key !== "drug") return;
    if (key === "hypothesis" ? has(views, value) : !value || has(data.drugs, value)) state[key] = value;
    else notice.push("no " + key + " \u201C" + value + "\u201D in this file");
  });
  $("moa-notice").textContent = notice.length ? "The link asks for " + notice.join(" and ") + ": showing " +
    views[state.hypothesis].title + (state.drug ? " with " + data.drugs[state.drug].name : "") + "." : "";
  $("moa-notice").hidden = !notice.length;
}
function writeHash() {
  var hash = "#hypothesis=" + encodeURIComponent(state.hypothesis) + "&drug=" + encodeURIComponent(state.drug)
    + (quiz.on ? "&mode=quiz" + (quiz.q ? "&q=" + quiz.q : "") : "");
  if (location.hash === hash) return;
  try { history.replaceState(null, "", hash); } catch (e) { /* a sandboxed frame: the view still works */ }
}
function fillRefs(box) {
  box.querySelectorAll("ol.refs[data-refs]").forEach(function (ol) {
    ol.getAttribute("data-refs").split(" ").forEach(function (n) {
      var ref = data.references[n], li = document.createElement("li"), a;
      if (!ref) return;
      li.value = +n;
      li.appendChild(document.createTextNode(ref.text + " "));
      if (ref.pmid) {
        a = document.createElement("a");
        a.href = "https://pubmed.ncbi.nlm.nih.gov/" + ref.pmid + "/";
        a.target = "_blank"; a.rel = "noopener noreferrer"; a.textContent = "PubMed " + ref.pmid;
        li.appendChild(a);
      }
      ol.appendChild(li);
    });
  });
}
function put(id, html) { var box = $(id); box.innerHTML = html; fillRefs(box); box.hidden = !html; }
function make(tag, attrs, parent) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  parent.appendChild(node);
  return node;
}
function shapeBox(group) { return group.children[1].getBBox(); }  // [0] is the <title>

function drawView(v) {
  var stage = $("moa-stage"), svg;
  if (stage.getAttribute("data-view") !== v.id) { stage.innerHTML = v.svg; stage.setAttribute("data-view", v.id); }
  svg = stage.querySelector("svg");
  if (!svg.hasAttribute("data-ready")) {
    svg.setAttribute("data-ready", "");
    svg.removeAttribute("width"); svg.removeAttribute("height");
    svg.querySelectorAll("g[data-node],g[data-edge]").forEach(function (g) {  // the arrow keys reach them
      g.setAttribute("tabindex", "-1"); g.setAttribute("role", "button");
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {  // a wide invisible line: arrows are easy to click
      var line = g.querySelector("line");
      if (line) g.insertBefore(line.cloneNode(false), line).setAttribute("class", "hit");
    });
    make("g", {id: "moa-marks"}, svg);
  }
  return svg;
}
function overlay(svg, v, o) {
  var active = !!o && Object.keys(o.targets).length > 0, marks = svg.querySelector("#moa-marks");
  var lit = {}, edges = {};
  if (active) { o.lit.forEach(function (n) { lit[n] = 1; }); o.edges.forEach(function (e) { edges[e] = 1; }); }
  svg.querySelectorAll("g[data-node]").forEach(function (g) {
    var id = g.getAttribute("data-node"), target = active && id in o.targets;
    g.classList.toggle("lit", !!lit[id]);
    g.classList.toggle("target", target);
    g.classList.toggle("dim", active && !lit[id] && !target && v.readouts.indexOf(id) < 0);
    g.classList.toggle("selected", !!state.pick && state.pick[1] === id);
  });
  svg.querySelectorAll("g[data-edge]").forEach(function (g) {
    var id = g.getAttribute("data-edge");
    g.classList.toggle("lit", !!edges[id]);
    g.classList.toggle("dim", active && !edges[id]);
    g.classList.toggle("selected", !!state.pick && state.pick[1] === id);
  });
  marks.textContent = "";
  marks.classList.toggle("extrapolated", !!o && o.extrapolated);
  if (!active) return;
  Object.keys(o.marks).forEach(function (id) {
    var g = svg.querySelector('g[data-node="' + id + '"]'), box, mark, symbol = SYMBOL[o.marks[id]];
    if (!g) return;
    box = shapeBox(g);
    mark = make("g", {"class": "moa-mark " + o.marks[id], "data-mark": id}, marks);
    var w = 9 + 11 * symbol.length, x = box.x + box.width - 6;  // by the top right corner, clear of the label
    make("rect", {x: x, y: box.y - 13, width: w, height: 19, rx: 4}, mark);
    make("text", {x: x + w / 2, y: box.y + 2}, mark).textContent = symbol;
  });
  Object.keys(o.targets).forEach(function (id) {
    var g = svg.querySelector('g[data-node="' + id + '"]'), box;
    if (!g) return;
    box = shapeBox(g);
    // Above the node, ending before its sign mark.
    make("text", {"class": "moa-action", x: box.x + box.width - 9, y: box.y - 4}, marks).textContent = o.targets[id];
  });
}
// The keyboard: one node (or arrow) of the figure is in the Tab order; the arrow keys move it
// in reading order (nodes top to bottom, left to right, then the arrows), Home and End to the
// first and last, Enter or Space shows its details, Escape leaves for the figure itself.
function items() {
  return views[state.hypothesis].order.map(function (id) {
    return $("moa-stage").querySelector('g[data-node="' + id + '"],g[data-edge="' + id + '"]');
  }).filter(Boolean);
}
function rove(g, focus) {
  items().forEach(function (other) { other.setAttribute("tabindex", other === g ? "0" : "-1"); });
  state.cursor = g.getAttribute("data-node") || g.getAttribute("data-edge");
  if (focus) g.focus();
}
function label(v, o) {  // each node and arrow said in words (the account's), with the drug's sign
  var drug = state.drug ? data.drugs[state.drug].name : "", all = items();
  all.forEach(function (g) {
    var id = g.getAttribute("data-node") || g.getAttribute("data-edge"), said = [v.labels[id] || id];
    var sign = o && data.signs[o.marks[id]];  // none for the quiz's "?" mark
    if (sign && Object.keys(o.targets).length) said.push(sign + " under " + drug + ".");
    if (o && o.targets[id]) said.push("Target of " + drug + ": " + o.targets[id] + ".");
    g.setAttribute("aria-label", said.join(" "));
  });
  var current = all.filter(function (g) {
    return (g.getAttribute("data-node") || g.getAttribute("data-edge")) === state.cursor;
  })[0];
  if (all.length) rove(current || all[0], false);
  $("moa-stage").setAttribute("aria-label", "Pathway graph: " + v.title + (drug ? ", with " + drug : ""));
  $("moa-desc").textContent = (o && o.description) || v.description;  // the quiz's overlay has none: no sign said
}
function details() {
  var v = views[state.hypothesis], pick = state.pick, html = "";
  if (pick) html = (pick[0] === "node" ? v.nodes : v.edges)[pick[1]] || "";
  put("moa-details-body", html);
  $("moa-details").hidden = !html;
}
function render() {
  var v = has(views, state.hypothesis) ? views[state.hypothesis] : data.views[0], o, svg;
  state.hypothesis = v.id;
  if (!has(data.drugs, state.drug)) state.drug = "";
  $("moa-hypothesis").value = v.id;
  $("moa-drug").value = state.drug;
  o = state.drug ? data.overlays[v.id][state.drug] : null;
  svg = drawView(v);
  var shown = quiz.on ? quizOverlay(o) : o;  // the quiz lets a sign through once it is answered
  overlay(svg, v, shown);
  label(v, shown);
  $("moa-caveat").textContent = o && o.caveat ? o.caveat : "";
  $("moa-caveat").hidden = !(o && o.caveat);
  put("moa-caption", v.caption);
  put("moa-effects", o ? o.panel : data.hint);
  put("moa-drug-info", state.drug ? data.drugs[state.drug].panel : "");
  details();
  quizRender();
  writeHash();
}

""" + QUIZ_SCRIPT + r"""
$("moa-hypothesis").addEventListener("change", function (e) {
  quiz.q = 0;
  state.hypothesis = e.target.value; state.pick = null; state.cursor = null; $("moa-notice").hidden = true; render();
});
$("moa-drug").addEventListener("change", function (e) {
  quiz.q = 0;
  state.drug = e.target.value; $("moa-notice").hidden = true; render();
});
$("moa-stage").addEventListener("click", function (e) {
  var g = e.target.closest("g[data-node],g[data-edge]");
  state.pick = g ? (g.hasAttribute("data-node") ? ["node", g.getAttribute("data-node")]
                                                 : ["edge", g.getAttribute("data-edge")]) : null;
  render();
  if (g && $("moa-explorer").classList.contains("wide")) $("moa-wide").click();  // details live in the panel
  if (g) $("moa-details").scrollIntoView({block: "nearest"});
});
$("moa-wide").addEventListener("click", function (e) {
  var wide = $("moa-explorer").classList.toggle("wide");
  e.target.textContent = wide ? "Show panel" : "Hide panel";
  e.target.setAttribute("aria-pressed", String(wide));
});
$("moa-stage").addEventListener("keydown", function (e) {
  var g = e.target.closest && e.target.closest("g[data-node],g[data-edge]"), all = items(), i = all.indexOf(g);
  var to = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: all.length - 1}[e.key];
  if (to !== undefined && all.length) {
    e.preventDefault();
    rove(all[Math.min(Math.max(to, 0), all.length - 1)], true);
  } else if ((e.key === "Enter" || e.key === " ") && g) {
    e.preventDefault();
    g.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    rove(g, true);   // the focus stays on it: the details are told in #moa-status
    $("moa-status").textContent = "Details shown: " + (g.querySelector("title") || {}).textContent;
  } else if (e.key === "Escape" && g) {
    e.preventDefault();
    $("moa-stage").focus();
  }
});
$("moa-details-close").addEventListener("click", function () { state.pick = null; render(); });
function follow(hash) {
  var before = state.hypothesis;
  readHash(hash);
  if (state.hypothesis !== before) state.pick = null;
  render();
}
window.addEventListener("hashchange", function () { follow(location.hash); });
// A link to another view is followed here, not by the browser: pasted into a page as an
// iframe's srcdoc, the file's base is the host page's, and "#…" would load that page in the frame.
$("moa-explorer").addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest('a[href^="#"]');
  if (!a || e.defaultPrevented) return;
  e.preventDefault();
  follow(a.getAttribute("href"));
});
try {
  readHash(location.hash);
  render();
} finally {
  $("moa-explorer").classList.remove("moa-wait");  // EARLY_SCRIPT hid the view a link asks for until now
}
})();
"""


def embed_json(data) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</`` or ``<!--`` can end it early."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("</", "<\\/").replace("<!--", "\\u003c!--"))


_EMPTY_REFS = re.compile(r'<ol class="refs" data-refs="([0-9 ]*)"></ol>')


def filled(html: str, references: dict) -> str:
    """A fragment with its references listed as the script lists them (``fillRefs``): the
    markup of the view the file opens at is then what the script draws, and nothing moves."""
    def items(found: re.Match) -> str:
        out = []
        for n in found.group(1).split():
            ref = references.get(n)
            if ref is None:
                continue
            link = el("a", f"PubMed {ref['pmid']}", href=f"https://pubmed.ncbi.nlm.nih.gov/{ref['pmid']}/",
                      target="_blank", rel="noopener noreferrer") if ref.get("pmid") else ""
            out.append(el("li", escape(ref["text"]) + " " + link, value=n))
        return found.group(0)[:-len("</ol>")] + "".join(out) + "</ol>"
    return _EMPTY_REFS.sub(items, html)


def inline_hashes(document: str) -> dict[str, list[str]]:
    """The CSP sources (``'sha256-…'``) of a page's inline scripts (not its JSON data, which no
    policy governs) and stylesheets: ``{"script": [...], "style": [...]}``."""
    def sources(pattern: str) -> list[str]:
        return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
                for body in re.findall(pattern, document, flags=re.S)]
    return {"script": sources(r"<script>(.*?)</script>"), "style": sources(r"<style>(.*?)</style>")}


def page(data: dict, groups: list, hypothesis_titles: dict[str, str]) -> str:
    """The whole document: header with the selectors, the figure, the side panel, the citation."""
    initial = data["initial"]
    first = next(v for v in data["views"] if v["id"] == initial["hypothesis"])
    # The side panel and the caveat as the script's first render() makes them, so that nothing
    # is inserted above what has painted while the rest of the file arrives.
    overlay = data["overlays"][first["id"]][initial["drug"]] if initial["drug"] else None
    refs = data["references"]
    caveat = overlay["caveat"] if overlay else ""
    drug_info = data["drugs"][initial["drug"]]["panel"] if initial["drug"] else ""
    hypotheses = "".join(el("option", escape(title), value=view, selected="" if view == first["id"] else None)
                         for view, title in hypothesis_titles.items())
    drugs = el("option", "(none)", value="") + "".join(
        el("optgroup", "".join(el("option", escape(drug_label(d)), value=d.id,
                                  selected="" if d.id == initial["drug"] else None) for d in members), label=label)
        for label, members in groups)
    keys = ('<span class="up">▲ rises</span> · <span class="down">▼ falls</span> · '
            '<span class="both">▲▼ routes of both signs meet</span> · glow: on a route to a readout · '
            'bold outline: the drug’s target · faded: off those routes · click a node or an arrow for details, '
            '<span id="moa-keys">or Tab to the figure: the arrow keys move from node to node (then the arrows) '
            'in reading order, Enter shows the details, Escape leaves</span>')
    header = el("header", text("h1", "Glutamatergic MoA Explorer")
                + el("label", "Hypothesis" + el("select", hypotheses, id="moa-hypothesis"))
                + el("label", "Drug" + el("select", drugs, id="moa-drug"))
                + el("button", "Quiz", id="moa-quiz-toggle", type="button", aria_pressed="false")
                + el("button", "Hide panel", id="moa-wide", type="button", aria_pressed="false"))
    left = el("div", el("p", "", id="moa-notice", role="status", hidden="")
              + el("p", escape(caveat), id="moa-caveat", class_="caveat", hidden=None if caveat else "")
              + el("div", first["svg"], id="moa-stage", data_view=first["id"], role="group", tabindex="-1",
                   aria_label=f"Pathway graph: {first['title']}", aria_describedby="moa-desc moa-keys")
              + text("p", first["description"], id="moa-desc", class_="sr")
              + el("p", "", id="moa-status", role="status", class_="sr")
              + el("p", keys, class_="moa-keys"), class_="moa-left")
    aside = el("aside", quiz_markup(data["quiz"]["choices"])
               + el("section", el("button", "close", id="moa-details-close", type="button")
                    + el("div", "", id="moa-details-body"), id="moa-details", hidden="")
               + el("section", filled(overlay["panel"] if overlay else data["hint"], refs), id="moa-effects")
               + el("section", filled(drug_info, refs), id="moa-drug-info", hidden=None if drug_info else "")
               + el("section", filled(first["caption"], refs), id="moa-caption"))
    # The stylesheet sits inside the explorer's element: pasting that element into a page keeps it.
    body = el("div", el("script", EARLY_SCRIPT) + el("style", STYLE + QUIZ_STYLE) + header
              + el("main", left + aside, class_="moa-main")
              + text("footer", data["citation"], id="moa-citation")
              + el("noscript", text("p", "The drug selector and the details need JavaScript; the figure above "
                                         "is the view this file was made for."))
              + el("script", embed_json(data), type="application/json", id="moa-data")
              + el("script", SCRIPT), id="moa-explorer", data_hypothesis=first["id"], data_drug=initial["drug"])
    return ("<!DOCTYPE html>\n" + el("html", el("head", '<meta charset="utf-8">'
                                                 '<meta name="viewport" content="width=device-width,initial-scale=1">'
                                                 + text("title", "Glutamatergic MoA Explorer (Henter, Park & "
                                                                 "Zarate 2021)")
                                                 + el("style", "body{margin:0}"))
                                     + el("body", body), lang="en") + "\n")
