"""Browser journeys: Playwright (sync API) driving Debian's Chromium, with an axe-core scan helper.

Chromium comes from the system (`apt-get install chromium`), axe-core from npm (`node_modules/`).
Without them the browser tests are skipped with the reason shown, except in CI (env CI set) where a
missing piece fails the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = ("serious", "critical")


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core is missing at {AXE.relative_to(ROOT)} (npm install)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return ""


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def front_url(request: pytest.FixtureRequest) -> str:
    """The front under test: WEBLYS_E2E_FRONT_URL (a stack already running) or the session's own stack."""
    return os.environ.get("WEBLYS_E2E_FRONT_URL") or request.getfixturevalue("stack").front_url


@pytest.fixture
def page_in(browser: Any, front_url: str) -> Iterator[Callable[[str], Any]]:
    """`page_in("fr")` → a fresh page (own cookies) whose browser speaks that language."""
    contexts: list[Any] = []

    def open_page(language: str) -> Any:
        context = browser.new_context(
            base_url=front_url,
            locale={"fr": "fr-CA", "en": "en-CA"}[language],
            viewport={"width": 390, "height": 844} if language == "fr" else {"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source: str) -> Callable[..., list[dict[str, Any]]]:
    """`axe(page, "step name")`: scan the page with axe-core; fail on any serious or critical violation.

    The script is evaluated through the DevTools protocol, so the site's CSP (script-src 'self')
    stays on. Returns every violation found (minor and moderate ones included) for the caller.
    """

    def scan(page: Any, where: str = "") -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = result["violations"]
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, f"axe on {where or page.url}: " + json.dumps(
            [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [n["target"] for n in v["nodes"]][:5],
                }
                for v in blocking
            ],
            indent=1,
        )
        return violations

    return scan
