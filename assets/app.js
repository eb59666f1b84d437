// Small browser-side helpers for the explorer. Everything here is progressive enhancement:
// the app works without it (the buttons it drives are ordinary Dash buttons).
//
// Sections: 1. keys (one place: every shortcut and every widget's keys), 2. fit, 3. copy link,
// 4. download view, 5. the graph from the keyboard, 6. the matrix from the keyboard, 7. Table 1
// (sorting, filters, a row opens its drug),
// 8. what third-party components lack (ARIA roles and names), 9. watching the page,
// 10. present mode (full screen, the details overlay), 11. the first view makes way,
// 12. print (the graph as a picture).

(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function cyInstance() {
    var root = $("graph");
    var holder = root && [root].concat(Array.from(root.querySelectorAll("div"))).find(function (e) {
      return e._cyreg && e._cyreg.cy;
    });
    var cy = holder ? holder._cyreg.cy : null;
    return cy && !cy.destroyed() ? cy : null;  // the pathway tab unmounts the graph when hidden
  }
  function flagged(flag) {
    var flags = $("view-flags");
    return Boolean(flags && flags.classList.contains(flag));
  }
  function presenting() { return flagged("present"); }
  function shown(element) { return Boolean(element && element.offsetParent !== null); }
  function click(id) {
    var button = $(id);
    if (shown(button)) { button.click(); return true; }
    return false;
  }
  function setProps(id, props) {
    if (window.dash_clientside && window.dash_clientside.set_props) { window.dash_clientside.set_props(id, props); }
  }
  function say(id, text) { var region = $(id); if (region) { region.textContent = text; } }

  // 1. Keys. One table of page shortcuts, and the keys of each widget that has its own
  //    (the graph, the matrix, the tabs). A key goes to the focused widget first; what it
  //    leaves goes to the page's shortcuts, unless the focus is in a field or an open menu.
  //    To add a shortcut, add it to PAGE_KEYS (a handler returns true when it used the key).
  //    A presenter's clicker sends PageDown and PageUp: in present mode they step, as Space does
  //    (where Space does not press a button or follow a link of its own).
  function pressable(target) {
    return target && target.closest && target.closest("a[href], button, [role='button'], [role='tab'], summary");
  }
  var PAGE_KEYS = {
    ArrowRight: function () { return click("step-next"); },
    ArrowLeft: function () { return click("step-back"); },
    PageDown: function () { return presenting() && click("step-next"); },
    PageUp: function () { return presenting() && click("step-back"); },
    " ": function (event) { return presenting() && !pressable(event.target) && click("step-next"); },
    p: function () { return click("present-toggle"); },
    f: function () { fit(true); return true; },
    s: function () { return presenting() && toggleFullscreen(); },
    "+": function () { return click("type-larger"); },
    "=": function () { return click("type-larger"); },
    "-": function () { return click("type-smaller"); },
    Escape: function () { return closeDetails() || (presenting() && click("present-toggle")); }
  };
  var WIDGETS = [];  // [{matches(target), keys(event) -> handled}], in order; sections 5, 6 and 8 add theirs
  function pageKey(event) {
    var handler = PAGE_KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    return Boolean(handler && handler(event));
  }
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
                      || (target.closest && target.closest(".dash-dropdown-content")));
  }
  // A closed dropdown keeps the page's shortcuts (P, F, ← →): Dash's dropdown would start a
  // search with the letter. It still opens with ↓, Enter or any other letter.
  function closedDropdown(target) {
    return target && target.matches && target.matches("button.dash-dropdown[aria-expanded='false']");
  }
  var swallowed = null;
  function swallow(event) { event.stopPropagation(); swallowed = event.key; }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target, handled = false;
    var widget = WIDGETS.find(function (w) { return w.matches(target); });
    if (widget) { handled = widget.keys(event); }
    if (!handled && closedDropdown(target)) {
      if (/^(ArrowLeft|ArrowRight|PageDown|PageUp|p|P|f|F|s|S|\+|=|-)$/.test(event.key)) { handled = pageKey(event); }
      if (handled) { swallow(event); }
    } else if (!handled && !typing(target)) {
      handled = pageKey(event);
    }
    if (handled) { event.preventDefault(); }
  }, true);
  document.addEventListener("keyup", function (event) {  // the dropdown acts on keyup: not on ours
    if (swallowed !== null && event.key === swallowed) { event.stopPropagation(); swallowed = null; }
  }, true);
  // Which input moved the focus last: the graph's arrow keys are its own when Tab brought the
  // focus there, the step-through's when a click did.
  var lastPointer = 0;
  document.addEventListener("pointerdown", function () { lastPointer = Date.now(); }, true);

  // 2. Fit: the button, and whenever the graph's box changes size (window resized, tab
  //    shown again, present mode) or its elements are replaced (another hypothesis). Only
  //    the viewport moves; node positions never change. In a narrow window (a phone, a window
  //    zoomed to 200 %) the automatic fit stops where labels would fall below MIN_LABEL CSS px:
  //    the graph then pans inside its box (drag, or the arrow keys' focus), starting at the
  //    drug's route or at the top left. The Fit button and F always show the whole graph.
  var MIN_LABEL = 12, NARROW = 700;
  // Present mode's step caption goes beside the graph (a wide window, a tall graph) or under it
  // (a wide graph): whichever leaves the graph the larger zoom, so its type the larger. The
  // sizes are the stage's and the caption's as app.css gives them, so the choice is stable.
  function placeCaption(cy) {
    var stage = document.querySelector(".stage"), title = $("canvas-title");
    var place = "beside";
    if (presenting() && flagged("stepping") && stage && window.innerWidth > NARROW) {
      var box = cy.elements().boundingBox(), rows = title ? title.getBoundingClientRect().height : 0;
      var width = stage.clientWidth, height = stage.clientHeight - rows;
      var beside = Math.min(Math.max(300, 0.24 * window.innerWidth), 420) + 8, below = 0.17 * window.innerHeight + 8;
      var zoomBeside = Math.min((width - beside) / box.w, height / box.h);
      var zoomBelow = Math.min(width / box.w, (height - below) / box.h);
      place = zoomBelow > zoomBeside ? "below" : "beside";
    }
    if (document.documentElement.getAttribute("data-caption") !== place) {
      document.documentElement.setAttribute("data-caption", place);
    }
  }
  var fitted = false;
  function fit(whole) {
    var cy = cyInstance();
    if (!cy) { return; }
    fitted = true;
    placeCaption(cy);
    cy.resize();
    cy.fit(undefined, presenting() ? 8 : 30);  // present mode spends little of the projector on margins
    makeWay();
    var node = cy.nodes(".entity").first();
    var font = node.length ? parseFloat(node.style("font-size")) : 13;
    var legible = MIN_LABEL / font;
    if (whole === true || window.innerWidth > NARROW || cy.zoom() >= legible) { return; }
    var lit = cy.nodes(".entity").filter(function (n) { return n.style("underlay-opacity") > 0; });
    var start = (lit.length ? lit : cy.nodes(".entity")).boundingBox();
    cy.zoom(legible);
    cy.pan({ x: 12 - start.x1 * legible, y: 12 - start.y1 * legible });
  }
  var watched = null, watchedCy = null, pending = null, again = null;
  function fitSoon() {
    clearTimeout(pending);
    clearTimeout(again);
    pending = setTimeout(fit, 60);  // once the box has settled, not at every step of a drag
    // and once more when the page has settled: a box or a layout that arrives late (fonts,
    // a wrapped header, Cytoscape's own layout pass) must not leave the graph half out of view
    again = setTimeout(fit, 450);
  }
  var resize = new ResizeObserver(fitSoon);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#fit")) { fit(true); }
  });

  // 3. Copy link: the address bar holds the whole view.
  function copied(text) {
    say("copy-status", text);
    setTimeout(function () { say("copy-status", ""); }, 2500);
  }
  function copyFallback(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    copied(ok ? "Link copied" : "Copy the address bar to share this view");
  }
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest("#copy-link"))) { return; }
    var text = window.location.href;
    window.__copiedLink = text;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied("Link copied"); },
                                               function () { copyFallback(text); });
    } else {
      copyFallback(text);
    }
  });

  // 4. Download view: the graph as shown, at twice the screen's resolution, on a white
  //    margin, named "<view>-view.png" (the server's figure is "<view>-figure.png").
  var MARGIN = 24;
  function downloadView(kind) {
    var cy = cyInstance();
    if (!cy) { return; }
    var scale = 2;
    var src = cy.png({ full: true, scale: scale, bg: "#FFFFFF", output: "base64uri" });
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      var margin = MARGIN * scale;
      canvas.width = image.width + 2 * margin;
      canvas.height = image.height + 2 * margin;
      var context = canvas.getContext("2d");
      context.fillStyle = "#FFFFFF";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, margin, margin);
      var name = ($("export-name") || {}).textContent || "moa-view";
      var link = document.createElement("a");
      link.download = name + "." + kind;
      link.href = canvas.toDataURL(kind === "jpg" ? "image/jpeg" : "image/png", 0.95);
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    };
    image.src = src;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#export-png, #export-jpg");
    if (button) { downloadView(button.id === "export-jpg" ? "jpg" : "png"); }
  });

  // 5. The graph from the keyboard. Tab reaches #graph-region; the arrow keys move a visible
  //    focus (the Cytoscape class "kbd-focus") from node to node in reading order, the order
  //    of the server's node list (#graph-nodes: top to bottom, left to right), and each node's
  //    sentence from that list is read out (#graph-focus, a live region); Home and End go to
  //    the first and last node; Enter selects it (node= in the link, its details shown, in
  //    present mode too); Escape leaves the nodes (the focus stays on the graph).
  var cursor = null, nodeKeys = false;
  function nodeOrder() {
    var list = Array.from(document.querySelectorAll("#graph-nodes [data-node]"));
    var cy = cyInstance();
    return list.map(function (li) { return li.getAttribute("data-node"); })
      .filter(function (id) { return !cy || cy.getElementById(id).length; });  // a part shows some of them
  }
  function showCursor(id) {
    var cy = cyInstance();
    if (!cy) { return; }
    cy.nodes(".kbd-focus").removeClass("kbd-focus");
    cursor = id;
    if (id === null) { return; }
    var node = cy.getElementById(id);
    if (!node.length) { cursor = null; return; }
    node.addClass("kbd-focus");
    var box = node.renderedBoundingBox({ includeLabels: true }), pad = 24;
    var dx = box.x1 < pad ? pad - box.x1 : box.x2 > cy.width() - pad ? cy.width() - pad - box.x2 : 0;
    var dy = box.y1 < pad ? pad - box.y1 : box.y2 > cy.height() - pad ? cy.height() - pad - box.y2 : 0;
    if (dx || dy) { cy.panBy({ x: dx, y: dy }); }  // never animated: no motion a user did not ask for
    var order = nodeOrder(), item = document.querySelector('#graph-nodes [data-node="' + CSS.escape(id) + '"]');
    say("graph-focus", (order.indexOf(id) + 1) + " of " + order.length + ": " + (item ? item.textContent : id));
  }
  function graphKeys(event) {
    var order = nodeOrder();
    if (!nodeKeys || !order.length) { return false; }
    var i = cursor === null ? -1 : order.indexOf(cursor);
    var selected = new URLSearchParams(window.location.search).get("node");
    var from = i < 0 && order.indexOf(selected) >= 0 ? order.indexOf(selected) : i;
    var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (moves[event.key] !== undefined) {
      var next = from < 0 ? 0 : i < 0 ? from : Math.min(Math.max(from + moves[event.key], 0), order.length - 1);
      showCursor(order[next]);
      return true;
    }
    if (event.key === "Home" || event.key === "End") { showCursor(order[event.key === "Home" ? 0 : order.length - 1]); return true; }
    if ((event.key === "Enter" || event.key === " ") && cursor !== null) {
      setProps("graph", { tapNodeData: { id: cursor, timeStamp: Date.now() } });
      return true;
    }
    if (event.key === "Escape" && cursor !== null) {
      showCursor(null);
      say("graph-focus", "Left the nodes. Tab moves on; the arrow keys come back to the nodes.");
      return true;
    }
    return false;
  }
  WIDGETS.push({ matches: function (target) { return target && target.id === "graph-region"; }, keys: graphKeys });
  document.addEventListener("focusin", function (event) {
    if (event.target.id !== "graph-region") { return; }
    nodeKeys = Date.now() - lastPointer > 800;  // Tab (or a screen reader), not a click
    if (cursor !== null) { showCursor(cursor); }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.id !== "graph-region") { return; }
    var cy = cyInstance();
    if (cy) { cy.nodes(".kbd-focus").removeClass("kbd-focus"); }  // the position is kept for the return
  });

  // 6. The matrix from the keyboard: Tab to it, the arrow keys move a cell with a visible
  //    frame (its words are read out, #matrix-cell), Enter opens it as a click would. After
  //    opening a cell the focus goes to the graph it opened; back on the matrix, to that cell.
  // returning: null, "graph" (a cell was just opened: focus the graph it opened) or "matrix"
  // (then back to the matrix, on that cell, when it is shown again).
  var cell = { trace: 0, row: 0, col: 0 }, returning = null;
  function matrixPlot() { return document.querySelector("#matrix .js-plotly-plot"); }
  function cellFrame(plot) {
    var trace = plot._fullData && plot._fullData[cell.trace], layout = plot._fullLayout;
    if (!trace || !layout) { return null; }
    var xa = layout[trace.xaxis === "x" ? "xaxis" : "xaxis" + trace.xaxis.slice(1)];
    var ya = layout[trace.yaxis === "y" ? "yaxis" : "yaxis" + trace.yaxis.slice(1)];
    var x = xa.d2c(trace.x[cell.col]), y = ya.d2c(trace.y[cell.row]);
    var left = xa._offset + Math.min(xa.l2p(x - 0.5), xa.l2p(x + 0.5));
    var top = ya._offset + Math.min(ya.l2p(y - 0.5), ya.l2p(y + 0.5));
    return { left: left, top: top, width: Math.abs(xa.l2p(x + 0.5) - xa.l2p(x - 0.5)),
             height: Math.abs(ya.l2p(y + 0.5) - ya.l2p(y - 0.5)) };
  }
  function showCell(plot) {
    var trace = plot.data[cell.trace];
    if (!trace) { return; }
    say("matrix-cell", trace.hovertext[cell.row][cell.col].replace(/<br>/g, " · "));
    var subplot = cell.trace === 0 ? "xy" : "x" + (cell.trace + 1) + "y" + (cell.trace + 1);
    try {   // its hover label too, beside the cell (a visual aid only)
      window.Plotly.Fx.hover(plot, [{ curveNumber: cell.trace, pointNumber: [cell.row, cell.col] }], subplot);
    } catch (e) { /* no label then */ }
    var holder = $("matrix"), frame = holder.querySelector(".matrix-focus"), box = cellFrame(plot);
    if (!frame) {
      frame = document.createElement("div");
      frame.className = "matrix-focus";
      frame.setAttribute("aria-hidden", "true");
      holder.appendChild(frame);
    }
    if (box) {
      var origin = holder.getBoundingClientRect(), at = plot.getBoundingClientRect();
      frame.style.left = (at.left - origin.left + box.left) + "px";
      frame.style.top = (at.top - origin.top + box.top) + "px";
      frame.style.width = box.width + "px";
      frame.style.height = box.height + "px";
      var rect = frame.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) { frame.scrollIntoView({ block: "nearest" }); }
    }
  }
  function matrixKeys(event) {
    var plot = matrixPlot();
    if (!plot || !plot.data) { return false; }
    var trace = plot.data[cell.trace];
    var rows = trace.y.length, cols = trace.x.length;
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[event.key]) {
      var move = moves[event.key];
      cell.row = Math.min(Math.max(cell.row + move[0], 0), rows - 1);
      cell.col += move[1];
      if (cell.col >= cols && cell.trace + 1 < plot.data.length) { cell.trace += 1; cell.col = 0; }
      else if (cell.col < 0 && cell.trace > 0) { cell.trace -= 1; cell.col = plot.data[cell.trace].x.length - 1; }
      cell.col = Math.min(Math.max(cell.col, 0), plot.data[cell.trace].x.length - 1);
      showCell(plot);
      return true;
    }
    if (event.key === "Enter" || event.key === " ") {
      returning = "graph";
      setProps("matrix", { clickData: { points: [{ curveNumber: cell.trace, x: trace.x[cell.col], y: trace.y[cell.row] }] } });
      return true;
    }
    return false;
  }
  WIDGETS.push({ matches: function (target) { return target && target.id === "matrix"; }, keys: matrixKeys });
  // On a phone (the matrix narrower than PHONE px) the two readouts' heatmaps stand one above
  // the other, each the full width, and the drugs' names wrap before their codes, so that a
  // cell is large enough to tap; wider again, the figure is as the server made it.
  var PHONE = 560, PHONE_ROW = 34, PHONE_GAP = 96, PHONE_TEXT = 11;
  function wrapName(name) {   // the code on a line of its own; a long hyphenated word at its hyphen
    return name.split(" (").map(function (part) {
      return part.length > 20 ? part.replace(/-(?=[^-]*$)/, "-<br>") : part;
    }).join("<br>(");
  }
  function phoneMatrix(plot) {
    var layout = plot._fullLayout, Plotly = window.Plotly;
    if (!layout || !Plotly || !plot.data || plot.data.length !== 2 || !layout.yaxis2) { return; }
    var narrow = plot.getBoundingClientRect().width < PHONE;
    if (Boolean(plot.__phone) === narrow) { return; }
    if (!plot.__wide) {
      plot.__wide = { height: plot.layout.height, "xaxis.domain": layout.xaxis.domain.slice(),
                      "xaxis2.domain": layout.xaxis2.domain.slice(), "yaxis.domain": layout.yaxis.domain.slice(),
                      "yaxis2.domain": layout.yaxis2.domain.slice(), "yaxis2.showticklabels": false,
                      "yaxis.ticktext": layout.yaxis.ticktext.slice(), "yaxis2.ticktext": layout.yaxis2.ticktext.slice(),
                      "annotations[0].x": layout.annotations[0].x, "annotations[0].y": layout.annotations[0].y,
                      "annotations[1].x": layout.annotations[1].x, "annotations[1].y": layout.annotations[1].y };
    }
    plot.__phone = narrow;
    if (!plot.__textSize) { plot.__textSize = plot.data[0].textfont.size; }
    // The marks at a size that fits a phone's cell ("≈req." the widest), as the server's otherwise.
    Plotly.restyle(plot, { "textfont.size": narrow ? PHONE_TEXT : plot.__textSize });
    if (!narrow) { Plotly.relayout(plot, plot.__wide); return; }
    var rows = plot.data[0].y.length, panel = PHONE_ROW * rows, area = 2 * panel + PHONE_GAP;
    var top = layout.margin.t, bottom = layout.margin.b, names = plot.__wide["yaxis.ticktext"].map(wrapName);
    Plotly.relayout(plot, {
      height: area + top + bottom, "xaxis.domain": [0, 1], "xaxis2.domain": [0, 1],
      "yaxis.domain": [(panel + PHONE_GAP) / area, 1], "yaxis2.domain": [0, panel / area],
      "yaxis2.showticklabels": true, "yaxis.ticktext": names, "yaxis2.ticktext": names,
      "annotations[0].x": 0.5, "annotations[0].y": 1, "annotations[1].x": 0.5, "annotations[1].y": panel / area
    });
  }


  // 7. Table 1 (drawn whole by the server, views/table.py). A header's button sorts by its
  //    column (again: the other way round; aria-sort says which; a cell's data-sort, where it
  //    has one, is what it sorts by: the stage's rank). The box under a header keeps the rows
  //    whose cell holds its words (any part, any case; all the boxes at once). A click on a row,
  //    or Enter on a drug's name, opens that drug (the store "table-open", which the server
  //    reads); a trial's link opens only its trial. ↑ and ↓ move between the drugs' names.
  //    The chosen drug's row is marked (a style rule on its data-drug: sorting moves rows).
  function tableRows(table) { return Array.from(table.tBodies[0].rows); }
  function sortKey(row, column) {
    var cell = row.cells[column], rank = cell.getAttribute("data-sort");
    return rank !== null ? Number(rank) : cell.textContent.trim().toLowerCase();
  }
  function sortTable(button) {
    var table = button.closest("table"), header = button.closest("th");
    var column = header.cellIndex, up = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", up ? "ascending" : "descending");
    var rows = tableRows(table).map(function (row, i) { return { row: row, key: sortKey(row, column), i: i }; });
    rows.sort(function (a, b) {
      if ((a.key === "") !== (b.key === "")) { return a.key === "" ? 1 : -1; }  // empty cells last, either way
      var order = typeof a.key === "number" ? a.key - b.key : a.key.localeCompare(b.key);
      return (up ? order : -order) || a.i - b.i;
    });
    var body = table.tBodies[0];
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  function filterTable(table) {
    var words = Array.from(table.querySelectorAll(".filter-row td")).map(function (cell) {
      var box = cell.querySelector("input");
      return box ? box.value.trim().toLowerCase() : "";
    });
    var shown = 0, rows = tableRows(table);
    rows.forEach(function (row) {
      var keep = words.every(function (w, i) { return !w || row.cells[i].textContent.toLowerCase().indexOf(w) >= 0; });
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    say("table-count", shown === rows.length ? "" : shown + " of " + rows.length + " drugs shown");
  }
  document.addEventListener("input", function (event) {
    var table = event.target.closest && event.target.closest("#drug-table");
    if (table && event.target.closest(".filter-row")) { filterTable(table); }
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    var sort = target.closest && target.closest("#drug-table .sort-button");
    if (sort) { sortTable(sort); return; }
    var row = target.closest && target.closest("#drug-table tbody tr[data-drug]");
    if (!row || target.closest("a[href]")) { return; }
    if (!target.closest("button") && String(window.getSelection ? window.getSelection() : "")) { return; }  // copying words
    var cell = target.closest("td");
    setProps("table-open", { data: { rowId: row.getAttribute("data-drug"), colId: cell ? cell.className.replace(/^col-/, "") : "",
                                     timestamp: Date.now() } });
  });
  function tableKeys(event) {
    var moves = { ArrowDown: 1, ArrowUp: -1 }, move = moves[event.key];
    if (!move) { return false; }
    var names = Array.from(document.querySelectorAll("#drug-table tbody tr:not([hidden]) .open-drug"));
    var next = names[names.indexOf(event.target) + move];
    if (next) { next.focus(); }
    return true;
  }
  WIDGETS.push({ matches: function (target) { return target && target.matches && target.matches("#drug-table .open-drug"); },
                 keys: tableKeys });
  var markedDrug = null;
  function markDrugRow() {
    var flags = $("view-flags");
    var drug = flags ? flags.getAttribute("data-drug") || "" : "";
    if (drug === markedDrug) { return; }
    markedDrug = drug;
    var style = $("selected-drug-style");
    if (!style) {
      style = document.createElement("style");
      style.id = "selected-drug-style";
      document.head.appendChild(style);
    }
    style.textContent = drug ? "#drug-table tr[data-drug=\"" + CSS.escape(drug) + "\"] " +
      "{ background: #f4fbd4; font-weight: 600; }" : "";
  }

  // 8. What third-party components lack, set here because they take no props for it.
  //    Dash's tabs are <div>s: a tablist of tabs (one in the Tab order, ← → move, Enter or
  //    Space opens). Dash's dropdown puts a hidden input in the Tab order, in front of its
  //    button (for Safari): the button itself takes the focus, named by its visible label
  //    and its value. The search field in an open dropdown is named after it.
  function tabs() { return Array.from(document.querySelectorAll("#tabs .tab")); }
  function markTabs() {
    var list = $("tabs");
    if (!list) { return; }
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", "Views");
    var focused = document.activeElement;
    tabs().forEach(function (tab) {
      var selected = tab.classList.contains("tab--selected");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-selected", String(selected));
      tab.setAttribute("aria-controls", tab.id === "tab-pathway" ? "pathway" : "tab-panel");
      if (!focused || !focused.classList || !focused.classList.contains("tab")) {
        tab.setAttribute("tabindex", selected ? "0" : "-1");
      }
    });
    var panel = document.querySelector("#tabs-parent .tab-content");
    var chosen = document.querySelector("#tabs .tab--selected");
    if (panel && chosen) {
      panel.id = "tab-panel";
      if (chosen.id === "tab-pathway") { panel.removeAttribute("role"); panel.removeAttribute("aria-labelledby"); }
      else { panel.setAttribute("role", "tabpanel"); panel.setAttribute("aria-labelledby", chosen.id); }
    }
    var pathway = $("pathway");
    if (pathway) { pathway.setAttribute("role", "tabpanel"); pathway.setAttribute("aria-labelledby", "tab-pathway"); }
  }
  function tabKeys(event) {
    var all = tabs(), i = all.indexOf(event.target.closest(".tab"));
    var to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to !== undefined) {
      to = (to + all.length) % all.length;
      all.forEach(function (tab, j) { tab.setAttribute("tabindex", j === to ? "0" : "-1"); });
      all[to].focus();
      return true;
    }
    if (event.key === "Enter" || event.key === " ") { event.target.closest(".tab").click(); return true; }
    return false;
  }
  WIDGETS.push({ matches: function (target) { return target && target.closest && target.closest("#tabs .tab"); },
                 keys: tabKeys });
  // Enter on the option already chosen (or, in the search field, on a first match that is the
  // chosen one) would clear a single choice: Dash's dropdown toggles it. Keep it; close the menu.
  function dropdownKeys(event) {
    if (event.key !== "Enter") { return false; }
    var target = event.target, content = target.closest(".dash-dropdown-content"), chosen = false;
    if (target.matches(".dash-dropdown-search")) {
      var first = content.querySelector(".dash-dropdown-option[data-option-index='0'] input");
      chosen = Boolean(first && first.type === "radio" && first.checked && target.value);
    } else {
      chosen = target.type === "radio" && target.checked;
    }
    if (!chosen) { return false; }
    swallow(event);   // the dropdown acts on keyup: that one too
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    return true;
  }
  WIDGETS.push({ matches: function (target) { return target && target.matches && target.matches(
    ".dash-dropdown-content input"); }, keys: dropdownKeys });
  function fixDropdowns() {
    document.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var input = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (!button) { return; }
      if (input && !input.__moaFixed) {
        input.__moaFixed = true;
        input.setAttribute("tabindex", "-1");
        // The dropdown's own code puts it back in the Tab order on every blur: keep it out.
        Object.defineProperty(input, "tabIndex", { get: function () { return -1; }, set: function () {},
                                                   configurable: true });
      }
      if (button.getAttribute("tabindex") !== "0") { button.setAttribute("tabindex", "0"); }
      var label = button.id && document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      var names = label && label.id ? label.id + " " + button.id + "-value" : null;
      if (names && button.getAttribute("aria-labelledby") !== names) { button.setAttribute("aria-labelledby", names); }
      var search = wrapper.querySelector(".dash-dropdown-search:not([aria-label])");
      if (search && label) { search.setAttribute("aria-label", "Search: " + label.textContent); }
      // The open menu: a named dialog holding a group of radio buttons (its options are <label>s
      // around radio inputs, which a listbox of options may not hold).
      button.setAttribute("aria-haspopup", "dialog");
      var content = wrapper.querySelector(".dash-dropdown-content");
      if (content && label) { content.setAttribute("aria-label", label.textContent); }
      var list = wrapper.querySelector(".dash-options-list[role='listbox']");
      if (list) { list.setAttribute("role", "radiogroup"); if (label) { list.setAttribute("aria-label", label.textContent); } }
      wrapper.querySelectorAll(".dash-options-list-option[role]").forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
  }

  // 9. Watching the page: Dash redraws parts of it at every view.
  document.addEventListener("click", function (event) {
    var skip = event.target.closest && event.target.closest("#skip-link");
    if (!skip) { return; }
    event.preventDefault();
    var region = $("graph-region");
    (shown(region) ? region : $("main")).focus();
  });
  var matrixSeen = null, fittedFor = null;
  function enhance() {
    markDrugRow();
    markTabs();
    fixDropdowns();
    var matrix = $("matrix");
    if (matrix && matrix !== matrixSeen) {
      matrixSeen = matrix;
      matrix.setAttribute("tabindex", "0");
      // A widget of its own (arrow keys, Enter), not a grid: plotly draws no rows or cells.
      matrix.setAttribute("role", "application");
      matrix.setAttribute("aria-label", "Drug by hypothesis matrix: arrow keys move from cell to cell, Enter opens it");
      matrix.setAttribute("aria-describedby", "matrix-cell");
      matrix.addEventListener("focus", function () { var plot = matrixPlot(); if (plot && plot.data) { showCell(plot); } });
    }
    var plot = matrix && matrixPlot();
    if (plot && plot._fullLayout) { phoneMatrix(plot); }
    if (returning === "matrix" && plot && plot.data && plot._fullLayout) {
      returning = null;
      matrix.focus();   // back from the cell it opened, once the figure is drawn
    }
    if (returning === "graph" && !matrix && shown($("graph-region"))) {
      returning = "matrix";
      $("graph-region").focus();   // the view the cell opened, where the keys go on
    }
    var root = $("graph");
    var holder = root && [root].concat(Array.from(root.querySelectorAll("div"))).find(function (e) {
      return e._cyreg && e._cyreg.cy;
    });
    if (watched && !watched.isConnected) { resize.unobserve(watched); watched = null; }
    if (holder && holder !== watched) {
      if (watched) { resize.unobserve(watched); }
      watched = holder;
      resize.observe(holder);
    }
    var cy = cyInstance();
    if (cy && cy !== watchedCy) {
      watchedCy = cy;
      // A new hypothesis replaces the elements: fit once they are all in, whatever
      // the order in which the box and the elements arrive; the keyboard's node goes.
      // A new room (a drug compared or no longer, present mode, the type, a part) moves them.
      cy.on("add remove", fitSoon);
      cy.on("position", fitSoon);
      cy.on("remove", function () { cursor = null; });
      fitSoon();
    }
    // Another drug, drug compared, room: their labels change size, so the graph is fitted again
    // (a selection or a step leaves the view where the user put it).
    var flags = $("view-flags"), fitFor = flags ? flags.getAttribute("data-fit") : null;
    if (fitFor !== null && fitFor !== fittedFor) {
      if (fittedFor !== null) { fitSoon(); }
      fittedFor = fitFor;
    }
    presentEnhance();
    makeWay();
  }

  // 11. The first view (explorer/views/first.py): the link's view as the server drew it, over
  //     the app, until the app has drawn the same graph (its elements in, the view's overlay
  //     applied, fitted to its box): then it goes, two frames on, when Cytoscape has painted.
  //     Nothing under it moves as it goes, so nothing shifts.
  function makeWay() {
    var first = $("first-view"), cy = cyInstance();
    if (first && fitted && cy && cy.nodes().length && $("view-flags")) {
      requestAnimationFrame(function () { requestAnimationFrame(function () { first.remove(); }); });
    }
  }
  // 10. Present mode. Full screen (the button, key S; Esc or the button leaves) through the
  //     Fullscreen API, the page whole, so present mode's layout fills the screen. A node's
  //     details are an overlay over the graph (a non-modal dialog): the focus goes into it
  //     when it opens and back to the graph when it closes (its button, or Esc).
  function toggleFullscreen() {
    var root = document.documentElement;
    if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); return true; }
    if (!root.requestFullscreen) { return false; }
    root.requestFullscreen().catch(function () { say("export-status", "Full screen is not allowed here"); });
    return true;
  }
  function markFullscreen() {
    var button = $("fullscreen");
    if (!button) { return; }
    var on = Boolean(document.fullscreenElement);
    button.setAttribute("aria-pressed", String(on));
    if (button.textContent !== (on ? "Leave full screen" : "Full screen")) {
      button.textContent = on ? "Leave full screen" : "Full screen";
    }
  }
  document.addEventListener("fullscreenchange", function () { markFullscreen(); fitSoon(); });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#fullscreen")) { toggleFullscreen(); }
  });
  function detailsOpen() { return presenting() && flagged("selected"); }
  function closeDetails() {
    if (!detailsOpen()) { return false; }
    var close = $("details-close");
    if (!close) { return false; }
    close.click();
    return true;
  }
  function sideAwayFromSelection() {
    var cy = cyInstance(), query = new URLSearchParams(window.location.search), side = "right";
    var id = query.get("node") || query.get("edge");
    var chosen = cy && id ? cy.getElementById(id) : null;
    if (chosen && chosen.length) {
      var box = chosen.renderedBoundingBox();
      if ((box.x1 + box.x2) / 2 > cy.width() / 2) { side = "left"; }
    }
    document.documentElement.setAttribute("data-details", side);
  }
  var overlayWas = false, placedFor = null;
  function presentEnhance() {
    markFullscreen();
    var stage = document.querySelector(".stage"), tools = document.querySelector(".canvas-tools");
    if (stage && tools) {
      var room = presenting() ? (tools.offsetWidth + 12) + "px" : "0px";
      if (stage.style.getPropertyValue("--tools-w") !== room) { stage.style.setProperty("--tools-w", room); }
    }
    var details = $("details"), open = detailsOpen();
    if (details) {
      if (open) {
        details.setAttribute("role", "dialog");
        details.setAttribute("aria-labelledby", "details-title");
      } else if (details.getAttribute("role")) {
        details.removeAttribute("role");
        details.removeAttribute("aria-labelledby");
      }
    }
    var selection = open ? window.location.search : null;
    if (open && selection !== placedFor) { sideAwayFromSelection(); }
    placedFor = selection;
    var title = $("details-title");
    if (open && title && (!overlayWas || !details.contains(document.activeElement))) {
      var into = !overlayWas || document.activeElement === document.body || !document.activeElement;
      if (into) {
        title.setAttribute("tabindex", "-1");
        title.focus({ preventScroll: true });
      }
    }
    if (!open && overlayWas) {
      var active = document.activeElement;
      if (!active || active === document.body || (details && details.contains(active))) {
        var region = $("graph-region");
        if (shown(region)) { region.focus({ preventScroll: true }); }
      }
    }
    overlayWas = open;
    document.querySelectorAll(".part-button").forEach(function (button) {
      var flags = $("view-flags"), current = flags && ("part-" + flags.getAttribute("data-part")) === button.id;
      if (button.getAttribute("aria-current") !== String(current)) { button.setAttribute("aria-current", String(current)); }
    });
  }

  // 12. Print (assets/app.css, @media print: one page). The canvases hold the screen's pixels at
  //     the screen's size, and Cytoscape redraws them only at an animation frame, which need not
  //     come before the browser prints. So, as printing starts, the whole graph becomes a picture
  //     2400 px across at most, about 300 dpi on the page (cy.png, synchronous; a data: URL, which
  //     Chromium loads at once), printed in the canvases' place and removed once printed. The
  //     graph as text (#graph-text) stays its alternative: the picture's alt is empty.
  window.addEventListener("beforeprint", function () {
    var cy = cyInstance(), region = $("graph-region");
    if (!cy || !region) { return; }
    var picture = $("graph-print") || document.createElement("img");
    picture.id = "graph-print";
    picture.alt = "";
    picture.src = cy.png({ full: true, maxWidth: 2400, maxHeight: 2400, bg: "#FFFFFF" });
    if (!picture.isConnected) { region.appendChild(picture); }
  });
  window.addEventListener("afterprint", function () { var picture = $("graph-print"); if (picture) { picture.remove(); } });

  new MutationObserver(enhance).observe(document.documentElement, { childList: true, subtree: true });
  // Dash changes a tab's class (selected) without adding or removing elements.
  new MutationObserver(function (records) {
    if (records.some(function (r) { return r.target.classList && r.target.classList.contains("tab"); })) { markTabs(); }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["class"], subtree: true });
})();
