// Quiz mode (views/quiz.py), from the keyboard: the answers are ordinary buttons, so Tab,
// Enter and Space work without this file. It only keeps the focus somewhere sensible: when
// the last answer hides the buttons, the focus moves to the score's heading (announced by
// the status line), and Restart brings it back to the first answer.
(function () {
  function visible(element) { return element && element.offsetParent !== null; }
  function settle() {
    var box = document.getElementById("quiz");
    if (!box || !visible(box)) { return; }
    var active = document.activeElement;
    if (active && active.classList && active.classList.contains("quiz-answer") && !visible(active)) {
      var heading = document.getElementById("quiz-prompt");
      if (heading) { heading.focus(); }
    } else if (active && active.id === "quiz-restart" && box.dataset.restarted === "1") {
      box.dataset.restarted = "";
      var first = box.querySelector(".quiz-answer");
      if (visible(first)) { first.focus(); }
    }
  }
  document.addEventListener("click", function (event) {
    var box = document.getElementById("quiz");
    if (box && event.target.closest && event.target.closest("#quiz-restart")) { box.dataset.restarted = "1"; }
  });
  new MutationObserver(settle).observe(document.documentElement, { childList: true, subtree: true });
})();
