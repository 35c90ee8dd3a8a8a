"""What one front process keeps in memory for a short while, in front of the shared cache.

Reference data every visitor reads alike (cities and streets, offer names) costs a Redis round trip
per page otherwise. Each `ProcessMemo` keeps its values `seconds` and at most `max_entries` (full, it
starts over); `clear_all()` forgets every memo of the process (tests).
"""

from __future__ import annotations

import threading
import time
from typing import Any, ClassVar

MISSING = object()


class ProcessMemo:
    _memos: ClassVar[list[ProcessMemo]] = []

    def __init__(self, *, seconds: float, max_entries: int) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        ProcessMemo._memos.append(self)

    def get(self, key: str) -> Any:
        """The value kept under `key`, or MISSING when there is none (or it is too old)."""
        entry = self._values.get(key)
        return entry[1] if entry is not None and entry[0] > time.monotonic() else MISSING

    def put_many(self, values: dict[str, Any]) -> None:
        until = time.monotonic() + self.seconds
        with self._lock:
            if len(self._values) + len(values) > self.max_entries:
                self._values.clear()
            self._values.update({key: (until, value) for key, value in values.items()})

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    @classmethod
    def clear_all(cls) -> None:
        for memo in cls._memos:
            memo.clear()
