/* Progressive enhancement for every page (loaded with defer; pages work without it).
   1. Each data table gets its column headings as data-label on its cells, so that on a narrow
      screen the stylesheet can show one card per row ("bv-reflow").
   2. A table wider than its box scrolls inside a wrapper instead of pushing the page sideways.
   Tables opt out with data-reflow="no" (for example wide matrices that only make sense as a grid). */
(function () {
  "use strict";
  function headings(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return null;
    var row = head.rows[head.rows.length - 1];
    var labels = [];
    for (var i = 0; i < row.cells.length; i++) {
      var cell = row.cells[i];
      var text = (cell.textContent || "").replace(/\s+/g, " ").trim();
      var span = cell.colSpan || 1;
      for (var j = 0; j < span; j++) labels.push(text);
    }
    return labels;
  }
  function label(table) {
    var labels = headings(table);
    if (!labels) return;
    var bodies = Array.prototype.slice.call(table.tBodies);
    if (table.tFoot) bodies.push(table.tFoot);
    bodies.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var text = (cell.colSpan || 1) > 1 ? "" : labels[col] || "";
          col += cell.colSpan || 1;
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", text);
        });
      });
    });
    table.classList.add("bv-reflow");
  }
  function wrap(table) {
    var parent = table.parentNode;
    if (!parent || (parent.classList && parent.classList.contains("bv-table-scroll"))) return;
    var box = document.createElement("div");
    box.className = "bv-table-scroll";
    parent.insertBefore(box, table);
    box.appendChild(table);
  }
  function run() {
    var tables = document.querySelectorAll("main table");
    Array.prototype.forEach.call(tables, function (table) {
      wrap(table);
      if (table.getAttribute("data-reflow") !== "no") label(table);
    });
  }
  /* 3. Long checkbox lists (code lists) get a search box that hides what does not match,
        ignoring case and accents ("brattas" matches "Brattås"). */
  function fold(text) {
    return (text || "").toLowerCase().replace(/æ/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ø/g, "o").replace(/đ/g, "d");
  }
  function searchable(fieldset) {
    var box = fieldset.querySelector(".bv-filter");
    if (!box) return;
    box.hidden = false;
    var input = box.querySelector("input");
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(fieldset.querySelectorAll(".bv-check"), function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      Array.prototype.forEach.call(fieldset.querySelectorAll(".bv-checkgroup"), function (group) {
        group.hidden = !group.querySelector(".bv-check:not([hidden])");
      });
    });
  }
  function runAll() {
    run();
    Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-searchable]"), searchable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", runAll);
  else runAll();
})();
