// Copy buttons: a button with data-copy="<id>" copies the value of the field with that id
// (or, for a block of text such as a CPD answer, its text).
// Without JavaScript the button stays hidden and the field can be selected and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var id = button.getAttribute("data-copy");
    var field = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!field) { return; }
    var say = function (message) { if (status) { status.textContent = message; } };
    var isField = "value" in field && typeof field.select === "function";
    var text = function () { return isField ? field.value : field.textContent; };
    var select = function () {
      if (isField) { field.focus(); field.select(); } else { window.getSelection().selectAllChildren(field); }
    };
    var fallback = function () {
      select();
      try {
        say(document.execCommand("copy") ? "Copied." : "Press Ctrl+C (or Cmd+C) to copy.");
      } catch (error) {
        say("Press Ctrl+C (or Cmd+C) to copy.");
      }
    };
    button.hidden = false;
    if (isField) { field.addEventListener("focus", function () { field.select(); }); }
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text()).then(function () { say("Copied."); }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
