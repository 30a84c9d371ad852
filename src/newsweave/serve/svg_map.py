"""The map drawn server-side as SVG: a coarse world outline, places as circles sized by
mentions, zoomed to where the places are."""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from newsweave.serve.svg import JSON, _e, _short

# Coarse continent outlines, (lon, lat), written by hand for this projection; good enough
# to recognise the world at a glance, not for measuring anything.
LAND: tuple[tuple[tuple[float, float], ...], ...] = (
    # Africa
    (
        (-17, 21),
        (-16, 24),
        (-13, 28),
        (-10, 30),
        (-9, 33),
        (-6, 36),
        (0, 36),
        (3, 37),
        (10, 37),
        (11, 34),
        (15, 32),
        (20, 31),
        (25, 32),
        (30, 31),
        (32, 31),
        (34, 28),
        (37, 22),
        (39, 17),
        (43, 12),
        (51, 12),
        (49, 7),
        (46, 2),
        (41, -2),
        (40, -10),
        (40, -16),
        (35, -23),
        (33, -28),
        (28, -33),
        (20, -35),
        (18, -32),
        (15, -27),
        (12, -18),
        (13, -12),
        (12, -5),
        (9, -1),
        (9, 4),
        (6, 4),
        (3, 6),
        (-2, 5),
        (-8, 4),
        (-12, 7),
        (-15, 11),
        (-17, 15),
    ),
    # Europe
    (
        (-9, 37),
        (-9, 43),
        (-2, 43),
        (-1, 46),
        (-4, 48),
        (2, 51),
        (5, 53),
        (8, 54),
        (8, 57),
        (11, 58),
        (5, 59),
        (5, 62),
        (10, 64),
        (15, 68),
        (20, 70),
        (28, 71),
        (33, 69),
        (41, 67),
        (44, 68),
        (60, 69),
        (60, 55),
        (50, 47),
        (40, 47),
        (36, 45),
        (30, 46),
        (29, 41),
        (26, 40),
        (23, 37),
        (20, 40),
        (16, 38),
        (18, 40),
        (13, 45),
        (12, 44),
        (16, 41),
        (12, 38),
        (9, 44),
        (3, 43),
        (0, 39),
        (-2, 37),
        (-6, 36),
    ),
    # Asia
    (
        (60, 69),
        (70, 73),
        (80, 73),
        (100, 77),
        (113, 74),
        (130, 71),
        (142, 72),
        (160, 70),
        (180, 68),
        (180, 65),
        (170, 60),
        (163, 58),
        (156, 51),
        (155, 58),
        (142, 59),
        (135, 54),
        (141, 48),
        (132, 43),
        (129, 40),
        (126, 35),
        (121, 38),
        (122, 31),
        (119, 25),
        (110, 21),
        (106, 18),
        (109, 12),
        (104, 9),
        (101, 13),
        (100, 4),
        (104, 1),
        (98, 8),
        (98, 16),
        (94, 16),
        (92, 22),
        (88, 22),
        (80, 15),
        (77, 8),
        (73, 17),
        (72, 21),
        (67, 24),
        (61, 25),
        (57, 26),
        (56, 23),
        (59, 22),
        (52, 16),
        (45, 13),
        (43, 15),
        (39, 21),
        (35, 28),
        (34, 31),
        (36, 36),
        (30, 36),
        (26, 40),
        (29, 41),
        (36, 42),
        (42, 41),
        (40, 47),
        (50, 47),
        (60, 55),
    ),
    # North America
    (
        (-168, 66),
        (-162, 70),
        (-156, 71),
        (-140, 70),
        (-128, 70),
        (-115, 68),
        (-95, 72),
        (-82, 73),
        (-75, 68),
        (-62, 66),
        (-64, 60),
        (-56, 53),
        (-60, 47),
        (-66, 45),
        (-70, 42),
        (-74, 40),
        (-76, 35),
        (-81, 31),
        (-80, 25),
        (-83, 29),
        (-90, 30),
        (-97, 27),
        (-97, 21),
        (-91, 19),
        (-87, 21),
        (-88, 16),
        (-83, 15),
        (-83, 10),
        (-79, 9),
        (-78, 7),
        (-81, 8),
        (-86, 11),
        (-92, 15),
        (-97, 16),
        (-105, 20),
        (-110, 24),
        (-112, 29),
        (-115, 31),
        (-110, 23),
        (-117, 32),
        (-121, 35),
        (-124, 41),
        (-124, 48),
        (-131, 54),
        (-137, 58),
        (-146, 60),
        (-153, 57),
        (-162, 55),
        (-158, 58),
        (-165, 61),
    ),
    # South America
    (
        (-78, 7),
        (-72, 12),
        (-64, 10),
        (-58, 7),
        (-51, 4),
        (-50, 0),
        (-44, -2),
        (-35, -5),
        (-35, -9),
        (-39, -14),
        (-41, -22),
        (-48, -26),
        (-53, -34),
        (-58, -38),
        (-62, -39),
        (-65, -45),
        (-68, -50),
        (-69, -55),
        (-74, -52),
        (-75, -45),
        (-73, -37),
        (-71, -30),
        (-70, -18),
        (-76, -14),
        (-81, -6),
        (-80, -2),
        (-77, 4),
    ),
    # Australia
    (
        (114, -22),
        (114, -34),
        (118, -35),
        (124, -34),
        (131, -31),
        (138, -35),
        (141, -38),
        (147, -39),
        (150, -37),
        (153, -31),
        (153, -25),
        (146, -19),
        (142, -11),
        (141, -17),
        (136, -12),
        (131, -11),
        (126, -14),
        (122, -18),
    ),
    # Greenland
    (
        (-73, 78),
        (-60, 82),
        (-30, 83),
        (-20, 80),
        (-20, 70),
        (-32, 68),
        (-42, 60),
        (-50, 64),
        (-55, 70),
        (-66, 76),
    ),
    # Madagascar, Great Britain, Japan, Indonesia (Borneo, Sumatra), New Zealand
    ((44, -25), (47, -25), (50, -15), (49, -12), (44, -17)),
    ((-5, 50), (1, 51), (2, 53), (-2, 56), (-3, 58), (-6, 58), (-5, 55), (-3, 54), (-5, 52)),
    ((130, 31), (135, 34), (140, 35), (142, 39), (141, 41), (139, 38), (133, 35)),
    ((109, 2), (111, -3), (116, -4), (119, 1), (117, 7), (113, 3)),
    ((95, 5), (98, 3), (106, -6), (102, -4), (98, 0)),
    ((172, -34), (178, -38), (174, -41), (167, -46), (171, -43)),
)


