// Status updates from a list without leaving the page. Without this script the form posts
// and the server redirects back to the same list, so the page works the same, only reloaded.
(function () {
  "use strict";

  function replaceFrom(doc, selector, fallbackParent) {
    const fresh = doc.querySelector(selector);
    const current = document.querySelector(selector);
    if (current && fresh) {
      current.replaceWith(fresh);
    } else if (current) {
      current.remove();
    } else if (fresh && fallbackParent) {
      fallbackParent.prepend(fresh);
    }
  }

  document.addEventListener("submit", async function (event) {
    const form = event.target;
    if (!form.classList.contains("item-update")) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
      });
      if (!response.ok) {
        form.submit();
        return;
      }
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const row = form.closest("tr");
      if (row && row.id) {
        replaceFrom(doc, "#" + row.id);
      }
      // The messages region is role=status: screen readers announce the new text.
      replaceFrom(doc, ".messages", document.querySelector("main"));
    } catch (error) {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
