"""Where the CPU of a load goes: seconds used by each kind of process while it ran.

On one host the tiers, the databases and the load generator share the cores, so a page's latency under
load is mostly the CPU every one of them spends on it. `Tally` reads the CPU times of the processes
before and after the load (psutil); `everything else` is the rest of the machine (another job on the
host shows there).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import psutil


def _tree(pid: int) -> set[int]:
    try:
        master = psutil.Process(pid)
        return {pid, *(child.pid for child in master.children(recursive=True))}
    except psutil.Error:
        return set()


def _kind(process: psutil.Process, tiers: dict[int, str]) -> str:
    if process.pid in tiers:
        return tiers[process.pid]
    if process.pid == os.getpid():
        return "load generator"
    name = process.info["name"] or ""
    if name.startswith("postgres") or name == "postmaster":
        return "PostgreSQL"
    if name.startswith("redis"):
        return "Redis"
    return "everything else"


def _times(tiers: dict[int, str]) -> dict[str, dict[int, float]]:
    seen: dict[str, dict[int, float]] = {}
    for process in psutil.process_iter(["name"]):
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        seen.setdefault(_kind(process, tiers), {})[process.pid] = times.user + times.system
    return seen


@dataclass
class Tally:
    """CPU seconds per kind of process between `start()` and `stop()`."""

    tier_pids: dict[str, int]  # e.g. {"front": gunicorn master pid, "back": ...}
    seconds: dict[str, float] = field(default_factory=dict)
    _before: dict[str, dict[int, float]] = field(default_factory=dict)
    _machine_before: float = 0.0

    def _tiers(self) -> dict[int, str]:
        return {pid: name for name, master in self.tier_pids.items() for pid in _tree(master)}

    def start(self) -> None:
        self._before = _times(self._tiers())
        self._machine_before = _busy()

    def stop(self) -> None:
        after = _times(self._tiers())
        machine = _busy() - self._machine_before
        named = 0.0
        for kind, pids in after.items():
            if kind == "everything else":
                continue
            before = self._before.get(kind, {})
            # A process born during the load counts from zero.
            used = sum(max(0.0, value - before.get(pid, 0.0)) for pid, value in pids.items())
            self.seconds[kind] = self.seconds.get(kind, 0.0) + used
            named += used
        self.seconds["everything else"] = self.seconds.get("everything else", 0.0) + max(0.0, machine - named)


def _busy() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)
