"""The graph, the timeline and the map, drawn as SVG by our own code (no third-party JS or
data). Every piece of text is escaped; every shape that stands for a fact links to it.

- Graph: a deterministic radial layout — the most connected entity in the middle, the next
  ones on rings of growing size, ordered by degree (no force simulation, so the same store
  always draws the same picture).
- Timeline: time on the x axis (day resolution), one lane per PLOVER event type.
- Map: an equirectangular projection with a graticule and a coarse land outline written by
  hand as a few hundred lon/lat points (:data:`LAND`), zoomed to the places shown.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

JSON = dict[str, Any]


TYPE_COLOURS: Mapping[str, str] = {
    "PERSON": "#2563eb",
    "ORG": "#059669",
    "GPE": "#d97706",
    "LOC": "#b45309",
    "FAC": "#7c3aed",
    "NORP": "#db2777",
}


EVENT_COLOURS: Mapping[str, str] = {
    "PROTEST": "#d97706",
    "ASSAULT": "#dc2626",
    "FIGHT": "#b91c1c",
    "COERCE": "#9f1239",
    "AGREE": "#059669",
    "CONSULT": "#0891b2",
    "SUPPORT": "#16a34a",
    "DEMAND": "#7c3aed",
    "DISAPPROVE": "#a16207",
    "REJECT": "#6b21a8",
    "SANCTION": "#be123c",
    "AID": "#0d9488",
    "INVESTIGATE": "#4338ca",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def radial_layout(
    nodes: Sequence[str], size: float = 800.0, first_ring: int = 6
) -> dict[str, tuple[float, float]]:
    """Positions in a ``size``×``size`` box: ``nodes[0]`` in the middle, then rings of
    ``first_ring``, ``2×first_ring``… nodes in the given order (most connected first)."""
    centre = size / 2
    positions: dict[str, tuple[float, float]] = {}
    if not nodes:
        return positions
    positions[nodes[0]] = (centre, centre)
    rest = list(nodes[1:])
    ring, capacity = 1, first_ring
    rings: list[list[str]] = []
    while rest:
        rings.append(rest[:capacity])
        rest = rest[capacity:]
        ring += 1
        capacity = first_ring * ring
    step = (centre - 60) / max(1, len(rings))
    for i, members in enumerate(rings, start=1):
        radius = step * i
        offset = (i % 2) * math.pi / max(1, len(members))
        for j, node in enumerate(members):
            angle = offset + 2 * math.pi * j / len(members) - math.pi / 2
            positions[node] = (
                round(centre + radius * math.cos(angle), 1),
                round(centre + radius * math.sin(angle), 1),
            )
    return positions


def graph_svg(data: JSON) -> Markup:
    """The laid-out graph (:func:`newsweave.serve.explore.layout`): edges, nodes sized by
    their ties, labels where they overlap nothing (the others in the node's title). Every
    element carries ``data-`` attributes for the page's script (zoom, drag, expand)."""
    size = int(data.get("size", 900))
    nodes = {n["id"]: n for n in data["nodes"]}
    out = [
        f'<svg class="graph" id="graph" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="actor network" xmlns="http://www.w3.org/2000/svg"><g class="viewport">'
        '<g class="edges">'
    ]
    for edge in data["edges"]:
        a, b = nodes[edge["source"]], nodes[edge["target"]]
        kind = "relation" if edge["relations"] else "event"
        width = min(6.0, 1.0 + 0.7 * edge["events"] + (1.5 if edge["relations"] else 0))
        label = ", ".join(r.replace("_", " ") for r in edge["relations"])
        if edge["events"]:
            label += ("; " if label else "") + f"{edge['events']} shared events"
        out.append(
            f'<line class="edge edge-{kind}" data-source="{_e(a["id"])}" '
            f'data-target="{_e(b["id"])}" x1="{a["x"]}" y1="{a["y"]}" x2="{b["x"]}" '
            f'y2="{b["y"]}" stroke-width="{width:.1f}"><title>{_e(a["name"])} — '
            f"{_e(b['name'])}: {_e(label)}</title></line>"
        )
    out.append('</g><g class="nodes">')
    for node in data["nodes"]:
        colour = TYPE_COLOURS.get(node["type"], "#64748b")
        label = node.get("label")
        text = (
            f'<text class="label" x="{label["x"]}" y="{label["y"] + 10}">{_e(label["text"])}</text>'
            if label
            else ""
        )
        focus = " focus" if node.get("focus") else ""
        out.append(
            f'<g class="node{focus}" data-id="{_e(node["id"])}" data-type="{_e(node["type"])}" '
            f'data-name="{_e(node["name"])}" data-degree="{node.get("degree", 0)}" '
            f'data-documents="{node.get("documents", 0)}">'
            f'<a href="{_e(node["href"])}"><circle cx="{node["x"]}" cy="{node["y"]}" '
            f'r="{node.get("r", 6)}" fill="{colour}"><title>{_e(node["name"])} '
            f"({_e(node['type'])}, {node.get('degree', 0)} ties)</title></circle>{text}</a></g>"
        )
    out.append("</g></g></svg>")
    return Markup("".join(out))


def _short(name: str, size: int = 22) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def timeline_svg(entries: Sequence[JSON], width: int = 960) -> Markup:
    """Happenings in lanes: a day as a dot, a month or a year as a band over its period
    (``from``/``to``), with ticks on the axis."""
    spans = [
        (a, b, e)
        for e in entries
        if (a := _day(e.get("from") or e.get("date"))) is not None
        and (b := _day(e.get("to") or e.get("date"))) is not None
    ]
    if not spans:
        return Markup('<p class="meta">No dated happenings in this period.</p>')
    lanes = list(
        dict.fromkeys(e.get("lane") or e["type"] for _, _, e in sorted(spans, key=lambda s: s[0]))
    )
    lanes.sort()
    first = min(a for a, _, _ in spans)
    last = max(b for _, b, _ in spans)
    span = max(1, (last - first).days + 1)
    left, right, lane_h, top = 150, 20, 40, 30
    height = top + lane_h * len(lanes) + 40
    inner = width - left - right

    def x(day: dt.date) -> float:
        return round(left + inner * (day - first).days / span, 1)

    out = [
        f'<svg class="timeline" id="timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="timeline" xmlns="http://www.w3.org/2000/svg" '
        f'data-first="{first.isoformat()}" data-last="{last.isoformat()}">'
    ]
    for i, lane in enumerate(lanes):
        y = top + lane_h * i + lane_h / 2
        out.append(
            f'<text class="lane" x="{left - 8}" y="{y + 4}" text-anchor="end">'
            f"{_e(_short(str(lane), 22))}</text>"
            f'<line class="lane-line" x1="{left}" y1="{y}" x2="{width - right}" y2="{y}"/>'
        )
    step = max(1, math.ceil(span / max(2, (width - left) // 120)))
    day = first
    axis_y = top + lane_h * len(lanes) + 8
    while day <= last:
        out.append(
            f'<line class="tick" x1="{x(day)}" y1="{top - 6}" x2="{x(day)}" y2="{axis_y}"/>'
            f'<text class="tick-label" x="{x(day)}" y="{axis_y + 16}" text-anchor="middle">'
            f"{day.isoformat()}</text>"
        )
        day += dt.timedelta(days=step)
    stacks: dict[tuple[str, dt.date], int] = {}
    for a, b, entry in sorted(spans, key=lambda item: (item[0], item[2].get("id") or "")):
        lane = entry.get("lane") or entry["type"]
        row = lanes.index(lane)
        n = stacks.get((lane, a), 0)
        stacks[(lane, a)] = n + 1
        y = top + lane_h * row + lane_h / 2 + ((n % 3) - 1) * 8
        colour = EVENT_COLOURS.get(entry["type"], "#475569")
        muted = "" if entry.get("asserted", True) else " unasserted"
        title = (
            f"<title>{_e(entry['date'])} {_e(entry['type'])}: {_e(entry['label'])}"
            f"{' (' + _e(entry.get('modality')) + ')' if entry.get('modality') else ''}</title>"
        )
        data = (
            f'data-from="{a.isoformat()}" data-to="{b.isoformat()}" '
            f'data-precision="{_e(entry.get("precision") or "day")}"'
        )
        if a == b:
            shape = (
                f'<circle class="when day{muted}" {data} cx="{x(a)}" cy="{y}" r="5" '
                f'fill="{colour}">{title}</circle>'
            )
        else:
            x1, x2 = x(a), x(b + dt.timedelta(days=1))
            shape = (
                f'<rect class="when band{muted}" {data} x="{x1}" y="{y - 4}" '
                f'width="{max(2.0, round(x2 - x1, 1))}" height="8" rx="3" fill="{colour}" '
                f'fill-opacity="0.45" stroke="{colour}">{title}</rect>'
            )
        href = entry.get("href")
        out.append(f'<a href="{_e(href)}">{shape}</a>' if href else shape)
    out.append("</svg>")
    return Markup("".join(out))


def mini_timeline_svg(entries: Sequence[JSON], width: int = 960) -> Markup:
    """A one-lane timeline for entity pages."""
    flat = [{**e, "lane": "happenings"} for e in entries]
    return timeline_svg(flat, width=width)
