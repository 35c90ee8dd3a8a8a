"""Sequential timed requests (the concurrent SelfShop visitors are in figures.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx


def timed(call: Callable[[], httpx.Response], count: int, *, expect: tuple[int, ...] = (200,)) -> list[float]:
    """Send `count` requests one after the other; the time of each in ms (client time, keep-alive)."""
    samples: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code not in expect:
            raise RuntimeError(
                f"{response.request.method} {response.request.url} answered {response.status_code}: "
                f"{response.text[:500]}"
            )
    return samples
