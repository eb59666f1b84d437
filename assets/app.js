// Small browser-side helpers for the explorer. Everything here is progressive enhancement:
// the app works without it.
(function () {
  // 1. Dash's tabs are plain <div>s: make them reachable with Tab and opened with Enter or Space.
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".tab");
    if (tab && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      tab.click();
    }
  });

  // 2. Re-fit the pathway graph to its box when the box changes size (window resized,
  //    tab shown again). Only the viewport moves; node positions never change.
  var watched = null;
  var pending = null;
  var resize = new ResizeObserver(function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var cy = watched && watched._cyreg && watched._cyreg.cy;
      if (cy) {
        cy.resize();
        cy.fit(undefined, 30);
      }
    }, 60);  // once the box has settled, not at every step of a drag
  });

  function enhance() {
    document.querySelectorAll(".tab:not([tabindex])").forEach(function (tab) {
      tab.setAttribute("tabindex", "0");
      tab.setAttribute("role", "tab");
    });
    var root = document.getElementById("graph");
    var holder = root && [root].concat(Array.from(root.querySelectorAll("div"))).find(function (e) {
      return e._cyreg && e._cyreg.cy;
    });
    if (holder && holder !== watched) {
      if (watched) { resize.unobserve(watched); }
      watched = holder;
      resize.observe(holder);
    }
  }

  new MutationObserver(enhance).observe(document.documentElement, { childList: true, subtree: true });
})();
