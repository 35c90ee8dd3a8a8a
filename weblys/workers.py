"""What both tiers' WSGI entry points do once a worker has loaded the project."""

from __future__ import annotations

import gc


def load_and_freeze() -> None:
    """Import every view now (not in the first request) and freeze what is loaded.

    Django, the apps, the URLconf and its views live as long as the worker. Frozen, they are no longer
    walked by the collector's full collections, which otherwise stall a call for 100 ms or more every
    few thousand calls.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - resolving the URLconf imports every view module
    gc.collect()
    gc.freeze()
