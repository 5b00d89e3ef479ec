// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Forms with data-confirm ask before they are sent (submitting a report, deleting).
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // Forms with data-busy say that long work is going on, and are not sent twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset.busy || event.defaultPrevented) {
      return;
    }
    var status = form.querySelector(".busy-message");
    if (status) {
      status.textContent = form.dataset.busy;
    }
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
  });
  // Forms with data-warn-unsaved warn before their typed changes are lost.
  var dirty = null;
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    form.addEventListener("input", function () { dirty = form; });
    form.addEventListener("submit", function () { dirty = null; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
