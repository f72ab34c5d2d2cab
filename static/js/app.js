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
})();