def map_bounds(
    points: Sequence[tuple[float, float]], world: bool, weights: Sequence[float] = ()
) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the cluster of ``points`` (lat, lon) that holds the
    weighted median point (points within :data:`CLUSTER_KM` of it), at least 24° wide; or
    the whole world."""
    if world or not points:
        return (-180.0, -60.0, 180.0, 84.0)
    weights = list(weights) or [1.0] * len(points)
    centre = (
        _weighted_median([p[0] for p in points], weights),
        _weighted_median([p[1] for p in points], weights),
    )
    near = [p for p in points if _km(p, centre) <= CLUSTER_KM] or list(points)
    lats = [p[0] for p in near]
    lons = [p[1] for p in near]
    west, east = min(lons), max(lons)
    south, north = min(lats), max(lats)
    width = max(24.0, (east - west) * 1.3)
    height = max(width * 0.55, (north - south) * 1.3)
    cx, cy = (west + east) / 2, (south + north) / 2
    return (
        max(-180.0, cx - width / 2),
        max(-85.0, cy - height / 2),
        min(180.0, cx + width / 2),
        min(85.0, cy + height / 2),
    )


CLUSTER_KM = 2500.0


"""Radius of the cluster the map zooms to by default."""


def _weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half = sum(weights) / 2
    total = 0.0
    for value, weight in pairs:
        total += weight
        if total >= half:
            return value
    return pairs[-1][0]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _n(place: JSON) -> int:
    return int(place.get("event_count", len(place.get("events", []))))


def map_svg(places: Sequence[JSON], *, world: bool = False, width: int = 960) -> Markup:
    """Places (``lat``, ``lon``, ``name``, ``href``, ``events``) as circles sized by their
    events, zoomed to the main cluster (or the whole world); the busiest are labelled."""

    def w(place: JSON) -> float:
        return 1.0 + _n(place) + float(place.get("mentions", 0))

    points = [(p["lat"], p["lon"]) for p in places]
    weights = [w(p) for p in places]
    west, south, east, north = map_bounds(points, world, weights)
    labelled = {p["id"] for p in sorted(places, key=lambda p: -w(p))[: 8 if world else 14]}
    height = round(width * (north - south) / (east - west))

    def px(lon: float, lat: float) -> tuple[float, float]:
        return (
            round((lon - west) / (east - west) * width, 1),
            round((north - lat) / (north - south) * height, 1),
        )

    out = [
        f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="map" '
        f'xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="{width}" '
        f'height="{height}"/>'
    ]
    for shape in LAND:
        path = " ".join(f"{x},{y}" for x, y in (px(lon, lat) for lon, lat in shape))
        out.append(f'<polygon class="land" points="{path}"/>')
    step = 30 if world else 5
    for lon in range(-180, 181, step):
        if west <= lon <= east:
            x, _ = px(lon, 0)
            out.append(f'<line class="grid" x1="{x}" y1="0" x2="{x}" y2="{height}"/>')
            out.append(f'<text class="grid-label" x="{x + 2}" y="{height - 4}">{lon}°</text>')
    for lat in range(-90, 91, step):
        if south <= lat <= north:
            _, y = px(0, lat)
            out.append(f'<line class="grid" x1="0" y1="{y}" x2="{width}" y2="{y}"/>')
            out.append(f'<text class="grid-label" x="2" y="{y - 2}">{lat}°</text>')
    for place in sorted(places, key=lambda p: -_n(p)):
        if not (west <= place["lon"] <= east and south <= place["lat"] <= north):
            continue
        x, y = px(place["lon"], place["lat"])
        radius = 4 + 2.5 * math.sqrt(_n(place))
        kind = "place-events" if _n(place) else "place"
        out.append(
            f'<a href="{_e(place["href"])}"><circle class="{kind}" cx="{x}" cy="{y}" '
            f'r="{radius:.1f}"><title>{_e(place["name"])}: {_n(place)} events'
            f"</title></circle>"
            + (
                f'<text class="place-label" x="{x + radius + 2:.1f}" y="{y + 4}">'
                f"{_e(_short(place['name'], 18))}</text>"
                if place["id"] in labelled
                else ""
            )
            + "</a>"
        )
    out.append("</svg>")
    return Markup("".join(out))
