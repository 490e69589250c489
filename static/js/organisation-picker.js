/* Search-as-you-type for <select data-organisation-search="URL"> (projects/widgets.py).
   The select stays in the form and carries the value; a combobox input (WAI-ARIA combobox
   with a listbox popup) takes its id, so its label, error links and aria-describedby point
   at what the user types in. Without this script the select works on its own. */
(function () {
  "use strict";

  function enhance(select, index) {
    var input = document.createElement("input");
    var list = document.createElement("ul");
    var live = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var request = 0;

    input.type = "text";
    input.id = select.id;
    select.id = select.id + "-select";
    input.className = "combobox-input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    list.id = input.id + "-listbox";
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    var chosen = select.options[select.selectedIndex];
    input.value = chosen && chosen.value ? chosen.text : "";

    select.hidden = true;
    select.tabIndex = -1;
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(list, select);
    select.parentNode.insertBefore(live, select);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(next) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (next + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(item) {
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === String(item.id);
      });
      if (!option) {
        option = new Option(item.name, item.id);
        select.add(option);
      }
      select.value = String(item.id);
      input.value = option.text;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function show(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        var detail = [item.kind_label, item.number].filter(Boolean).join(" · ");
        if (detail) {
          var small = document.createElement("span");
          small.className = "combobox-detail";
          small.textContent = " " + detail;
          option.appendChild(small);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(option);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      // The words come translated from the widget (projects/widgets.py).
      live.textContent = results.length
        ? (select.dataset.textResults || "%s").replace("%s", results.length)
        : select.dataset.textNone || "";
    }

    function search() {
      var query = input.value.trim();
      if (!query) {
        show([]);
        return;
      }
      var url = new URL(select.dataset.organisationSearch, window.location.href);
      url.searchParams.set("q", query);
      if (select.dataset.kind) url.searchParams.set("kind", select.dataset.kind);
      if (select.dataset.includeEnded) url.searchParams.set("ended", "1");
      var mine = ++request;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine === request) show(data.results || []);
        })
        .catch(function () {
          /* The select behind the input still holds the last choice. */
        });
    }

    input.addEventListener("input", function () {
      if (!input.value.trim()) select.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) search();
        else highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("select[data-organisation-search]").forEach(enhance);
})();
