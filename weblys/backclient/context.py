"""Who is acting in the current request, as the back must know it.

The middleware sets one `BackContext` per request; `http.py` turns it into headers. A contextvar
keeps it per thread / per task, so concurrent requests never see each other's token.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class BackContext:
    person_token: str = ""
    site: str = ""
    client_ip: str = ""
    language: str = ""


_current: contextvars.ContextVar[BackContext] = contextvars.ContextVar(
    "weblys_back_context",
    default=BackContext(),  # noqa: B039 - a frozen dataclass: immutable, safe to share
)


def current_context() -> BackContext:
    return _current.get()


def set_context(context: BackContext) -> contextvars.Token:
    return _current.set(context)


def reset_context(token: contextvars.Token) -> None:
    _current.reset(token)


def update_context(**changes: str) -> None:
    """Change part of the current context, e.g. the person token right after a login."""
    _current.set(replace(_current.get(), **changes))


@contextmanager
def acting(context: BackContext) -> Iterator[BackContext]:
    """Run a block (a Celery task, a management command, a test) as the given context."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
