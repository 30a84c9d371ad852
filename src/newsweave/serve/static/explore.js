// newsweave: exploring the graph and the timeline in the page. Hand-written, no library,
// nothing fetched but this app's own JSON. Every page works without it: the server draws
// the SVG and links; this script adds zoom, pan, drag, a node panel, expanding a node's
// neighbours, type toggles, and zooming the timeline by period.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function button(label, title, parent, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.className = "tool";
    b.addEventListener("click", onClick);
    parent.appendChild(b);
    return b;
  }

  // ------------------------------------------------------------------ graph

  const COLOURS = {
    PERSON: "#2563eb", ORG: "#16a34a", GPE: "#d97706", LOC: "#b45309", FAC: "#92400e",
    NORP: "#9333ea", EVENT: "#dc2626",
  };

  function graph(svg) {
    const figure = svg.parentNode;
    const edgesLayer = svg.querySelector("g.edges");
    const nodesLayer = svg.querySelector("g.nodes");
    const size = svg.viewBox.baseVal.width;
    let view = { x: 0, y: 0, w: size, h: size };
    const panel = document.getElementById("graph-panel");

    function apply() {
      svg.setAttribute("viewBox", `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${view.h.toFixed(1)}`);
      svg.dataset.zoom = (size / view.w).toFixed(2);
    }

    function zoom(factor, cx, cy) {
      const w = Math.min(size * 4, Math.max(size / 12, view.w / factor));
      const k = w / view.w;
      const px = cx === undefined ? view.x + view.w / 2 : cx;
      const py = cy === undefined ? view.y + view.h / 2 : cy;
      view = { x: px - (px - view.x) * k, y: py - (py - view.y) * k, w: w, h: view.h * k };
      apply();
    }

    function point(event) {
      const box = svg.getBoundingClientRect();
      return {
        x: view.x + ((event.clientX - box.left) / box.width) * view.w,
        y: view.y + ((event.clientY - box.top) / box.height) * view.h,
      };
    }

    const tools = document.createElement("div");
    tools.className = "tools";
    button("+", "zoom in", tools, () => zoom(1.4)).dataset.action = "zoom-in";
    button("−", "zoom out", tools, () => zoom(1 / 1.4)).dataset.action = "zoom-out";
    button("reset", "whole graph", tools, () => { view = { x: 0, y: 0, w: size, h: size }; apply(); }).dataset.action = "reset";
    figure.insertBefore(tools, svg);

    // type toggles: hide a type's nodes and their ties
    const types = [...new Set([...nodesLayer.querySelectorAll("g.node")].map((n) => n.dataset.type))].sort();
    const toggles = document.createElement("p");
    toggles.className = "toggles";
    for (const type of types) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = type;
      box.name = "show-type";
      box.addEventListener("change", refilter);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + type + " "));
      toggles.appendChild(label);
    }
    figure.insertBefore(toggles, tools);

    function refilter() {
      const shown = new Set([...toggles.querySelectorAll("input:checked")].map((b) => b.value));
      const visible = new Set();
      for (const node of nodesLayer.querySelectorAll("g.node")) {
        const on = shown.has(node.dataset.type);
        node.style.display = on ? "" : "none";
        if (on) visible.add(node.dataset.id);
      }
      for (const line of edgesLayer.querySelectorAll("line.edge")) {
        const on = visible.has(line.dataset.source) && visible.has(line.dataset.target);
        line.style.display = on ? "" : "none";
      }
    }

    function nodeOf(id) {
      return nodesLayer.querySelector(`g.node[data-id="${CSS.escape(id)}"]`);
    }

    function move(node, x, y) {
      const circle = node.querySelector("circle");
      const dx = x - parseFloat(circle.getAttribute("cx"));
      const dy = y - parseFloat(circle.getAttribute("cy"));
      circle.setAttribute("cx", x.toFixed(1));
      circle.setAttribute("cy", y.toFixed(1));
      const text = node.querySelector("text");
      if (text) {
        text.setAttribute("x", (parseFloat(text.getAttribute("x")) + dx).toFixed(1));
        text.setAttribute("y", (parseFloat(text.getAttribute("y")) + dy).toFixed(1));
      }
      const id = node.dataset.id;
      for (const line of edgesLayer.querySelectorAll("line.edge")) {
        if (line.dataset.source === id) { line.setAttribute("x1", x.toFixed(1)); line.setAttribute("y1", y.toFixed(1)); }
        if (line.dataset.target === id) { line.setAttribute("x2", x.toFixed(1)); line.setAttribute("y2", y.toFixed(1)); }
      }
    }

    function show(node) {
      if (!panel) return;
      for (const other of nodesLayer.querySelectorAll("g.node.selected")) other.classList.remove("selected");
      node.classList.add("selected");
      panel.hidden = false;
      panel.dataset.id = node.dataset.id;
      panel.querySelector(".panel-name").textContent = node.dataset.name;
      const ties = edgesLayer.querySelectorAll(`line.edge[data-source="${CSS.escape(node.dataset.id)}"], line.edge[data-target="${CSS.escape(node.dataset.id)}"]`).length;
      panel.querySelector(".panel-meta").textContent =
        `${node.dataset.type} · ${node.dataset.documents} documents · ${ties} ties shown`;
      panel.querySelector(".panel-link").setAttribute("href", "/entity/" + encodeURIComponent(node.dataset.id));
    }

    async function expand(id) {
      const params = new URLSearchParams(window.location.search);
      params.set("focus", id);
      params.set("limit", "16");
      const response = await fetch("/graph.json?" + params.toString(), { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      const centre = nodeOf(id).querySelector("circle");
      const cx = parseFloat(centre.getAttribute("cx"));
      const cy = parseFloat(centre.getAttribute("cy"));
      const fresh = data.nodes.filter((n) => !nodeOf(n.id));
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        const x = cx + 110 * Math.cos(angle);
        const y = cy + 110 * Math.sin(angle);
        const g = el("g", {
          class: "node added", "data-id": n.id, "data-type": n.type, "data-name": n.name,
          "data-degree": n.degree, "data-documents": n.documents,
        }, nodesLayer);
        const a = el("a", { href: n.href }, g);
        const circle = el("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: "6", fill: COLOURS[n.type] || "#64748b" }, a);
        el("title", {}, circle).textContent = `${n.name} (${n.type})`;
        const label = el("text", { class: "label", x: (x + 9).toFixed(1), y: (y + 4).toFixed(1) }, a);
        label.textContent = n.name.length > 24 ? n.name.slice(0, 23) + "…" : n.name;
        wire(g);
      });
      for (const e of data.edges) {
        const exists = edgesLayer.querySelector(
          `line.edge[data-source="${CSS.escape(e.source)}"][data-target="${CSS.escape(e.target)}"]`);
        const a = nodeOf(e.source);
        const b = nodeOf(e.target);
        if (exists || !a || !b) continue;
        const ca = a.querySelector("circle");
        const cb = b.querySelector("circle");
        const line = el("line", {
          class: "edge added " + (e.relations.length ? "edge-relation" : "edge-event"),
          "data-source": e.source, "data-target": e.target,
          x1: ca.getAttribute("cx"), y1: ca.getAttribute("cy"),
          x2: cb.getAttribute("cx"), y2: cb.getAttribute("cy"), "stroke-width": "1.5",
        }, edgesLayer);
        el("title", {}, line).textContent = e.relations.join(", ") || `${e.events} shared events`;
      }
      svg.dataset.expanded = String(parseInt(svg.dataset.expanded || "0", 10) + 1);
      refilter();
    }

    function wire(node) {
      let start = null;
      let moved = false;
      node.addEventListener("pointerdown", (event) => {
        start = point(event);
        moved = false;
        node.setPointerCapture(event.pointerId);
        event.stopPropagation();
      });
      node.addEventListener("pointermove", (event) => {
        if (!start) return;
        const p = point(event);
        if (Math.abs(p.x - start.x) + Math.abs(p.y - start.y) > 3) moved = true;
        if (moved) move(node, p.x, p.y);
      });
      node.addEventListener("pointerup", () => { start = null; });
      node.addEventListener("click", (event) => {
        event.preventDefault(); // the panel links to the page
        if (!moved) show(node);
      });
    }

    for (const node of nodesLayer.querySelectorAll("g.node")) wire(node);
    if (panel) {
      panel.querySelector(".panel-expand").addEventListener("click", () => expand(panel.dataset.id));
    }

    let pan = null;
    svg.addEventListener("pointerdown", (event) => {
      pan = { x: event.clientX, y: event.clientY, view: { ...view } };
    });
    svg.addEventListener("pointermove", (event) => {
      if (!pan) return;
      const box = svg.getBoundingClientRect();
      view.x = pan.view.x - ((event.clientX - pan.x) / box.width) * view.w;
      view.y = pan.view.y - ((event.clientY - pan.y) / box.height) * view.h;
      apply();
    });
    window.addEventListener("pointerup", () => { pan = null; });
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const p = point(event);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    apply();
  }

  // ------------------------------------------------------------------ timeline

  function day(value) {
    return Date.parse(value + "T00:00:00Z");
  }

  function timeline(svg) {
    const figure = svg.parentNode;
    const width = svg.viewBox.baseVal.width;
    const left = 150;
    const right = 20;
    const full = { a: day(svg.dataset.first), b: day(svg.dataset.last) + 86400000 };
    let domain = { ...full };
    const shapes = [...svg.querySelectorAll(".when")];

    function x(t) {
      return left + ((t - domain.a) / (domain.b - domain.a)) * (width - left - right);
    }

    function draw() {
      let shown = 0;
      for (const shape of shapes) {
        const a = day(shape.dataset.from);
        const b = day(shape.dataset.to) + 86400000;
        const visible = b > domain.a && a < domain.b;
        shape.style.display = visible ? "" : "none";
        if (!visible) continue;
        shown += 1;
        if (shape.tagName === "circle") {
          shape.setAttribute("cx", x(a + 43200000).toFixed(1));
        } else {
          const x1 = Math.max(left, x(a));
          const x2 = Math.min(width - right, x(b));
          shape.setAttribute("x", x1.toFixed(1));
          shape.setAttribute("width", Math.max(2, x2 - x1).toFixed(1));
        }
      }
      for (const tick of svg.querySelectorAll(".tick, .tick-label")) tick.remove();
      const axisY = parseFloat(svg.viewBox.baseVal.height) - 32;
      const steps = 6;
      for (let i = 0; i <= steps; i++) {
        const t = domain.a + ((domain.b - domain.a) * i) / steps;
        const tx = x(t).toFixed(1);
        el("line", { class: "tick", x1: tx, y1: "24", x2: tx, y2: axisY.toFixed(1) }, svg);
        el("text", { class: "tick-label", x: tx, y: (axisY + 16).toFixed(1), "text-anchor": "middle" }, svg)
          .textContent = new Date(t).toISOString().slice(0, 10);
      }
      svg.dataset.shown = String(shown);
      svg.dataset.from = new Date(domain.a).toISOString().slice(0, 10);
      svg.dataset.to = new Date(domain.b - 86400000).toISOString().slice(0, 10);
    }

    function zoom(factor) {
      const span = Math.max(86400000 * 3, (domain.b - domain.a) / factor);
      const mid = (domain.a + domain.b) / 2;
      domain = { a: Math.max(full.a, mid - span / 2), b: Math.min(full.b, mid + span / 2) };
      if (domain.b - domain.a < span) {
        if (domain.a === full.a) domain.b = Math.min(full.b, domain.a + span);
        else domain.a = Math.max(full.a, domain.b - span);
      }
      draw();
    }

    function shift(fraction) {
      const span = domain.b - domain.a;
      let a = domain.a + span * fraction;
      a = Math.min(Math.max(a, full.a), full.b - span);
      domain = { a: a, b: a + span };
      draw();
    }

    const tools = document.createElement("div");
    tools.className = "tools";
    button("+", "zoom in", tools, () => zoom(2)).dataset.action = "zoom-in";
    button("−", "zoom out", tools, () => zoom(0.5)).dataset.action = "zoom-out";
    button("←", "earlier", tools, () => shift(-0.5)).dataset.action = "earlier";
    button("→", "later", tools, () => shift(0.5)).dataset.action = "later";
    button("all", "the whole period", tools, () => { domain = { ...full }; draw(); }).dataset.action = "reset";
    figure.insertBefore(tools, svg);
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.5 : 1 / 1.5);
    }, { passive: false });
    draw();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const g = document.getElementById("graph");
    if (g) graph(g);
    const t = document.getElementById("timeline");
    if (t) timeline(t);
    document.documentElement.classList.add("js");
  });
})();
