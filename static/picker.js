// Pickers for tags and cases (the ARIA 1.2 combobox pattern): typing words in a box marked
// data-picker suggests matching tags or cases from /api/v1/suggestions; arrow keys move
// through them, Enter or a click takes one, Escape closes the list. The box stays a plain
// text field of comma-separated codes or words, which is what works without script.
(function () {
  "use strict";
  var count = 0;

  function enhance(box) {
    var kind = box.getAttribute("data-picker");
    var id = "picker-" + (++count);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", id + "-list");
    box.setAttribute("autocomplete", "off");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", kind === "cases" ? "Matching cases" : "Matching tags");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.insertAdjacentElement("afterend", status);
    box.insertAdjacentElement("afterend", list);
    var options = [];
    var active = -1;
    var timer = null;
    var ticket = 0;

    // The part being typed: after the last comma.
    function current() {
      var parts = box.value.split(",");
      return parts[parts.length - 1].trim();
    }
    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      active = index;
      options.forEach(function (option, at) { option.setAttribute("aria-selected", at === index ? "true" : "false"); });
      if (index >= 0) {
        box.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }
    function choose(option) {
      var parts = box.value.split(",");
      parts[parts.length - 1] = " " + option.getAttribute("data-value");
      box.value = parts.map(function (part) { return part.trim(); }).filter(Boolean).join(", ") + ", ";
      close();
      status.textContent = option.getAttribute("data-value") + " added.";
      box.focus();
    }
    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, at) {
        var option = document.createElement("li");
        option.id = id + "-option-" + at;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-value", suggestion.value);
        var code = document.createElement("span");
        code.className = "picker-value";
        code.textContent = suggestion.value;
        option.appendChild(code);
        if (suggestion.label) {
          option.appendChild(document.createTextNode(" "));
          var label = document.createElement("span");
          label.className = "muted";
          label.textContent = suggestion.label;
          option.appendChild(label);
        }
        // mousedown, not click: choosing must not first blur the box and close the list.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(option); });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        box.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      status.textContent = options.length === 1 ? "1 suggestion." : options.length + " suggestions.";
    }
    function ask() {
      var words = current();
      if (!words) { close(); return; }
      var mine = ++ticket;
      fetch("/api/v1/suggestions/" + kind + "?q=" + encodeURIComponent(words), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : [];
      }).then(function (suggestions) {
        if (mine === ticket) { show(suggestions); }
      }).catch(function () { /* the plain box still works */ });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { ask(); return; }
        highlight(options.length ? (active + 1) % options.length : -1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!list.hidden && options.length) { highlight(active <= 0 ? options.length - 1 : active - 1); }
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    box.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-picker]").forEach(enhance);
})();
