from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stack import Stack, start_stack


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """The real back and front under gunicorn, on fresh databases seeded with the demo operator."""
    running = start_stack()
    yield running
    running.stop()
