/* The minutes editor: formatting for rich-text fields, saving while the secretary types,
 * and a copy of the text in the browser so nothing is lost to a dropped network or an
 * expired session. Without JavaScript the form still works: the fields are plain textareas
 * that accept text or simple HTML, and the server cleans both. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-editor]");
  if (!form) { return; }
  var texts = form.dataset;
  var status = document.getElementById("autosave-status");
  var seen = form.querySelector('[name="seen_updated_at"]');
  var key = texts.storageKey;

  function say(text, isError) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  /* --- Rich text: a contenteditable area in front of each textarea ------------------ */
  var COMMANDS = [
    ["bold", texts.boldLabel, "B"],
    ["italic", texts.italicLabel, "I"],
    ["insertUnorderedList", texts.listLabel, "•"],
    ["insertOrderedList", texts.numberedLabel, "1."],
    ["createLink", texts.linkLabel, texts.linkLabel]
  ];

  /* --- Pasting: only what the server keeps (meetings/richtext.py) reaches the page -----
   * Word and web pages paste inline styles and classes; inserted as they are, they break the
   * Content-Security-Policy and show formatting the minutes will not keep. The clipboard's HTML
   * is read in an inert document (DOMParser runs nothing, loads nothing) and rebuilt. */
  var PASTE_TAGS = [
    "P", "BR", "H2", "H3", "H4", "UL", "OL", "LI", "STRONG", "B", "EM", "I", "U", "A", "BLOCKQUOTE"
  ];
  var PASTE_DROP = ["SCRIPT", "STYLE", "TITLE", "HEAD", "XML", "TEMPLATE", "META", "LINK"];

  function insertNodes(fragment) {
    var selection = window.getSelection();
    if (!selection.rangeCount || !fragment.lastChild) { return; }
    var range = selection.getRangeAt(0);
    var last = fragment.lastChild;
    range.deleteContents();
    range.insertNode(fragment);
    range.setStartAfter(last);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* Word writes a list as paragraphs styled "mso-list:l0 level2 lfo1", each starting with its
   * bullet or number as text in a span styled "mso-list:Ignore". Kept as paragraphs, the
   * minutes would show "· Grue"; rebuilt here as real lists, nested by level. */
  var WORD_LIST_ITEM = /mso-list:\s*l\d+\s+level(\d+)/i;
  var WORD_NUMBER = /^[0-9a-z]{1,4}[.)]$/i;

  function wordLists(body) {
    var stack = [];
    Array.prototype.forEach.call(body.querySelectorAll("p[style]"), function (p) {
      var found = WORD_LIST_ITEM.exec(p.getAttribute("style"));
      if (!found) { return; }
      var level = Math.min(parseInt(found[1], 10), 9);
      var marker = "";
      Array.prototype.forEach.call(p.querySelectorAll("span[style]"), function (span) {
        if (/mso-list:\s*ignore/i.test(span.getAttribute("style")) && span.parentNode) {
          marker = marker || span.textContent.replace(/\s+/g, " ").trim();
          span.parentNode.removeChild(span);
        }
      });
      /* A paragraph between two lists ends the first: the next item starts a new list. */
      if (!stack.length || p.previousElementSibling !== stack[0]) { stack = []; }
      while (stack.length > level) { stack.pop(); }
      while (stack.length < level) {
        var list = body.ownerDocument.createElement(WORD_NUMBER.test(marker) ? "ol" : "ul");
        if (!stack.length) {
          p.parentNode.insertBefore(list, p);
        } else {
          var parent = stack[stack.length - 1];
          (parent.lastElementChild || parent).appendChild(list);
        }
        stack.push(list);
      }
      var item = body.ownerDocument.createElement("li");
      while (p.firstChild) { item.appendChild(p.firstChild); }
      stack[stack.length - 1].appendChild(item);
      p.parentNode.removeChild(p);
    });
  }

  function cleanPaste(html) {
    var source = new DOMParser().parseFromString(html, "text/html").body;
    wordLists(source);
    var out = document.createDocumentFragment();
    function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.nodeValue));
          return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) { return; }
        var tag = node.tagName.toUpperCase();
        if (PASTE_DROP.indexOf(tag) !== -1) { return; }
        if (PASTE_TAGS.indexOf(tag) === -1) { copy(node, to); return; }
        var element = document.createElement(tag);
        if (tag === "A" && /^(https?:|mailto:)/i.test(node.getAttribute("href") || "")) {
          element.setAttribute("href", node.getAttribute("href"));
        }
        copy(node, element);
        to.appendChild(element);
      });
    }
    copy(source, out);
    return out;
  }

  function richText(textarea) {
    var label = form.querySelector('label[for="' + textarea.id + '"]');
    var area = document.createElement("div");
    area.className = "rich-text-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
    }
    var described = textarea.getAttribute("aria-describedby");
    if (described) { area.setAttribute("aria-describedby", described); }
    area.innerHTML = textarea.value;

    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", texts.toolbarLabel);
    COMMANDS.forEach(function (command) {
      var button = document.createElement("button");
      button.type = "button";
      /* The name is the spoken label; the short glyph is for the eye only, so the two
       * never disagree (WCAG 2.5.3, label in name). */
      var glyph = document.createElement("span");
      glyph.setAttribute("aria-hidden", "true");
      glyph.textContent = command[2];
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = command[1];
      button.appendChild(glyph);
      button.appendChild(name);
      button.title = command[1];
      button.addEventListener("click", function () {
        area.focus();
        var value = null;
        if (command[0] === "createLink") {
          value = window.prompt(texts.linkPrompt, "https://");
          if (!value) { return; }
        }
        document.execCommand(command[0], false, value);
        sync();
      });
      toolbar.appendChild(button);
    });

    function sync() {
      textarea.value = area.innerHTML;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.addEventListener("input", sync);
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html");
      event.preventDefault();
      if (html) {
        /* Not execCommand("insertHTML"): Chromium wraps what it inserts in styled spans. */
        insertNodes(cleanPaste(html));
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
      sync();
    });
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(area, textarea);
    return { textarea: textarea, area: area };
  }

  var richFields = Array.prototype.map.call(
    form.querySelectorAll("textarea[data-rich-text]"), richText
  );

  /* --- A copy in the browser, until the server has the text ------------------------- */
  function snapshot() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") { return; }
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    return data;
  }
  function remember() {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), data: snapshot() })); } catch (e) { /* private mode */ }
  }
  function forget() {
    try { localStorage.removeItem(key); } catch (e) { /* private mode */ }
  }
  function stored() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function fill(data) {
    Object.keys(data).forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (!el || !el.type) { return; }
      if (el.type === "checkbox") { el.checked = data[name]; } else { el.value = data[name]; }
    });
    richFields.forEach(function (field) { field.area.innerHTML = field.textarea.value; });
  }

  var draft = key && stored();
  if (draft && JSON.stringify(draft.data) !== JSON.stringify(snapshot())) {
    var notice = document.createElement("div");
    notice.className = "conflict";
    notice.setAttribute("role", "status");
    var when = new Date(draft.at).toLocaleString("nb-NO");
    var p = document.createElement("p");
    p.textContent = texts.restoreText.replace("%(when)s", when);
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button secondary";
    restore.textContent = texts.restoreLabel;
    restore.addEventListener("click", function () {
      fill(draft.data);
      notice.remove();
      dirty = true;
      schedule();
    });
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link";
    discard.textContent = texts.discardLabel;
    discard.addEventListener("click", function () { forget(); notice.remove(); });
    notice.appendChild(p);
    notice.appendChild(restore);
    notice.appendChild(document.createTextNode(" "));
    notice.appendChild(discard);
    form.parentNode.insertBefore(notice, form);
  } else if (draft) {
    forget();
  }

  /* --- Saving in the background ---------------------------------------------------- */
  var timer = null;
  var dirty = false;
  var saving = false;

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 2500);
  }

  function save() {
    if (!texts.autosaveUrl || saving || !dirty) { return; }
    saving = true;
    dirty = false;
    fetch(texts.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          seen.value = body.seen_updated_at;
          forget();
          say(texts.savedText + " " + new Date().toLocaleTimeString("nb-NO", { hour: "2-digit", minute: "2-digit" }));
        } else {
          dirty = true;
          say(body.error || texts.failedText, true);
        }
      });
    }).catch(function () {
      dirty = true;
      say(texts.offlineText, true);
    }).then(function () {
      saving = false;
      if (dirty && status && !status.classList.contains("error")) { schedule(); }
    });
  }

  form.addEventListener("input", function () {
    dirty = true;
    remember();
    say(texts.unsavedText);
    schedule();
  });
  window.addEventListener("online", function () { if (dirty) { save(); } });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !form.dataset.submitting) { event.preventDefault(); }
  });
  form.addEventListener("submit", function () {
    form.dataset.submitting = "1";
    remember();
  });
}());
