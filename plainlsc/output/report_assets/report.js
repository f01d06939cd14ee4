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

  /* A finding's list item, with its rule's advice (given once per rule in the list). */
  function panelItem(item) {
    var copy = item.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    var group = item.closest("section.group");
    var rule = document.createElement("code");
    rule.className = "rule";
    rule.textContent = item.dataset.rule;
    copy.insertBefore(document.createTextNode(" "), copy.firstChild);
    copy.insertBefore(rule, copy.firstChild);
    var advice = group ? group.querySelector(".advice") : null;
    if (advice) {
      copy.appendChild(document.createTextNode(" " + advice.textContent));
    }
    return copy;
  }

  function show(mark) {
    var marks = marksAt(mark);
    if (!marks.length || !panel) { return; }
    var list = document.createElement("ol");
    marks.forEach(function (m) {
      var item = findingItem(m.dataset.finding);
      if (item) { list.appendChild(panelItem(item)); }
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

  /* Keyboard stops: the first fragment of each finding that is not filtered out. */
  function stops() {
    return Array.prototype.filter.call(
      document.querySelectorAll('mark[data-finding][data-part="0"]'),
      function (m) { return !m.classList.contains("off"); });
  }

  var current = -1;
  function step(delta) {
    var all = stops();
    if (!all.length) { return; }
    var at = all.indexOf(document.activeElement);
    if (at < 0) { at = current; }
    var next = at < 0 ? (delta > 0 ? 0 : all.length - 1)
      : (at + delta + all.length) % all.length;
    current = next;
    all[next].scrollIntoView({ block: "center" });
    all[next].focus({ preventScroll: true });
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
      if (dest.dataset.finding) {
        dest.focus({ preventScroll: true });
        flash(dest.dataset.finding);
        show(dest);
      }
      if (history.replaceState) { history.replaceState(null, "", jump.getAttribute("href")); }
    }
  });

  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-finding]") : null;
    if (mark && mark === event.target && !mark.classList.contains("off")) {
      current = stops().indexOf(mark);
      show(mark);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
        (event.target && event.target.isContentEditable)) { return; }
    if (event.key === "j" || event.key === "n") { event.preventDefault(); step(1); }
    if (event.key === "k" || event.key === "p") { event.preventDefault(); step(-1); }
  });

  var close = document.getElementById("panel-close");
  if (close) { close.addEventListener("click", hide); }

  /* The legend is the filter: a click on a rule hides or shows its marks and its list. */
  function setRule(rule, on) {
    var sel = CSS.escape(rule);
    document.querySelectorAll('mark[data-rule="' + sel + '"], li.finding[data-rule="' + sel +
      '"], section.group[data-rule="' + sel + '"]').forEach(function (el) {
      el.classList.toggle("off", !on);
      if (el.tagName === "MARK" && el.dataset.part === "0") { el.tabIndex = on ? 0 : -1; }
    });
    document.querySelectorAll('ul.legend button[data-rule="' + sel + '"]').forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.querySelectorAll("ul.legend button[data-rule]").forEach(function (button) {
    button.addEventListener("click", function () {
      setRule(button.dataset.rule, button.getAttribute("aria-pressed") === "false");
    });
  });

  /* A link to one finding (report.html#f0-3, as the lists make) opens it. */
  var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (start && start.matches("mark[data-finding]")) {
    show(start);
    flash(start.dataset.finding);
  }
  document.documentElement.setAttribute("data-js", "ready");
}());
