/* Drop the browser's copies of form text the server has confirmed saved (samarbeid/drafts.py). */
(function () {
  "use strict";
  var keys = (document.body.dataset.savedDrafts || "").split(" ");
  keys.forEach(function (key) {
    if (!key) { return; }
    try { localStorage.removeItem(key); } catch (e) { /* private mode */ }
  });
}());
