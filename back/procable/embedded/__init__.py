"""The embedded Pro-Cable adapter (default `PROCABLE_ADAPTER`)."""

from .adapter import EmbeddedProCable

__all__ = ["EmbeddedProCable"]
