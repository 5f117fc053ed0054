// The quick-note page: notes are kept in IndexedDB with a key made when they are typed, shown
// as waiting to send, and sent when the network is back. The server saves each key once, so a
// note sent twice (a lost answer, two tabs) is still one entry. Only what was typed is kept.
(function () {
  "use strict";
  var DB_NAME = "praxis-offline";
  var STORE = "notes";
  var form = document.querySelector("[data-quick-note]");
  if (!form || !window.indexedDB) { return; }
  var box = form.querySelector("textarea");
  var queue = document.getElementById("queue");
  var empty = document.getElementById("queue-empty");
  var sentList = document.getElementById("sent");
  var state = document.getElementById("network-state");
  var sending = false;

  function withStore(mode, work) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open(DB_NAME, 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore(STORE, { keyPath: "key" }); };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var db = opening.result;
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      };
    });
  }
  function allNotes() { return withStore("readonly", function (store) { return store.getAll(); }); }
  function keep(note) { return withStore("readwrite", function (store) { return store.put(note); }); }
  function forget(key) { return withStore("readwrite", function (store) { return store.delete(key); }); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  function say(message) { state.textContent = message; }
  function showNetwork() {
    say(navigator.onLine
      ? "Online: notes are sent as soon as you keep them."
      : "Offline: notes are kept on this device and sent when you are back online.");
  }

  function findingList(findings) {
    var list = element("ul", "findings");
    findings.forEach(function (finding) {
      list.appendChild(element("li", "", finding.place + ": " + finding.what + ", \u201c" + finding.found + "\u201d"));
    });
    return list;
  }

  function render() {
    return allNotes().then(function (notes) {
      notes.sort(function (a, b) { return a.typed_at < b.typed_at ? -1 : 1; });
      queue.textContent = "";
      empty.hidden = notes.length > 0;
      notes.forEach(function (note) {
        var item = element("li", "entry-card queued-note");
        item.setAttribute("data-key", note.key);
        var status = note.state === "review" ? "Needs your check before sending" : "Waiting to send";
        item.appendChild(element("p", "entry-meta", status));
        item.appendChild(element("p", "excerpt", note.note));
        if (note.state === "review") {
          item.appendChild(element("p", "", "The confidentiality check found what may identify someone:"));
          item.appendChild(findingList(note.findings || []));
          var actions = element("div", "actions");
          var confirm = element("button", "", "These are not identifying details: send");
          confirm.type = "button";
          confirm.addEventListener("click", function () {
            note.state = "waiting";
            note.confirmed = true;
            keep(note).then(render).then(sendAll);
          });
          var edit = element("button", "secondary", "Edit it instead");
          edit.type = "button";
          edit.addEventListener("click", function () {
            box.value = note.note;
            forget(note.key).then(render).then(function () { box.focus(); });
          });
          actions.appendChild(confirm);
          actions.appendChild(edit);
          item.appendChild(actions);
        }
        queue.appendChild(item);
      });
    });
  }

  function showSent(outcome) {
    var item = element("li", "entry-card");
    var line = element("p", "entry-title", "Sent: ");
    var link = element("a", "", outcome.entry.title);
    link.href = outcome.entry.url;
    line.appendChild(link);
    item.appendChild(line);
    if (outcome.findings && outcome.findings.length) {
      item.appendChild(element("p", "", "Saved after your check of:"));
      item.appendChild(findingList(outcome.findings));
    }
    sentList.appendChild(item);
  }

  function sendOne(token, note) {
    var body = new URLSearchParams();
    body.set("csrf", token);
    body.set("key", note.key);
    body.set("note", note.note);
    if (note.confirmed) { body.set("confirm_privacy", "true"); }
    return fetch("/quick-note/notes", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body.toString()
    }).then(function (response) {
      return response.json().then(function (outcome) {
        if (outcome.status === "saved") {
          return forget(note.key).then(function () { showSent(outcome); });
        }
        if (outcome.status === "review") {
          note.state = "review";
          note.findings = outcome.findings;
          return keep(note);
        }
        throw new Error(outcome.detail || "The note could not be sent; it is still kept here.");
      });
    });
  }

  function sendAll() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    return allNotes().then(function (notes) {
      var waiting = notes.filter(function (note) { return note.state !== "review"; });
      if (!waiting.length) { return null; }
      return fetch("/quick-note/session", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (response.status === 401) { throw new Error("Sign in to send the notes waiting here; they are kept until then."); }
          return response.json();
        })
        .then(function (session) {
          return waiting.reduce(function (chain, note) {
            return chain.then(function () { return sendOne(session.csrf, note); });
          }, Promise.resolve());
        })
        .then(showNetwork);
    }).catch(function (error) {
      say(error instanceof TypeError ? "No connection: notes are kept here and sent when you are back online." : error.message);
    }).then(function () {
      sending = false;
      return render();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = box.value.trim();
    if (!text) { box.focus(); return; }
    var note = { key: crypto.randomUUID(), note: text, typed_at: new Date().toISOString(), state: "waiting" };
    keep(note).then(function () {
      box.value = "";
      return render();
    }).then(sendAll);
  });
  form.querySelector("[data-send-now]").addEventListener("click", sendAll);
  window.addEventListener("online", function () { showNetwork(); sendAll(); });
  window.addEventListener("offline", showNetwork);
  showNetwork();
  render().then(sendAll);
})();
