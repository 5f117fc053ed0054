// Drafts: what is typed into a form marked `data-draft` is kept as the person types, in
// this browser (localStorage, per signed-in person and form) at once and on the server
// (POST /drafts, debounced), and put back when the form is opened again. A draft is removed
// when its form is saved, when it is discarded, and (in the browser) at sign-out. A form
// sent after the session ended is kept too: the sign-in page returns to the form, which is
// filled in and sent again at once (saved if valid, else shown again with why).
(function () {
  'use strict';

  var PREFIX = 'praxis.draft:';
  var PENDING = 'praxis.pending';
  var HOME = 'praxis.home:';
  var SKIPPED_TYPES = ['hidden', 'password', 'submit', 'button', 'file', 'reset', 'image'];
  var SERVER_DELAY_MS = 1500;
  var PENDING_FOR_MS = 24 * 60 * 60 * 1000;

  var meta = document.querySelector('meta[name="praxis-user"]');
  var writer = meta ? meta.getAttribute('content') : '';
  // The form whose submission this page answers by saving it: its draft is gone.
  var justSaved = null;

  function storage() {
    try {
      return window.localStorage;
    } catch (blocked) {
      return null;
    }
  }

  function readJson(store, key) {
    if (!store) return null;
    try {
      return JSON.parse(store.getItem(key) || 'null');
    } catch (broken) {
      return null;
    }
  }

  function localKey(action) {
    return PREFIX + writer + ':' + action;
  }

  function navigation() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType('navigation') : [];
    return entries.length ? entries[0] : null;
  }

  // The status of this page's response, when the browser says (Chromium does).
  function pageStatus() {
    var entry = navigation();
    return entry && entry.responseStatus ? entry.responseStatus : 0;
  }

  // Whether this page came after a redirect: a saved form is answered by one (303), a form
  // shown again is answered directly.
  function redirected() {
    var entry = navigation();
    return !!entry && entry.redirectCount > 0;
  }

  // The action of the form this page answers directly (shown again after a submission).
  var answered = null;

  // A form shown again after a refused submission holds the latest text already.
  function isBounce(form) {
    return pageStatus() >= 400 || answered === form.getAttribute('action') ||
      (pageStatus() === 0 && !!form.querySelector('.field-error, [aria-invalid="true"]'));
  }

  function controls(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      var type = (el.type || '').toLowerCase();
      return el.name && el.name !== 'csrf' && SKIPPED_TYPES.indexOf(type) < 0;
    });
  }

  function fieldsOf(form) {
    var fields = {};
    controls(form).forEach(function (el) {
      var type = (el.type || '').toLowerCase();
      var name = el.name;
      if (type === 'checkbox') {
        if (!Array.isArray(fields[name])) fields[name] = [];
        if (el.checked) fields[name].push(el.value);
      } else if (type === 'radio') {
        if (el.checked) fields[name] = el.value;
      } else if (type === 'select-multiple') {
        fields[name] = Array.prototype.filter.call(el.options, function (option) {
          return option.selected;
        }).map(function (option) { return option.value; });
      } else if (name in fields) {
        fields[name] = [].concat(fields[name], el.value);
      } else {
        fields[name] = el.value;
      }
    });
    return fields;
  }

  function apply(form, fields) {
    var seen = {};
    controls(form).forEach(function (el) {
      var name = el.name;
      if (!(name in fields)) return;
      var value = fields[name];
      var type = (el.type || '').toLowerCase();
      if (type === 'checkbox') {
        // A draft kept by the server from a refused form holds a single ticked box as text.
        el.checked = Array.isArray(value) ? value.indexOf(el.value) >= 0 : value === el.value;
      } else if (type === 'radio') {
        el.checked = el.value === value;
      } else if (type === 'select-multiple') {
        Array.prototype.forEach.call(el.options, function (option) {
          option.selected = Array.isArray(value) && value.indexOf(option.value) >= 0;
        });
      } else if (Array.isArray(value)) {
        var index = seen[name] || 0;
        seen[name] = index + 1;
        if (typeof value[index] === 'string') el.value = value[index];
      } else if (typeof value === 'string') {
        el.value = value;
      }
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function csrfOf(form) {
    var input = form.querySelector('input[name="csrf"]') ||
      document.querySelector('input[name="csrf"]');
    return input ? input.value : '';
  }

  function server(path, form, body) {
    return fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfOf(form) },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) throw new Error(response.type === 'opaqueredirect' ? 'signed-out' : 'refused');
      return response.json();
    });
  }

  function discardOnServer(action, form) {
    return server('/drafts/discard?form=' + encodeURIComponent(action), form, {})
      .catch(function () { return null; });
  }

  function clockTime(when) {
    return new Date(when).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  // What became of the last submission of a draft form: shown again (kept), interrupted by
  // signing in again (kept, and said so), or saved (its draft is removed).
  function settlePending(store) {
    var pending = readJson(store, PENDING);
    if (!pending) return null;
    store.removeItem(PENDING);
    if (pending.writer !== writer || Date.now() - pending.at > PENDING_FOR_MS) return null;
    var form = document.querySelector('form[data-draft][action="' + CSS.escape(pending.action) + '"]');
    if (pageStatus() >= 400) return null;
    if (form && pending.viaSignIn) return pending;
    if (form && !redirected()) {
      answered = pending.action;
      return null;
    }
    justSaved = pending.action;
    store.removeItem(localKey(pending.action));
    var anyForm = document.querySelector('form input[name="csrf"]');
    if (anyForm) discardOnServer(pending.action, anyForm.form);
    return null;
  }

  // Drafts of someone else who signed in on this browser are not kept beside this person's.
  function forgetOthers(store) {
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0 && key.indexOf(PREFIX + writer + ':') !== 0) {
        store.removeItem(key);
      }
    }
  }

  function forgetAll(store) {
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && (key.indexOf(PREFIX) === 0 || key === PENDING)) store.removeItem(key);
    }
  }

  function statusLine(form) {
    var line = document.createElement('div');
    line.className = 'draft-status';
    var text = document.createElement('p');
    text.setAttribute('role', 'status');
    text.setAttribute('aria-live', 'polite');
    text.className = 'draft-status-text';
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'link-button draft-discard';
    discard.textContent = 'Discard draft';
    discard.hidden = true;
    line.appendChild(text);
    line.appendChild(discard);
    form.appendChild(line);
    return {
      say: function (message, discardable) {
        text.textContent = message;
        discard.hidden = !discardable;
      },
      onDiscard: function (handler) { discard.addEventListener('click', handler); }
    };
  }

  function keep(form, store, status) {
    var action = form.getAttribute('action');
    var original = fieldsOf(form);
    var timer = null;

    function saveLocally() {
      var draft = { writer: writer, fields: fieldsOf(form), savedAt: Date.now() };
      store.setItem(localKey(action), JSON.stringify(draft));
      return draft;
    }

    function saveOnServer() {
      timer = null;
      var draft = readJson(store, localKey(action));
      if (!draft) return;
      server('/drafts?form=' + encodeURIComponent(action), form, { fields: draft.fields })
        .then(function () {
          status.say('Draft saved at ' + clockTime(Date.now()) + '.', true);
          document.dispatchEvent(new CustomEvent('praxis:activity'));
        })
        .catch(function (error) {
          status.say(error.message === 'signed-out'
            ? 'Draft kept in this browser only: you have been signed out.'
            : 'Draft kept in this browser only.', true);
        });
    }

    function changed() {
      saveLocally();
      status.say('Draft kept in this browser.', true);
      if (timer) clearTimeout(timer);
      timer = setTimeout(saveOnServer, SERVER_DELAY_MS);
    }

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function (event) {
      saveLocally();
      var button = event.submitter && event.submitter.name ? event.submitter : null;
      store.setItem(PENDING, JSON.stringify({
        writer: writer, action: action, at: Date.now(),
        button: button ? { name: button.name, value: button.value } : null
      }));
    });
    status.onDiscard(function () {
      if (timer) clearTimeout(timer);
      timer = null;
      store.removeItem(localKey(action));
      discardOnServer(action, form);
      apply(form, original);
      status.say('Draft discarded.', false);
    });
    return { saveLocally: saveLocally, original: original };
  }

  function restore(form, store, status, kept, returning) {
    var action = form.getAttribute('action');
    var local = readJson(store, localKey(action));
    var fromBrowser = local && local.writer === writer ? local : null;
    server('/drafts?form=' + encodeURIComponent(action), form)
      .catch(function () { return null; })
      .then(function (answer) {
        var fromServer = answer && answer.fields && answer.writer === writer
          ? { fields: answer.fields, savedAt: Date.parse(answer.saved_at) } : null;
        var draft = fromBrowser;
        if (fromServer && (!draft || fromServer.savedAt > draft.savedAt)) draft = fromServer;
        if (!draft || same(draft.fields, kept.original)) return;
        apply(form, draft.fields);
        store.setItem(localKey(action), JSON.stringify({
          writer: writer, fields: draft.fields, savedAt: draft.savedAt
        }));
        status.say(returning
          ? 'You are signed in again: what you typed before is back in the form. Check it and save.'
          : 'Restored your unsaved draft from ' + clockTime(draft.savedAt) + '.', true);
      });
  }

  // A submission that met an ended session is sent once more, now that its writer is signed
  // in again, with this page's token and the button that sent it: the server saves it if it
  // is valid (and the next page says so) or shows the form again with why.
  function resubmit(form, store, status, pending) {
    var action = form.getAttribute('action');
    var local = readJson(store, localKey(action));
    if (!local || local.writer !== writer || !form.requestSubmit) return false;
    apply(form, local.fields);
    status.say('You are signed in again: sending what you typed.', false);
    var button = null;
    if (pending.button) {
      button = Array.prototype.filter.call(form.elements, function (el) {
        return el.type === 'submit' && el.name === pending.button.name &&
          el.value === pending.button.value;
      })[0];
      if (!button) return false;
    }
    form.setAttribute('action', action + (action.indexOf('?') < 0 ? '?' : '&') + 'resumed=1');
    form.requestSubmit(button || undefined);
    return true;
  }

  function start() {
    var store = storage();
    if (!store) return;
    Array.prototype.forEach.call(
      document.querySelectorAll('form[action="/sign-out"], form[action="/account/sign-out-everywhere"]'),
      function (form) { form.addEventListener('submit', function () { forgetAll(store); }); }
    );
    var pending = readJson(store, PENDING);
    if (pending && document.querySelector('form[action="/sign-in"]')) {
      // The submission met an ended session: what comes after signing in is the form again.
      pending.viaSignIn = true;
      store.setItem(PENDING, JSON.stringify(pending));
      return;
    }
    if (!writer) return;
    forgetOthers(store);
    var returned = settlePending(store);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-draft]'), function (form) {
      var action = form.getAttribute('action');
      if (!action) return;
      var status = statusLine(form);
      var kept = keep(form, store, status);
      if (isBounce(form)) {
        // The form as shown again is the latest text; a reload goes to the form's own page.
        kept.saveLocally();
        status.say('Not saved yet: what you typed is kept as a draft.', true);
        var home = window.sessionStorage && sessionStorage.getItem(HOME + action);
        if (home && location.pathname === action) history.replaceState(null, '', home);
        return;
      }
      if (window.sessionStorage) sessionStorage.setItem(HOME + action, location.pathname + location.search);
      var returning = !!returned && returned.action === action;
      if (returning && resubmit(form, store, status, returned)) return;
      if (action !== justSaved) restore(form, store, status, kept, returning);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
