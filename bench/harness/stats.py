"""Percentiles and the summary of a figure measured in several runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile (0..1) by linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Run:
    """One run of a latency figure: every sample in milliseconds (or one value for a duration)."""

    samples: list[float]
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)


@dataclass
class Figure:
    """A measured figure: its runs, what it measures, its unit and its target (if any)."""

    key: str
    title: str
    unit: str
    runs: list[Run]
    target: str = ""
    note: str = ""
    kind: str = "latency"  # latency (samples per request) | value (one number per run)

    def summary(self) -> dict:
        if self.kind == "value":
            values = [run.samples[0] for run in self.runs]
            return {
                "median": statistics.median(values),
                "p95": None,
                "runs": values,
                "spread": _spread(values),
                "n": len(values),
            }
        p50s = [run.p50 for run in self.runs]
        p95s = [run.p95 for run in self.runs]
        every = [value for run in self.runs for value in run.samples]
        extra: dict[str, float] = {}
        for run in self.runs:
            for name, value in run.extra.items():
                extra.setdefault(name, []).append(value)  # type: ignore[arg-type, union-attr]
        return {
            "median": statistics.median(every),
            "p95": percentile(every, 0.95),
            "run_medians": p50s,
            "run_p95s": p95s,
            "spread": _spread(p50s),
            "n": len(every),
            "extra": {name: statistics.median(values) for name, values in extra.items()},  # type: ignore[arg-type]
        }

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "unit": self.unit,
            "target": self.target,
            "note": self.note,
            "kind": self.kind,
            **self.summary(),
        }


def _spread(values: list[float]) -> dict[str, float]:
    """Min, max and the range relative to the median (0.10 = the runs differ by 10 %)."""
    middle = statistics.median(values)
    low, high = min(values), max(values)
    return {"min": low, "max": high, "relative": (high - low) / middle if middle else 0.0}
