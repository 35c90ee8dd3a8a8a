"""Production settings: Django's deployment checks find nothing on either tier (README, "Configuration")."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BACK_", "FRONT_", "WEBLYS_"))}
    env |= {
        "DEBUG": "false",
        "BACK_SECRET_KEY": secrets.token_urlsafe(50),
        "FRONT_SECRET_KEY": secrets.token_urlsafe(50),
        "WEBLYS_SERVICE_TOKEN": secrets.token_urlsafe(40),
        "BACK_ALLOWED_HOSTS": "back.internal.example.com",
        "FRONT_ALLOWED_HOSTS": "www.example.com",
        "BACK_SECURE_SSL_REDIRECT": "true",
        "BACK_SECURE_HSTS_SECONDS": "31536000",
        "FRONT_SECURE_SSL_REDIRECT": "true",
        "FRONT_SECURE_HSTS_SECONDS": "31536000",
    }
    return env


@pytest.mark.parametrize("tier", ["back", "front"])
def test_check_deploy_reports_nothing_with_the_production_variables(tier):
    result = subprocess.run(
        [sys.executable, "manage.py", tier, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_without_the_service_token_stop_with_a_clear_message():
    env = _production_env()
    del env["WEBLYS_SERVICE_TOKEN"]

    result = subprocess.run(
        [sys.executable, "manage.py", "back", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "WEBLYS_SERVICE_TOKEN" in result.stderr
