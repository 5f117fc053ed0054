// Makes Praxis installable and able to keep quick notes offline (the service worker), and
// clears what this device kept when the person signs out.
(function () {
  "use strict";
  var signOut = document.querySelector("form.sign-out");
  // Only for someone signed in: after signing out nothing is registered or kept again.
  if (signOut && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* pages work without it */ });
  }
  if (signOut && window.indexedDB) {
    // The server also answers sign-out with Clear-Site-Data; this covers browsers without it.
    signOut.addEventListener("submit", function () { indexedDB.deleteDatabase("praxis-offline"); });
  }
})();
