// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Move focus to an error summary or confidentiality review so screen readers hear it first.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }

  // Quick capture: Ctrl/Cmd+Enter saves; plain Enter saves only with a hardware keyboard and
  // fine pointer, so a touch keyboard's Enter starts a new line (Shift+Enter always does).
  var capture = document.querySelector("[data-capture]");
  if (capture) {
    var note = capture.querySelector("textarea[name=note]");
    var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    if (note) {
      note.addEventListener("keydown", function (event) {
        var saves = event.ctrlKey || event.metaKey || (!touch && !event.shiftKey);
        if (event.key === "Enter" && saves && !event.isComposing) {
          event.preventDefault();
          if (note.value.trim() !== "") { capture.requestSubmit ? capture.requestSubmit() : capture.submit(); }
        }
      });
    }
  }

  // Entry form: changing the kind or the model re-shows the form with the right fields,
  // keeping what was typed (the server does the work; this only presses the button).
  var entryForm = document.querySelector("[data-entry-form]");
  if (entryForm) {
    entryForm.querySelectorAll("[data-refresh]").forEach(function (control) {
      control.addEventListener("change", function () {
        var refresh = document.createElement("input");
        refresh.type = "hidden";
        refresh.name = "action";
        refresh.value = "refresh";
        entryForm.appendChild(refresh);
        // requestSubmit, unlike submit, tells the draft keeper the form was sent, so the
        // form as shown again (with fields the server filled in) is taken as the latest.
        if (entryForm.requestSubmit) { entryForm.requestSubmit(); } else { entryForm.submit(); }
      });
    });

    // Markdown preview beside each text area, rendered and sanitised by the server.
    var csrf = entryForm.querySelector("input[name=csrf]");
    entryForm.querySelectorAll("textarea[data-preview]").forEach(function (area) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary preview-toggle";
      button.textContent = "Preview";
      button.setAttribute("aria-controls", area.id + "-preview");
      button.setAttribute("aria-expanded", "false");
      var panel = document.createElement("div");
      panel.id = area.id + "-preview";
      panel.className = "preview prose";
      panel.hidden = true;
      panel.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", panel);
      area.insertAdjacentElement("afterend", button);
      button.addEventListener("click", function () {
        if (!panel.hidden) {
          panel.hidden = true;
          button.textContent = "Preview";
          button.setAttribute("aria-expanded", "false");
          return;
        }
        var body = new URLSearchParams();
        body.set("csrf", csrf ? csrf.value : "");
        body.set("text", area.value);
        fetch("/preview", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: body.toString()
        }).then(function (response) {
          if (!response.ok) { throw new Error("preview failed"); }
          return response.text();
        }).then(function (html) {
          // The server returns sanitised HTML (ammonia), safe to insert.
          panel.innerHTML = html || "<p class=\"muted\">Nothing to preview.</p>";
          panel.hidden = false;
          button.textContent = "Hide preview";
          button.setAttribute("aria-expanded", "true");
        }).catch(function () {
          panel.textContent = "The preview is not available right now; your text is safe.";
          panel.hidden = false;
        });
      });
    });
  }
})();

// Search: "/" jumps to the search box from anywhere (unless typing), and the search page
// shows results as you type, filters apply when changed. Without script, the form submits.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) { return; }
    var box = document.getElementById("q") || document.getElementById("site-search");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  var form = document.querySelector("[data-search]");
  if (!form) { return; }
  var results = document.getElementById("results");
  var box = form.querySelector("#q");
  var timer = null;
  var latest = 0;
  function refresh(live) {
    var params = new URLSearchParams(new FormData(form));
    params.delete("cursor");
    if (live) { params.set("live", "true"); }
    var ticket = ++latest;
    fetch("/search/results?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (ticket !== latest) { return; }
        // Server-rendered, escaped HTML (snippets are escaped before marking matches).
        results.innerHTML = html;
        params.delete("live");
        history.replaceState(null, "", "/search?" + params.toString());
      })
      .catch(function () { /* the plain form still works */ });
  }
  if (box) {
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(true); }, 150);
    });
  }
  form.querySelectorAll("[data-submit]").forEach(function (control) {
    control.addEventListener("change", function () { form.submit(); });
  });
})();

// Print buttons (the placement portfolio): hidden until script can press them.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
