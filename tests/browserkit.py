"""What the browser tests share: reaching the Cytoscape instance, recording console warnings
and layout shifts."""

from __future__ import annotations


def cy_script(element_id: str) -> str:
    """JS that binds ``cy``, the Cytoscape instance behind ``#element_id`` (null until drawn):
    cytoscape.js registers it on its container."""
    return f"""
const root = document.getElementById('{element_id}');
const holder = root && [root, ...root.querySelectorAll('*')].find(e => e._cyreg && e._cyreg.cy);
const cy = holder ? holder._cyreg.cy : null;
"""


#: Records console warnings (dash_duo's logs hold only errors): Cytoscape warns there
#: about invalid style properties.
RECORD_WARNINGS = """
window.__warnings = [];
const warn = console.warn;
console.warn = function (...args) { window.__warnings.push(args.map(String).join(' '));
                                    return warn.apply(console, args); };
"""
#: dash-cytoscape always passes Cytoscape a wheelSensitivity (1), and Cytoscape warns about it.
KNOWN_WARNINGS = ("custom wheel sensitivity",)


#: Registered before a page's own scripts (CDP ``Page.addScriptToEvaluateOnNewDocument``): every
#: layout shift without a recent input, in ``window.__shifts`` (Core Web Vitals' CLS adds them up).
WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.__shifts.push({value: entry.value, sources: (entry.sources || []).map(
        s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '')});
    }
  }
}).observe({type: 'layout-shift', buffered: true});
"""
