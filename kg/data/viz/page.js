/* The policy-kg page: draws the graph from the JSON in #kg-data, then wires up
   the search box, the class and year filters and the physics switch-off.
   The data holds vis-network nodes as they are, and edges compactly:
   [from, to, kind, label or null, [indexes into texts]], their colour, width,
   label and first hover line coming from kinds[kind], the other hover lines
   from the shared texts (an evidence sentence or a source is stored once).
   Texts are plain text (drawn on the canvas, shown with innerText); nothing
   here writes HTML (textContent only). `network`, `nodes` and `edges` are
   globals, for the browser tests. */
var network = null;
var nodes = null;
var edges = null;
(function () {
  "use strict";
  var kg = JSON.parse(document.getElementById("kg-data").textContent);
  var kinds = kg.kinds;
  var texts = kg.texts;
  nodes = new vis.DataSet(kg.nodes);
  edges = new vis.DataSet(kg.edges.map(function (e, i) {
    var kind = kinds[e[2]];
    var title = [kind.title].concat(e[4].map(function (t) { return texts[t]; }));
    return { id: i, from: e[0], to: e[1], color: kind.color, width: kind.width,
             label: e[3] === null ? kind.label : e[3], title: title.join("\n") };
  }));
  var container = document.getElementById("mynetwork");
  var data = { nodes: nodes, edges: edges };
  var options = kg.options;
  network = new vis.Network(container, data, options);
})();
(function () {
  "use strict";
  if (typeof network === "undefined" || !network) { return; }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
  });
  var input = document.getElementById("kg-search");
  var button = document.getElementById("kg-search-go");
  var status = document.getElementById("kg-search-status");
  var filterStatus = document.getElementById("kg-filter-status");
  var yearSelect = document.getElementById("kg-year");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.kg-class"));
  var hits = [];
  var at = -1;
  var last = null;

  function norm(s) { return String(s).toLowerCase(); }
  function names(n) {
    return (n.kgLabels && n.kgLabels.length) ? n.kgLabels : [String(n.label)];
  }
  function matches(n, q) {
    return names(n).some(function (l) { return norm(l).indexOf(q) !== -1; });
  }

  /* Search: Enter (or the button) selects and zooms to the next visible match. */
  function find() {
    var q = norm(input.value.trim());
    if (!q) {
      status.textContent = "";
      network.unselectAll();
      last = null;
      return;
    }
    if (q !== last) {
      last = q;
      at = -1;
      hits = nodes.get({ filter: function (n) { return !n.hidden && matches(n, q); } })
        .map(function (n) { return n.id; });
    }
    if (!hits.length) {
      var hidden = nodes.get({ filter: function (n) { return n.hidden && matches(n, q); } }).length;
      status.textContent = "无匹配 no match" +
        (hidden ? "（" + hidden + " 个被筛选隐藏 hidden by the filters）" : "");
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

  /* Filters: a checkbox per class; the year keeps the facts, events and
     years of that year (nodes carrying kgYears) and leaves the rest. */
  function applyFilters() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) { off[b.value] = true; } });
    var year = yearSelect ? yearSelect.value : "";
    var changes = [];
    var visible = 0;
    var total = 0;
    nodes.forEach(function (n) {
      var hide = off[n.kgKind] === true ||
        (year !== "" && Array.isArray(n.kgYears) && n.kgYears.indexOf(year) === -1);
      total += 1;
      if (!hide) { visible += 1; }
      if (Boolean(n.hidden) !== hide) { changes.push({ id: n.id, hidden: hide }); }
    });
    if (changes.length) { nodes.update(changes); }
    filterStatus.textContent = visible === total ? "" :
      "显示 " + visible + " / " + total + " 个节点 nodes shown";
    network.selectNodes(network.getSelectedNodes().filter(function (id) {
      return !nodes.get(id).hidden;
    }));
    last = null;
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  if (yearSelect) { yearSelect.addEventListener("change", applyFilters); }
})();
