// Praxis service worker: keeps the quick-note shell and the static files it needs, so a note
// can be typed with no signal. It never stores a page that shows anyone's data: every other
// request goes to the network untouched, and a page that cannot load offers the quick note.
"use strict";
const SHELL_CACHE = "praxis-shell-v1";
const SHELL = [
  "/quick-note",
  "/static/app.css",
  "/static/phone.css",
  "/static/quick-note.js",
  "/static/icon.svg",
  "/static/icon-192.png",
  "/static/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== SHELL_CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

/** Network first, so the shell stays current; the kept copy answers when there is no network. */
function shellFile(request) {
  return fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SHELL.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  } else if (request.mode === "navigate") {
    // Offline, any page falls back to the quick note rather than the browser's error.
    event.respondWith(fetch(request).catch(() => caches.match("/quick-note")));
  }
});
