"""Usage bar charts drawn on the server as inline SVG (no JavaScript): one chart per kind of usage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from weblys.backclient.myaccount_types import UsageTotal

KIND_LABELS = {
    "data": _("Internet data"),
    "voice": _("Calls"),
    "sms": _("Text messages"),
    "ppv": _("Pay-per-view"),
}
WIDTH = 480
HEIGHT = 200
TOP = 20
BOTTOM = 30
LEFT = 10
BAR_GAP = 12


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label_x: int
    month: str
    value: Decimal


@dataclass(frozen=True)
class Chart:
    kind: str
    title: str
    unit: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM


def usage_charts(months: Iterable[UsageTotal]) -> list[Chart]:
    """One chart per kind, a bar per month, scaled to the kind's largest month."""
    by_kind: dict[tuple[str, str], list[UsageTotal]] = {}
    for row in months:
        by_kind.setdefault((row.kind, row.unit), []).append(row)
    charts = []
    for (kind, unit), rows in sorted(by_kind.items()):
        rows.sort(key=lambda r: r.month)
        peak = max((r.quantity for r in rows), default=Decimal(0)) or Decimal(1)
        slot = (WIDTH - 2 * LEFT) // max(len(rows), 1)
        bar_width = max(slot - BAR_GAP, 4)
        usable = HEIGHT - TOP - BOTTOM
        bars = []
        for index, row in enumerate(rows):
            height = int(usable * row.quantity / peak) if row.quantity > 0 else 0
            x = LEFT + index * slot + BAR_GAP // 2
            bars.append(
                Bar(
                    x=x,
                    y=HEIGHT - BOTTOM - height,
                    width=bar_width,
                    height=height,
                    label_x=x + bar_width // 2,
                    month=row.month,
                    value=row.quantity,
                )
            )
        charts.append(Chart(kind=kind, title=str(KIND_LABELS.get(kind, kind)), unit=unit, bars=tuple(bars)))
    return charts
