// The annotation page: choose a mention, act on it from the keyboard, and turn a text selection
// into exact offsets in the article body.
//
// Every run of body text is an element carrying data-s / data-e, its offsets in the stored body
// (Python string indices, i.e. code points). The element holds exactly that text, so an offset
// inside it is data-s plus the code points before the caret. JavaScript counts UTF-16 units, so
// characters outside the Basic Multilingual Plane are counted by iterating, never by .length.
(function () {
  "use strict";

  var showRejected = true;

  function workspace() { return document.getElementById("workspace"); }
  function body() { return document.getElementById("annotate-body"); }

  function csrfHeaders() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}"); } catch (e) { return {}; }
  }

  function urlFor(template, id) { return template.replace(/\/0\/(?=[^/]*\/?$)/, "/" + id + "/"); }

  function codePoints(text) {
    var count = 0;
    for (var _ of text) { count++; }  // eslint-disable-line no-unused-vars
    return count;
  }

  // --- choosing a mention --------------------------------------------------------------------

  function mentionIds() {
    var seen = {}, ids = [];
    body().querySelectorAll("mark[data-mention]").forEach(function (mark) {
      if (!showRejected && mark.classList.contains("status-rejected")) { return; }
      var id = mark.dataset.mention;
      if (!seen[id]) { seen[id] = true; ids.push(id); }
    });
    return ids;
  }

  function selectedId() { var ws = workspace(); return ws ? ws.dataset.selected : ""; }

  function select(id) {
    var ws = workspace();
    if (!ws || !id) { return; }
    ws.dataset.selected = id;
    body().querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    var marks = body().querySelectorAll('mark[data-mention="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("selected"); });
    if (marks.length) {
      marks[0].setAttribute("tabindex", "-1");
      marks[0].focus({ preventScroll: true });
      marks[0].scrollIntoView({ block: "nearest" });
    }
    htmx.ajax("GET", urlFor(ws.dataset.panelUrl, id), {
      source: ws, target: "#mention-panel", swap: "innerHTML", headers: csrfHeaders()
    });
  }

  function move(step) {
    var ids = mentionIds();
    if (!ids.length) { return; }
    var at = ids.indexOf(selectedId());
    var next = at === -1 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step));
    select(ids[next]);
  }

  function review(status) {
    var ws = workspace(), id = selectedId();
    if (!ws || !id) { return; }
    htmx.ajax("POST", urlFor(ws.dataset.reviewUrl, id), {
      source: ws, target: "#workspace", swap: "outerHTML", values: { status: status }, headers: csrfHeaders()
    });
  }

  function clickPanelButton(action) {
    var panel = document.querySelector('#mention-panel .mention-panel[data-mention="' + selectedId() + '"]');
    var button = panel && panel.querySelector('[data-action="' + action + '"]');
    if (button && !button.disabled) { button.click(); }
  }

  function applyRejectedToggle() {
    var box = document.getElementById("show-rejected");
    if (box) { box.checked = showRejected; }
    if (body()) { body().classList.toggle("hide-rejected", !showRejected); }
  }

  // --- selection to offsets --------------------------------------------------------------------

  function firstRun(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) { return null; }
    return node.matches("[data-s]") ? node : node.querySelector("[data-s]");
  }

  function lastRun(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) { return null; }
    if (node.matches("[data-s]")) { return node; }
    var runs = node.querySelectorAll("[data-s]");
    return runs.length ? runs[runs.length - 1] : null;
  }

  // The body offset of a selection boundary, or null when it is outside the body or unmappable.
  function offsetOf(node, offset) {
    var root = body();
    if (!root || !root.contains(node)) { return null; }
    if (node.nodeType === Node.TEXT_NODE) {
      var run = node.parentElement.closest("[data-s]");
      if (!run) { return null; }
      // The browser must hold the run's text unchanged (a carriage return would not survive).
      if (codePoints(node.data) !== Number(run.dataset.e) - Number(run.dataset.s)) { return null; }
      return Number(run.dataset.s) + codePoints(node.data.slice(0, offset));
    }
    var inside = node.closest("[data-s]");
    if (inside) { return offset === 0 ? Number(inside.dataset.s) : Number(inside.dataset.e); }
    var after = node.childNodes[offset] && firstRun(node.childNodes[offset]);
    if (after) { return Number(after.dataset.s); }
    var before = offset > 0 && node.childNodes[offset - 1] && lastRun(node.childNodes[offset - 1]);
    return before ? Number(before.dataset.e) : null;
  }

  function selectionSpan() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return null; }
    return { start: start, end: end, text: selection.toString() };
  }

  var lastAutoName = "";

  function captureSelection() {
    var span = selectionSpan();
    if (!span) { return; }
    var startField = document.getElementById("add-start"), endField = document.getElementById("add-end");
    if (!startField || !endField) { return; }
    startField.value = span.start;
    endField.value = span.end;
    var text = span.text.replace(/\s+/g, " ").trim();
    var preview = document.getElementById("add-selection");
    if (preview) { preview.textContent = "Selected: “" + text + "” (" + span.start + "–" + span.end + ")"; }
    var name = document.getElementById("add-new-name");
    if (name && (!name.value || name.value === lastAutoName)) { name.value = text; lastAutoName = text; }
    var query = document.getElementById("add-q");
    if (query && query.value !== text) { query.value = text; htmx.trigger(query, "search"); }
  }

  var selectionTimer = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(captureSelection, 150);
  });

  // --- events ------------------------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("#annotate-body mark[data-mention]");
    if (mark && window.getSelection().isCollapsed) { select(mark.dataset.mention); return; }
    var link = event.target.closest && event.target.closest("[data-mention-link]");
    if (link) { event.preventDefault(); select(link.dataset.mentionLink); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.id === "show-rejected") { showRejected = event.target.checked; applyRejectedToggle(); }
  });

  document.addEventListener("keydown", function (event) {
    if (!workspace() || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var actions = {
      j: function () { move(1); },
      k: function () { move(-1); },
      c: function () { review("confirmed"); },
      r: function () { review("rejected"); },
      a: function () { clickPanelButton("confirm-all"); },
      l: function () { var q = document.getElementById("relink-q"); if (q) { q.focus(); } },
      n: function () {
        captureSelection();
        var q = document.getElementById("add-q");
        if (q) { q.focus(); }
      },
      x: function () { showRejected = !showRejected; applyRejectedToggle(); }
    };
    var action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    applyRejectedToggle();
  });

  // Exposed for the browser tests and for scripting: the body offsets of the current selection.
  window.archiveAnnotate = { selectionSpan: selectionSpan, offsetOf: offsetOf };
})();
