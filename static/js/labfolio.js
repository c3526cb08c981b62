// Labfolio's small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem("theme"); } catch (error) { /* storage disabled */ }
  if (stored === "light" || stored === "dark") root.dataset.theme = stored;
  root.classList.add("js");

  function currentTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(currentTheme() === "dark"));
      toggle.addEventListener("click", function () {
        var next = currentTheme() === "dark" ? "light" : "dark";
        root.dataset.theme = next;
        toggle.setAttribute("aria-pressed", String(next === "dark"));
        try { localStorage.setItem("theme", next); } catch (error) { /* storage disabled */ }
      });
    }
    // Obfuscated emails: the address travels reversed and base64-encoded.
    document.querySelectorAll(".email[data-email]").forEach(function (element) {
      var address = atob(element.dataset.email).split("").reverse().join("");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      link.className = "email";
      element.replaceWith(link);
    });
  });
})();
