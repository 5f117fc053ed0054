// Suggestions while writing: the entry form's text is sent (debounced) to
// /api/v1/suggestions/mentions, and legislation or case references it mentions are offered
// beside the tag and case boxes, one click to add; a mentioned case also links to its page.
(function () {
  "use strict";
  var form = document.querySelector("[data-entry-form]");
  var tags = document.getElementById("tags");
  if (!form || !tags || !window.fetch) { return; }
  var cases = document.getElementById("case_refs");
  var panel = document.createElement("div");
  panel.className = "mentions";
  panel.setAttribute("aria-live", "polite");
  tags.parentNode.appendChild(panel);
  var timer = null;
  var ticket = 0;

  function listed(box, value) {
    return box.value.split(",").some(function (part) { return part.trim().toLowerCase() === value.toLowerCase(); });
  }
  function append(box, value) {
    var parts = box.value.split(",").map(function (part) { return part.trim(); }).filter(Boolean);
    parts.push(value);
    box.value = parts.join(", ");
  }
  function offer(list, text, box, value, href) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = text;
    button.addEventListener("click", function () {
      append(box, value);
      item.remove();
      if (!list.children.length) { panel.textContent = ""; }
      box.focus();
    });
    item.appendChild(button);
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = "Open " + value;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link);
    }
    list.appendChild(item);
  }
  function show(found) {
    panel.textContent = "";
    var list = document.createElement("ul");
    list.className = "inline-list";
    found.tags.forEach(function (tag) {
      if (!listed(tags, tag.value)) { offer(list, "Add " + tag.value + (tag.label ? " (" + tag.label + ")" : ""), tags, tag.value); }
    });
    if (cases) {
      found.cases.forEach(function (item) {
        if (!listed(cases, item.value)) { offer(list, "Link case " + item.value, cases, item.value, "/cases/" + encodeURIComponent(item.value)); }
      });
    }
    if (list.children.length) {
      var heading = document.createElement("p");
      heading.className = "hint";
      heading.textContent = "Your text mentions:";
      panel.appendChild(heading);
      panel.appendChild(list);
    }
  }
  function ask() {
    var text = Array.prototype.map.call(form.querySelectorAll("textarea"), function (area) { return area.value; }).join("\n");
    var mine = ++ticket;
    fetch("/api/v1/suggestions/mentions", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      return response.ok ? response.json() : { tags: [], cases: [] };
    }).then(function (found) {
      if (mine === ticket) { show(found); }
    }).catch(function () { /* suggestions after saving still work */ });
  }
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") { return; }
    clearTimeout(timer);
    timer = setTimeout(ask, 600);
  });
})();
