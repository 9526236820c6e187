// tamyr web UI: the kin graph (Cytoscape.js) on dossier pages. Data comes from a JSON script tag
// rendered by the server (never executed); names are set as text, never as HTML.
(function () {
  "use strict";

  function label(edge) {
    var text = edge.label || edge.relation || "relative";
    if (edge.status === "inferred") { text += " (" + Number(edge.confidence).toFixed(2) + ")"; }
    return text;
  }

  function drawKin() {
    var box = document.getElementById("kin-graph");
    var dataTag = document.getElementById("kin-data");
    if (!box || !dataTag || typeof cytoscape === "undefined") { return; }
    var data = JSON.parse(dataTag.textContent);
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: { id: n.id, name: n.name, subject: n.subject ? 1 : 0 } });
    });
    data.edges.forEach(function (e) {
      elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: label(e),
        status: e.status, family_id: e.family_id } });
    });
    var cy = cytoscape({
      container: box,
      elements: elements,
      layout: { name: data.nodes.length > 2 ? "cose" : "grid", animate: false, padding: 30, nodeRepulsion: 9000 },
      wheelSensitivity: 0.3,
      maxZoom: 1.3,
      minZoom: 0.2,
      style: [
        { selector: "node", style: { "label": "data(name)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 140,
          "background-color": "#1f5fa8", "width": 18, "height": 18, "text-valign": "bottom", "text-margin-y": 4 } },
        { selector: "node[subject = 1]", style: { "background-color": "#b42318", "width": 26, "height": 26, "font-weight": "bold" } },
        { selector: "edge", style: { "label": "data(label)", "font-size": 10, "curve-style": "bezier", "width": 2,
          "line-color": "#475467", "target-arrow-shape": "none", "text-background-color": "#fff",
          "text-background-opacity": 0.85, "text-background-padding": 2 } },
        { selector: "edge[status = 'inferred']", style: { "line-style": "dashed", "line-color": "#b54708", "color": "#b54708" } },
        { selector: "edge:selected", style: { "width": 4, "line-color": "#1f5fa8" } }
      ]
    });
    box.setAttribute("data-ready", String(cy.nodes().length));
    window.tamyrKin = cy;
    cy.on("tap", "edge", function (evt) {
      var fid = evt.target.data("family_id");
      if (window.htmx) {
        htmx.ajax("GET", "/ui/tie/" + encodeURIComponent(fid), { target: "#hop", swap: "innerHTML" });
      }
    });
    cy.on("tap", "node", function (evt) {
      if (!evt.target.data("subject")) {
        window.location.href = "/ui/persons/" + encodeURIComponent(evt.target.id());
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawKin);
  } else {
    drawKin();
  }
})();
