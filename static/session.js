// Idle warning: a signed-in session ends after a time without requests. Shortly before, a
// warning offers "Stay signed in" (a request that counts as activity); once it has ended,
// the page says so and offers to sign in again, coming back here. Drafts (drafts.js) keep
// what was typed meanwhile.
(function () {
  'use strict';

  if (!document.querySelector('meta[name="praxis-user"]')) return;

  var MINUTE = 60 * 1000;
  var CHECK_EVERY_MS = 5000;
  var lastActivity = Date.now();
  var limit = 0;
  var banner = null;

  function csrf() {
    var input = document.querySelector('input[name="csrf"]');
    return input ? input.value : '';
  }

  // The server notes activity at most once a minute, so the end may come a minute early.
  function endsAt() {
    return lastActivity + limit - (limit > 2 * MINUTE ? MINUTE : 0);
  }

  function warnBefore() {
    return Math.min(5 * MINUTE, limit / 3);
  }

  function showBanner() {
    if (banner) return banner;
    banner = document.createElement('div');
    banner.className = 'session-warning';
    banner.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.className = 'session-warning-text';
    var action = document.createElement('button');
    action.type = 'button';
    action.className = 'session-stay';
    var link = document.createElement('a');
    link.className = 'session-sign-in';
    banner.appendChild(text);
    banner.appendChild(action);
    banner.appendChild(link);
    action.addEventListener('click', stay);
    var main = document.getElementById('main') || document.body;
    main.insertBefore(banner, main.firstChild);
    return banner;
  }

  function hideBanner() {
    if (banner) banner.remove();
    banner = null;
  }

  function ended() {
    var shown = showBanner();
    shown.querySelector('.session-warning-text').textContent =
      'You have been signed out after ' + Math.round(limit / MINUTE) +
      ' minutes without activity. What you type on this page is kept in this browser.';
    shown.querySelector('.session-stay').hidden = true;
    var link = shown.querySelector('.session-sign-in');
    link.hidden = false;
    link.textContent = 'Sign in again';
    link.href = '/sign-in?next=' + encodeURIComponent(location.pathname + location.search);
  }

  function warn(remaining) {
    var shown = showBanner();
    var minutes = Math.max(1, Math.ceil(remaining / MINUTE));
    shown.querySelector('.session-warning-text').textContent =
      'You will be signed out in about ' + minutes + (minutes === 1 ? ' minute' : ' minutes') +
      ' without activity.';
    var button = shown.querySelector('.session-stay');
    button.hidden = false;
    button.textContent = 'Stay signed in';
    shown.querySelector('.session-sign-in').hidden = true;
  }

  function stay() {
    fetch('/session/stay', {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'X-CSRF-Token': csrf() }
    }).then(function (response) {
      if (!response.ok) throw new Error('signed out');
      document.dispatchEvent(new CustomEvent('praxis:activity'));
    }).catch(ended);
  }

  function check() {
    if (!limit) return;
    var remaining = endsAt() - Date.now();
    if (remaining <= 0) {
      ended();
    } else if (remaining <= warnBefore()) {
      warn(remaining);
    } else {
      hideBanner();
    }
  }

  document.addEventListener('praxis:activity', function () {
    lastActivity = Date.now();
    check();
  });

  fetch('/session/idle-limit', { credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (answer) {
      limit = answer.idle_minutes * MINUTE;
      setInterval(check, CHECK_EVERY_MS);
    })
    .catch(function () { /* no warning without the limit */ });
})();
