// The header's Menu button on phones: a <details> element that works without script; this
// adds an explicit aria-expanded state and closes the menu with Escape or a tap elsewhere.
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu) { return; }
  var button = menu.querySelector("summary");
  function sync() { button.setAttribute("aria-expanded", menu.open ? "true" : "false"); }
  sync();
  menu.addEventListener("toggle", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      button.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) { menu.open = false; }
  });
})();
