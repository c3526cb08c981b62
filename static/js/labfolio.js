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
    // Icon links to an address (the e-mail icon of a member page) become mailto links likewise.
    document.querySelectorAll("a[data-mailto]").forEach(function (link) {
      link.href = "mailto:" + atob(link.dataset.mailto).split("").reverse().join("");
    });
  });
})();

// The photo form previews the chosen file, cropped to a square as it will be shown.
document.addEventListener("DOMContentLoaded", function () {
  var input = document.querySelector('input[type="file"][name="photo"]');
  var preview = document.getElementById("photo-preview");
  if (!input || !preview) return;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || !/^image\/(png|jpeg|gif|webp)$/.test(file.type)) return;
    var reader = new FileReader();
    reader.addEventListener("load", function () {
      preview.src = reader.result;
      preview.alt = "Preview of the chosen photo";
      preview.hidden = false;
    });
    reader.readAsDataURL(file);
  });
});

// Tab leaves a markdown editor as it leaves any text field. django-markdownx would indent
// instead, trapping keyboard users in the bio (WCAG 2.1.2); a capture listener on the document
// runs before the editor's own, and stopping the event there keeps the browser's focus move.
document.addEventListener(
  "keydown",
  function (event) {
    var target = event.target;
    if (event.key === "Tab" && target.classList && target.classList.contains("markdownx-editor")) {
      event.stopPropagation();
    }
  },
  true
);

// Copy buttons (a citation, a BibTeX entry): the text of the element named by data-copy goes to the
// clipboard, and a polite live region says so. Without the Clipboard API (an http page elsewhere
// than localhost) the text is selected and copied the old way. One listener serves buttons that
// arrive later too, with the citations a list's Cite panel loads.
(function () {
  "use strict";
  var status = null;

  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function copied(button, ok) {
    button.textContent = ok ? "Copied" : "Select and copy";
    announce(ok ? "Copied to the clipboard." : "Copying failed; the text is selected, copy it with the keyboard.");
    window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  function copyBySelection(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    var target = document.getElementById(button.dataset.copy);
    if (!target) return;
    var text = target.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, true); },
        function () { copied(button, copyBySelection(target)); }
      );
    } else {
      copied(button, copyBySelection(target));
    }
  });

  // A list's Cite panel fetches its formatted citations from this site the first time it opens.
  document.addEventListener(
    "toggle",
    function (event) {
      var panel = event.target;
      if (!panel.open || !panel.querySelector) return;
      var slot = panel.querySelector("[data-cite-url]");
      if (!slot || slot.dataset.loaded) return;
      slot.dataset.loaded = "1";
      fetch(slot.dataset.citeUrl, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) { slot.innerHTML = html; })
        .catch(function () { delete slot.dataset.loaded; });
    },
    true
  );
})();

// The editor's preview wears the page's own markdown styles, so bullets, code and tables look as
// they will on the page; the HTML in it comes from the same sanitiser that renders the page.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".markdownx-preview").forEach(function (preview) {
    preview.classList.add("prose");
  });
});
