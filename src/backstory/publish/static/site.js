/* backstory: optional enhancements only; every page works without this file.
   1. Escape closes an open citation passage and returns to its marker.
   2. On the static site's search page, filter explainers with search-index.json. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !/^#cite-\d+$/.test(location.hash)) return;
    var back = document.getElementById("ref-" + location.hash.slice(6));
    location.hash = back ? back.id : "";
    if (back) back.focus();
  });

  var app = document.getElementById("search-app");
  if (!app) return;
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var base = app.getAttribute("data-index").replace(/search-index\.json$/, "");

  function words(s) { return s.toLowerCase().split(/\W+/).filter(Boolean); }

  function show(index, query) {
    list.textContent = "";
    var terms = words(query);
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.filter(function (doc) {
      var hay = (doc.title + " " + doc.text).toLowerCase();
      return terms.every(function (t) { return hay.indexOf(t) !== -1; });
    });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d.";
    hits.slice(0, 50).forEach(function (doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + doc.url;  /* urls in the index are relative paths we wrote */
      a.textContent = doc.title;
      var p = document.createElement("p");
      p.className = "card-standfirst";
      p.textContent = doc.summary;
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  fetch(app.getAttribute("data-index"))
    .then(function (r) { return r.json(); })
    .then(function (index) {
      var q = new URLSearchParams(location.search).get("q") || "";
      input.value = q;
      show(index, q);
      input.addEventListener("input", function () { show(index, input.value); });
    })
    .catch(function () { status.textContent = "Search is unavailable here; every explainer is listed below."; });
})();
