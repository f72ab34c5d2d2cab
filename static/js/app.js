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

  document.addEventListener("DOMContentLoaded", function () { wireDropzones(document); });
  document.addEventListener("htmx:load", function (event) { wireDropzones(event.detail.elt.parentElement || document); });
})();
