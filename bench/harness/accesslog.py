"""Read the gunicorn access logs (deploy/gunicorn.conf.py format) and join front and back by request id.

The front sends its request id to the back with every call (weblys/backclient/http.py), and both tiers
log it (`rid=`): the back lines that carry a front request's id are the back calls that page made.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(
    r'^\S+ "(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \S+ (?P<ms>\d+)ms rid=(?P<rid>\S*)'
)
_ID = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=/|$)")


@dataclass
class Hit:
    method: str
    path: str
    status: int
    ms: float
    rid: str

    @property
    def route(self) -> str:
        """The path without its query and with ids replaced, e.g. /api/v1/orders/carts/{id}/offer/."""
        return _ID.sub("/{id}", self.path.split("?", 1)[0])


def size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def read(path: Path, start: int = 0) -> list[Hit]:
    hits = []
    with path.open("rb") as handle:
        handle.seek(start)
        for raw in handle:
            match = _LINE.match(raw.decode("utf-8", "replace"))
            if match:
                hits.append(
                    Hit(
                        match["method"],
                        match["path"],
                        int(match["status"]),
                        float(match["ms"]),
                        match["rid"],
                    )
                )
    return hits


def back_calls_per_page(front: list[Hit], back: list[Hit]) -> dict[str, dict]:
    """Per front route (method + route): pages seen, back calls per page (median, max), server ms median,
    and the back routes called."""
    by_rid: dict[str, list[Hit]] = {}
    for hit in back:
        if hit.rid and hit.rid != "-":
            by_rid.setdefault(hit.rid, []).append(hit)
    pages: dict[str, dict] = {}
    for hit in front:
        if hit.route.startswith("/static/"):
            continue
        key = f"{hit.method} {hit.route}"
        entry = pages.setdefault(key, {"calls": [], "ms": [], "back_routes": set()})
        calls = by_rid.get(hit.rid, [])
        entry["calls"].append(len(calls))
        entry["ms"].append(hit.ms)
        entry["back_routes"].update(f"{call.method} {call.route}" for call in calls)
    return {
        key: {
            "pages": len(entry["calls"]),
            "back_calls_median": statistics.median(entry["calls"]),
            "back_calls_max": max(entry["calls"]),
            "server_ms_median": statistics.median(entry["ms"]),
            "back_routes": sorted(entry["back_routes"]),
        }
        for key, entry in pages.items()
    }
