// The count beside "Waiting" in the navigation: fetched after the page loads, so building a
// page never waits for the inbox to be gathered.
(function () {
  'use strict';
  const badge = document.querySelector('[data-inbox-count]');
  // A page that gathered the inbox itself (the dashboard, the inbox) has shown the count.
  if (!badge || badge.hasAttribute('data-inbox-known')) return;
  fetch('/inbox/count', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((body) => {
      if (!body || typeof body.total !== 'number' || body.total === 0) return;
      badge.textContent = String(body.total);
      badge.setAttribute('aria-label', body.total + ' waiting');
      badge.hidden = false;
    })
    .catch(() => {});
})();
