/* apicompat report: filter findings by severity, kind, header and text.
   Static code only: it reads data- attributes and never evaluates page text.
   Without JavaScript the filter form stays hidden and every finding is shown. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var status = document.getElementById("filter-status");
  var el = form.elements;

  function value(name) {
    var field = el[name];
    return field ? field.value : "";
  }

  function matches(article, query) {
    if (!query) { return true; }
    var symbol = (article.getAttribute("data-symbol") || "").toLowerCase();
    return symbol.indexOf(query) !== -1 || article.textContent.toLowerCase().indexOf(query) !== -1;
  }

  function apply() {
    var severity = value("severity");
    var kind = value("kind");
    var header = value("header");
    var query = value("q").trim().toLowerCase();
    var showAccepted = el.accepted ? el.accepted.checked : true;
    var shown = 0;
    findings.forEach(function (article) {
      var visible = (!severity || article.getAttribute("data-severity") === severity) &&
        (!kind || article.getAttribute("data-kind") === kind) &&
        (!header || article.getAttribute("data-header") === header) &&
        (showAccepted || !article.classList.contains("accepted")) &&
        matches(article, query);
      article.hidden = !visible;
      if (visible) {
        shown += 1;
        if (query) { openMatchingDetails(article, query); }
      }
    });
    groups.forEach(function (group) {
      var visible = group.querySelectorAll("article.finding:not([hidden])").length;
      var count = group.querySelector(":scope > h2 > .count, :scope > h3 > .count");
      group.hidden = visible === 0;
      if (count) {
        var total = count.getAttribute("data-total");
        count.textContent = String(visible) === total ? total : visible + " of " + total;
      }
    });
    status.textContent = shown + " of " + findings.length + " findings shown";
  }

  function openMatchingDetails(article, query) {
    Array.prototype.forEach.call(article.querySelectorAll("details"), function (details) {
      if (details.textContent.toLowerCase().indexOf(query) !== -1) { details.open = true; }
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
}());
