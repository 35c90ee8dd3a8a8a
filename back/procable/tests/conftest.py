from __future__ import annotations

import io

import pytest

from back.procable import demo
from back.procable.gateway import get_gateway


@pytest.fixture
def operator():
    """A small demo operator (12 customers incl. the fixed ones, 40 addresses) and the gateway."""
    demo.seed(seed=7, customers=12, addresses=40, stdout=io.StringIO())
    return get_gateway()
