"""MyAccount front tests: answers recorded from the real back (demo customers 100001 and 100004)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

ANSWERS = json.loads((Path(__file__).parent / "back_answers.json").read_text(encoding="utf-8"))
MA = "/api/v1/myaccount"


@pytest.fixture
def answers() -> dict[str, Any]:
    """A fresh copy of the recorded back answers, free to change in a test."""
    return copy.deepcopy(ANSWERS)


@pytest.fixture
def customer(client: Any, customer_login_as: Any) -> Any:
    """Customer 100001 logged in on the test client."""
    return customer_login_as(client, "100001", token="tok-100001")
