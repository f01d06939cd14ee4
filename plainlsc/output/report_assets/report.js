/* plainlsc HTML report: optional niceties. The page reads fine without this script. */
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var panelWhere = document.getElementById("panel-where");
  var active = [];

  function findingItem(id) {
    return document.getElementById("item-" + id);
  }

  /* The clicked mark and every mark around it: all findings at that place. */
  function marksAt(mark) {
    var found = [];
    var m = mark;
    while (m) {
      if (!m.classList.contains("off")) { found.push(m); }
      m = m.parentElement ? m.parentElement.closest("mark[data-finding]") : null;
    }
    return found;
  }

  function setActive(marks) {
    active.forEach(function (m) { m.classList.remove("active"); });
    active = marks;
    active.forEach(function (m) { m.classList.add("active"); });
  }

  function show(mark) {
    var marks = marksAt(mark);
    if (!marks.length || !panel) { return; }
    var list = document.createElement("ol");
    marks.forEach(function (m) {
      var item = findingItem(m.dataset.finding);
      if (!item) { return; }
      var copy = item.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      list.appendChild(copy);
    });
    panelWhere.textContent = "Line " + mark.dataset.line + ", column " + mark.dataset.column;
    panelBody.replaceChildren(list);
    panel.hidden = false;
    setActive(marks.slice(0, 1));
  }

  function hide() {
    if (panel) { panel.hidden = true; }
    setActive([]);
  }

  function flash(id) {
    document.querySelectorAll('mark[data-finding="' + id + '"]').forEach(function (m) {
      m.classList.remove("flash");
      void m.offsetWidth; /* restart the animation */
      m.classList.add("flash");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var mark = target.closest ? target.closest("mark[data-finding]") : null;
    if (mark && !mark.classList.contains("off")) { show(mark); return; }
    var jump = target.closest ? target.closest("a.jump") : null;
    if (jump) {
      var dest = document.getElementById(jump.getAttribute("href").slice(1));
      if (!dest) { return; }
      event.preventDefault();
      dest.scrollIntoView({ block: "center" });
      dest.focus({ preventScroll: true });
      if (dest.dataset.finding) { flash(dest.dataset.finding); show(dest); }
      if (history.replaceState) { history.replaceState(null, "", jump.getAttribute("href")); }
    }
  });

  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-finding]") : null;
    if (mark && mark === event.target && !mark.classList.contains("off")) { show(mark); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });

  var close = document.getElementById("panel-close");
  if (close) { close.addEventListener("click", hide); }

  /* Turn each legend entry into a filter: untick a rule to hide its highlights and findings. */
  document.querySelectorAll("ul.legend li[data-rule]").forEach(function (li) {
    var rule = li.dataset.rule;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("aria-label", "Show " + rule);
    var label = document.createElement("label");
    label.appendChild(box);
    while (li.firstChild) { label.appendChild(li.firstChild); }
    li.appendChild(label);
    box.addEventListener("change", function () {
      var selector = 'mark[data-rule="' + CSS.escape(rule) + '"], li.finding[data-rule="' +
        CSS.escape(rule) + '"]';
      document.querySelectorAll(selector).forEach(function (el) {
        el.classList.toggle("off", !box.checked);
        if (el.tagName === "MARK") { el.tabIndex = box.checked ? 0 : -1; }
      });
    });
  });
  /* A link to one finding (report.html#f0-3, as the findings list makes) opens it. */
  var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (start && start.matches("mark[data-finding]")) {
    show(start);
    flash(start.dataset.finding);
  }
  document.documentElement.setAttribute("data-js", "ready");
}());
