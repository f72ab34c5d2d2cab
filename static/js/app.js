// Career Agent's small client-side behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  function toast(text, level) {
    const box = document.getElementById("toasts");
    if (!box) return;
    const item = document.createElement("p");
    item.className = "message message-" + (level || "error");
    item.setAttribute("role", "alert");
    item.textContent = text;
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, 8000);
  }

  // htmx does not swap 4xx/5xx answers by default: tell the person instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr.status;
    if (status === 429) toast("Too many requests: please wait a little and try again.");
    else if (status === 404) toast("That item no longer exists.");
    else if (status === 403) toast("That was refused. Reload the page and try again.");
    else toast("Something went wrong (" + status + "). Please try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("The server could not be reached. Check your connection and try again.");
  });
  // Servers send HX-Trigger: {"toast": {"text": "...", "level": "success"}} for messages after a partial swap.
  document.addEventListener("toast", function (event) {
    toast(event.detail.text || event.detail.value, event.detail.level || "success");
  });

  // Drag and drop onto an upload zone: put the file in the form's input and submit it through htmx.
  function wireDropzones(root) {
    root.querySelectorAll("[data-dropzone]").forEach(function (zone) {
      if (zone.dataset.wired) return;
      zone.dataset.wired = "1";
      const input = zone.querySelector("input[type=file]");
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
      });
      ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        if (!input || !event.dataTransfer.files.length) return;
        input.files = event.dataTransfer.files;
        zone.requestSubmit();
      });
    });
  }

  // Forms that destroy something ask first.
  document.addEventListener("submit", function (event) {
    const message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // The export page's live preview follows the chosen design and paper.
  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("[data-preview]")) return;
    const frame = document.getElementById("export-preview");
    const form = event.target.form;
    if (!frame || !form) return;
    const params = new URLSearchParams({ template: form.template.value, paper: form.paper.value });
    frame.src = frame.dataset.base + params.toString();
  });

  // The tracker board: cards are dragged between columns (SortableJS, loaded on the board page only); a drop
  // POSTs the new status to the card's move URL through htmx. Each card also has a status <select> form, which
  // works without JavaScript; after either, the answered card is put in the column of its status.
  function bumpCount(status, delta) {
    const counters = [document.querySelector('[data-count-for="' + status + '"]')];
    if (document.querySelector('[data-board-list][data-closed][data-status="' + status + '"]')) {
      counters.push(document.querySelector('[data-count-for="closed"]'));
    }
    counters.forEach(function (counter) {
      if (counter) counter.textContent = String(Math.max(0, (parseInt(counter.textContent, 10) || 0) + delta));
    });
  }

  function listFor(status) {
    return document.querySelector('[data-board-list][data-status="' + status + '"]');
  }

  function dropped(event) {
    const card = event.item;
    const from = event.from.dataset.status;
    const to = event.to.dataset.status;
    if (from === to || !card.dataset.moveUrl) return;
    const closing = event.to.hasAttribute("data-closed");
    bumpCount(from, -1);
    bumpCount(to, 1);
    card.classList.add("moving");
    function revert() {
      bumpCount(to, -1);
      bumpCount(from, 1);
      card.classList.remove("moving");
      event.from.insertBefore(card, event.from.children[event.oldIndex] || null);
    }
    function finished(done) {
      if (done.detail.elt !== card) return;
      card.removeEventListener("htmx:afterRequest", finished);
      // An error answer is not swapped in; htmx:responseError has told the person already.
      if (!done.detail.successful) revert();
    }
    card.addEventListener("htmx:afterRequest", finished);
    htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      target: card,
      swap: closing ? "delete" : "outerHTML",
      values: { status: to },
    }).catch(function () { /* sendError: reverted by the afterRequest handler, and toasted */ });
  }

  function wireBoard(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll("[data-board-list]").forEach(function (list) {
      if (list.dataset.wired) return;
      list.dataset.wired = "1";
      Sortable.create(list, {
        group: "board",
        draggable: ".board-card",
        filter: "select, button, input, label",
        preventOnFilter: false,
        animation: 120,
        ghostClass: "board-card-ghost",
        onEnd: dropped,
      });
    });
  }

  // A card answered by the status <select> form: put it in its new column (or drop it if it closed).
  function placeCard(card) {
    if (!card.classList || !card.classList.contains("board-card")) return;
    const list = listFor(card.dataset.status);
    const current = card.closest("[data-board-list]");
    if (!list || !current || list === current) return;
    bumpCount(current.dataset.status, -1);
    bumpCount(card.dataset.status, 1);
    if (list.hasAttribute("data-closed")) card.remove();
    else list.prepend(card);
  }

  // "Copy" buttons (data-copy="<selector of a field>"): shown only where the clipboard can be written.
  function wireCopyButtons(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      if (button.dataset.copyWired) return;
      button.dataset.copyWired = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        const field = document.querySelector(button.dataset.copy);
        if (!field) return;
        navigator.clipboard.writeText(field.value || field.textContent || "").then(function () {
          const label = button.textContent;
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireDropzones(document);
    wireBoard(document);
    wireCopyButtons(document);
  });
  document.addEventListener("htmx:load", function (event) {
    wireDropzones(event.detail.elt.parentElement || document);
    wireCopyButtons(event.detail.elt.parentElement || document);
    placeCard(event.detail.elt);
  });
})();
