"""WeCare over plain HTTP (no JavaScript), on the real front and back under gunicorn, demo seeded.

A customer writes to customer service through the back's MyAccount API; a care agent logs in at
/staff/login/ on the front and reads the message on the WeCare "Customer messages" page.
"""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from selfshop_journey import Visitor

from tests.stack import SERVICE_TOKEN

JULIE = ("100001", "client1-demo-2026")
CARE = ("care1", "care-demo-2026")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _customer_token(stack, number: str, password: str) -> str:
    response = httpx.post(
        stack.back_url + "/api/v1/customlogin/sessions/",
        json={"login_id": number, "password": password},
        headers={"X-Service-Token": SERVICE_TOKEN},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return response.json()["token"]


def test_a_message_a_customer_sends_reaches_the_care_agents_wecare_page(stack):
    subject = f"Question about my bill {uuid.uuid4().hex[:8]}"
    token = _customer_token(stack, *JULIE)
    with stack.back(Authorization=f"Bearer {token}", **{"Idempotency-Key": uuid.uuid4().hex}) as back:
        sent = back.post(
            "/api/v1/myaccount/contact-messages/",
            json={"subject": subject, "message": "My March bill is higher than usual. Why?"},
        )
    assert sent.status_code == 201, sent.text

    agent = Visitor(stack.front_url, language="en")
    agent.get("/staff/login/?next=/wecare/")
    agent.submit(agent.form(having="password"), {"code": CARE[0], "password": CARE[1]})
    assert agent.url.endswith("/wecare/"), agent.url
    if '<html lang="en"' not in agent.html:  # the login switched to the agent's own language
        agent.client.cookies.delete("weblys_language")
        agent.submit(agent.form(having="next"), {"language": "en", "next": "/wecare/"})
    assert '<a href="/wecare/messages/">Customer messages</a>' in agent.html
    agent.get("/wecare/messages/")
    page = agent.html
    first_row = _text(page.split("<tbody>", 1)[1].split("</tr>", 1)[0])

    assert "<h1>Customer messages</h1>" in page
    assert f'<th scope="row">{subject}</th>' in page
    assert "100001" in first_row
    assert subject in first_row
    assert "My March bill is higher than usual. Why?" in first_row
    assert first_row.strip().endswith("New")
