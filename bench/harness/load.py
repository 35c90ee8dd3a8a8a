"""Load generation: sequential timed requests, and concurrent users for a fixed time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass
class UserLoad:
    """What concurrent users did: per-request times (ms), completed journeys, errors, elapsed seconds."""

    samples: list[float] = field(default_factory=list)
    journeys: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def concurrent_users(
    journey: Callable[[httpx.Client, Callable[[httpx.Response], None]], None],
    *,
    base_url: str,
    users: int,
    seconds: float,
) -> UserLoad:
    """Run `journey(client, record)` in a loop on `users` threads for `seconds`; each user has its own
    client (cookies). `record(response)` stores the response's elapsed time and checks its status."""
    result = UserLoad()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user() -> None:
        with httpx.Client(base_url=base_url, timeout=30, follow_redirects=False) as client:

            def record(response: httpx.Response) -> None:
                elapsed = response.elapsed.total_seconds() * 1000
                with lock:
                    result.samples.append(elapsed)
                if response.status_code >= 400:
                    raise RuntimeError(f"{response.request.url} answered {response.status_code}")

            while time.monotonic() < stop_at:
                try:
                    journey(client, record)
                except (RuntimeError, httpx.HTTPError) as exc:
                    with lock:
                        result.errors.append(str(exc)[:300])
                    time.sleep(0.05)
                    continue
                with lock:
                    result.journeys += 1

    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    result.seconds = time.perf_counter() - started
    return result
