// gplan site search: works from file:// and without a server. The index
// is a script (search-index.js) that sets window.GPLAN_SEARCH; it is loaded
// the first time someone types. What is typed is folded as gplan folds
// names: no diacritics, đ = d, punctuation as spaces, lower case.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) { return; }
  var input = form.querySelector("input");
  var list = form.querySelector(".results");
  var count = document.getElementById("q-count");
  var root = form.getAttribute("data-root");
  var LIMIT = 50;
  // Bodies first, then plans, then tasks: who is looked for comes before
  // the many tasks that name them. The sort keeps the index's order within
  // each kind.
  var RANK = { body: 0, plan: 1, task: 2 };
  var loading = false;
  form.hidden = false;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function load(then) {
    if (window.GPLAN_SEARCH) { then(); return; }
    if (loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = then;
    document.head.appendChild(script);
  }

  function item(entry) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = form.getAttribute("data-" + entry[0]);
    var link = document.createElement("a");
    link.href = root + entry[3];
    link.textContent = entry[1];
    li.appendChild(kind);
    li.appendChild(link);
    if (entry[2]) { li.appendChild(document.createTextNode(" — " + entry[2])); }
    return li;
  }

  function search() {
    var words = fold(input.value).split(" ").filter(Boolean);
    list.textContent = "";
    if (!words.length) { count.textContent = ""; return; }
    var found = (window.GPLAN_SEARCH || []).filter(function (entry) {
      var text = " " + entry[4] + " ";
      return words.every(function (w) { return text.indexOf(" " + w) !== -1; });
    });
    found.sort(function (a, b) { return RANK[a[0]] - RANK[b[0]]; });
    found.slice(0, LIMIT).forEach(function (entry) { list.appendChild(item(entry)); });
    count.textContent = found.length ?
      found.length + " " + form.getAttribute("data-results") +
        (found.length > LIMIT ? ". " + form.getAttribute("data-more") : "") :
      form.getAttribute("data-none");
  }

  input.addEventListener("input", function () { load(search); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(search);
  });
}());
