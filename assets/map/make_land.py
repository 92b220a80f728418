#!/usr/bin/env python3
"""Makes land-110m.bin from Natural Earth 1:110m land (public domain), as shipped in the
npm package world-atlas 2.0.2 (`npm pack world-atlas@2.0.2`, file package/land-110m.json).

Format (little-endian): for each ring, u16 point count, then that many (i16 lon*100,
i16 lat*100) pairs. The app draws the rings with egui's painter (src/ui/map.rs).

    python3 make_land.py path/to/land-110m.json land-110m.bin
"""
import json
import struct
import sys


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    pts = []
    for i in ring:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def main(src, dst):
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["land"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for ring in poly:
                rings.append(ring_points(ring, arcs))
    out = bytearray()
    for r in rings:
        out += struct.pack("<H", len(r))
        for lon, lat in r:
            out += struct.pack("<hh", round(lon * 100), round(lat * 100))
    open(dst, "wb").write(out)
    print(f"{len(rings)} rings, {sum(map(len, rings))} points, {len(out)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
