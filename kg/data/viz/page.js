/* Search box and physics switch-off for the policy-kg page.
   Runs after pyvis's script, which defines the globals `network` and `nodes`.
   Node labels in the data are HTML-escaped, so the query is escaped the same
   way before matching; nothing here writes HTML (textContent only). */
(function () {
  "use strict";
  if (typeof network === "undefined" || !network) { return; }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
  });
  var input = document.getElementById("kg-search");
  var button = document.getElementById("kg-search-go");
  var status = document.getElementById("kg-search-status");
  var hits = [];
  var at = -1;
  var last = null;
  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function names(n) {
    return (n.kgLabels && n.kgLabels.length) ? n.kgLabels : [String(n.label)];
  }
  function find() {
    var q = esc(input.value.trim());
    if (!q) {
      status.textContent = "";
      network.unselectAll();
      last = null;
      return;
    }
    if (q !== last) {
      last = q;
      at = -1;
      hits = nodes.get({
        filter: function (n) {
          return names(n).some(function (l) { return l.indexOf(q) !== -1; });
        }
      }).map(function (n) { return n.id; });
    }
    if (!hits.length) {
      status.textContent = "无匹配 no match";
      return;
    }
    at = (at + 1) % hits.length;
    network.selectNodes([hits[at]]);
    network.focus(hits[at], { scale: 1.2, animation: { duration: 400 } });
    status.textContent = (at + 1) + " / " + hits.length;
  }
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); find(); }
  });
  button.addEventListener("click", find);
})();
