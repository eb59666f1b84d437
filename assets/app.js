// Small browser-side helpers for the explorer. Everything here is progressive enhancement:
// the app works without it (the buttons it drives are ordinary Dash buttons).
// Table 1's trial links: AG Grid cell renderers are looked up by name in this namespace.
// Each id is checked against ClinicalTrials.gov's form before it becomes a link.
window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {};
window.dashAgGridComponentFunctions.TrialLinks = function (props) {
  var React = window.React;
  var ids = String(props.value || "").split(/\s+/).filter(function (id) { return /^NCT\d{8}$/.test(id); });
  var links = [];
  ids.forEach(function (id, i) {
    if (i) { links.push(" "); }
    links.push(React.createElement("a", {
      key: id, href: "https://clinicaltrials.gov/study/" + id, target: "_blank", rel: "noopener noreferrer"
    }, id));
  });
  return React.createElement("span", { className: "trial-links" }, links);
};

(function () {
  function cyInstance() {
    var root = document.getElementById("graph");
    var holder = root && [root].concat(Array.from(root.querySelectorAll("div"))).find(function (e) {
      return e._cyreg && e._cyreg.cy;
    });
    var cy = holder ? holder._cyreg.cy : null;
    return cy && !cy.destroyed() ? cy : null;  // the pathway tab unmounts the graph when hidden
  }
  function fit() {
    var cy = cyInstance();
    // Present mode spends less of the projector on margins.
    if (cy) { cy.resize(); cy.fit(undefined, presenting() ? 14 : 30); }
  }
  function presenting() {
    var flags = document.getElementById("view-flags");
    return Boolean(flags && flags.classList.contains("present"));
  }
  function click(id) {
    var button = document.getElementById(id);
    if (button && button.offsetParent !== null) { button.click(); return true; }
    return false;
  }
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
                      || (target.closest && target.closest(".dash-dropdown, .ag-root-wrapper, .matrix-graph")));
  }

  // 1. Keys: Dash's tabs are plain <div>s, so Enter or Space opens one; on the pathway,
  //    ← and → step through the chain, P toggles present mode, F fits the graph, Escape
  //    leaves present mode. Keys typed into a field or a menu are left alone.
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".tab");
    if (tab && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      tab.click();
      return;
    }
    if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var handled = false;
    if (event.key === "ArrowRight") { handled = click("step-next"); }
    else if (event.key === "ArrowLeft") { handled = click("step-back"); }
    else if (event.key === "p" || event.key === "P") { handled = click("present-toggle"); }
    else if (event.key === "f" || event.key === "F") { fit(); handled = true; }
    else if (event.key === "Escape" && presenting()) {
      handled = click("present-toggle");
    }
    if (handled) { event.preventDefault(); }
  });

  // 2. Fit: the button, and whenever the graph's box changes size (window resized, tab
  //    shown again, present mode) or its elements are replaced (another hypothesis). Only
  //    the viewport moves; node positions never change.
  var watched = null;
  var watchedCy = null;
  var pending = null;
  var again = null;
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
    if (event.target.closest && event.target.closest("#fit")) { fit(); }
  });

  // 3. Copy link: the address bar holds the whole view.
  function copied(text) {
    var status = document.getElementById("copy-status");
    if (status) { status.textContent = text; setTimeout(function () { status.textContent = ""; }, 2500); }
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
      var name = (document.getElementById("export-name") || {}).textContent || "moa-view";
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

  // 5. The matrix from the keyboard: Tab to it, arrows move a highlighted cell (its hover
  //    label shows), Enter opens it, as a click would.
  var cell = { trace: 0, row: 0, col: 0 };
  function matrixPlot() { return document.querySelector("#matrix .js-plotly-plot"); }
  function showCell(plot) {
    var trace = plot.data[cell.trace];
    if (!trace || !window.Plotly) { return; }
    var label = document.getElementById("matrix-cell");
    if (label) {
      label.textContent = trace.hovertext[cell.row][cell.col].replace(/<br>/g, " · ");
    }
    var subplot = cell.trace === 0 ? "xy" : "x" + (cell.trace + 1) + "y" + (cell.trace + 1);
    try {
      window.Plotly.Fx.hover(plot, [{ curveNumber: cell.trace, pointNumber: [cell.row, cell.col] }], subplot);
    } catch (e) { /* hover is a visual aid only */ }
  }
  document.addEventListener("keydown", function (event) {
    var holder = event.target.closest && event.target.closest("#matrix");
    var plot = holder && matrixPlot();
    if (!plot || !plot.data) { return; }
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
      event.preventDefault();
    } else if (event.key === "Enter" || event.key === " ") {
      var point = { curveNumber: cell.trace, x: trace.x[cell.col], y: trace.y[cell.row] };
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props("matrix", { clickData: { points: [point] } });
      }
      event.preventDefault();
    }
  });

  // 6. Dropdowns: Enter picks the first option matching what was typed. When that option
  //    is the one already chosen, Dash's dropdown would toggle it off (clearing the drug);
  //    keep it and just close the menu. (Capture phase: before React sees the key.)
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.target.matches && event.target.matches(".dash-dropdown-search"))) {
      return;
    }
    var first = document.querySelector(".dash-dropdown-content .dash-dropdown-option[data-option-index='0']");
    if (first && first.getAttribute("aria-selected") === "true" && event.target.value) {
      event.preventDefault();
      event.stopPropagation();
      event.target.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    }
  }, true);

  // 7. Table 1 marks the chosen drug's row (AG Grid redraws rows as it scrolls and sorts,
  //    so the mark is a style rule on the row's id, not a class on an element).
  var markedDrug = null;
  function markDrugRow() {
    var flags = document.getElementById("view-flags");
    var drug = flags ? flags.getAttribute("data-drug") || "" : "";
    if (drug === markedDrug) { return; }
    markedDrug = drug;
    var style = document.getElementById("selected-drug-style");
    if (!style) {
      style = document.createElement("style");
      style.id = "selected-drug-style";
      document.head.appendChild(style);
    }
    style.textContent = drug ? ".drug-grid .ag-row[row-id=\"" + CSS.escape(drug) + "\"] " +
      "{ background: #f4fbd4; font-weight: 600; }" : "";
  }

  function enhance() {
    markDrugRow();
    document.querySelectorAll(".tab:not([tabindex])").forEach(function (tab) {
      tab.setAttribute("tabindex", "0");
      tab.setAttribute("role", "tab");
    });
    var matrix = document.getElementById("matrix");
    if (matrix && !matrix.hasAttribute("tabindex")) {
      matrix.setAttribute("tabindex", "0");
      matrix.setAttribute("role", "grid");
      matrix.setAttribute("aria-label", "Drug by hypothesis matrix: arrow keys move, Enter opens the cell");
      matrix.setAttribute("aria-describedby", "matrix-cell");
      matrix.addEventListener("focus", function () { var plot = matrixPlot(); if (plot && plot.data) { showCell(plot); } });
    }
    var root = document.getElementById("graph");
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
      // the order in which the box and the elements arrive.
      cy.on("add remove", fitSoon);
      fitSoon();
    }
  }

  new MutationObserver(enhance).observe(document.documentElement, { childList: true, subtree: true });
})();
