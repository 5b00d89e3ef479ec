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
  // Days are typed as dd/mm/yyyy (inputs with data-calendar); a button beside each opens the
  // browser's own calendar, whose choice is written back as dd/mm/yyyy. No library, no CDN.
  function isoOf(text) {
    var parts = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
    if (!parts) {
      return "";
    }
    var pad = function (n) { return ("0" + n).slice(-2); };
    return parts[3] + "-" + pad(parts[2]) + "-" + pad(parts[1]);
  }
  document.querySelectorAll("input[data-calendar]").forEach(function (input) {
    var calendar = document.createElement("input");
    calendar.type = "date";
    calendar.className = "calendar-native";
    calendar.tabIndex = -1;
    calendar.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "calendar-button";
    button.setAttribute("aria-label", input.dataset.calendar);
    button.title = input.dataset.calendar;
    button.textContent = "\uD83D\uDCC5";
    button.addEventListener("click", function () {
      calendar.value = isoOf(input.value);
      if (calendar.showPicker) {
        calendar.showPicker();
      } else {
        calendar.focus();
      }
    });
    calendar.addEventListener("change", function () {
      var parts = calendar.value.split("-");
      if (parts.length === 3) {
        input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    var holder = document.createElement("span");
    holder.className = "day-input";
    input.parentNode.insertBefore(holder, input);
    holder.appendChild(input);
    holder.appendChild(button);
    holder.appendChild(calendar);
  });
})();
