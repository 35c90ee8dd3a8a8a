"""Versions of Weblys and of the components the front runs on (shown in WeConfig)."""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

_HTMX_FILE = Path(__file__).resolve().parent / "static" / "weblys" / "js" / "htmx.min.js"
_DISTRIBUTIONS = (
    ("Weblys", "weblys"),
    ("Django", "Django"),
    ("httpx", "httpx"),
    ("django-htmx", "django-htmx"),
    ("django-redis", "django-redis"),
    ("whitenoise", "whitenoise"),
    ("gunicorn", "gunicorn"),
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str


@cache
def htmx_version() -> str:
    """The version of the vendored htmx, read from the file itself (see static/weblys/js/VENDORED.md)."""
    match = re.search(r'version:"([0-9][0-9A-Za-z.\-]*)"', _HTMX_FILE.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def front_components() -> tuple[Component, ...]:
    """Weblys, Python, and each installed library the front depends on, with its version."""
    components = [Component("Python", platform.python_version())]
    for name, distribution in _DISTRIBUTIONS:
        try:
            components.append(Component(name, metadata.version(distribution)))
        except metadata.PackageNotFoundError:
            components.append(Component(name, ""))
    components.append(Component("htmx", htmx_version()))
    return tuple(components)
