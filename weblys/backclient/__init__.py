"""The one and only way the front talks to the back.

Views call named, typed functions and get frozen dataclasses back (never dicts, never responses)::

    from weblys.backclient import security
    session = security.staff_login(code="care1", password="...")   # -> types.StaffSession

Nothing outside this package imports an HTTP library or builds a back URL (a ruff banned-api rule
enforces it). The package is laid out as:

* ``http.py``    — the pooled ``httpx.Client``, timeouts, credentials and tracing headers, the
  ``Idempotency-Key`` of creating POSTs, bounded retries, and the mapping of problem+json errors.
  Domain modules use only ``http.get``, ``http.post``, ``http.patch``, ``http.put``, ``http.delete``
  (each takes extra ``headers=``, e.g. a cart's ``X-Cart-Secret``) and ``http.get_stream`` (a file
  streamed chunk by chunk). There is no other way to the back.
* ``context.py`` — who acts: the person token, the site, the client address and the language of the
  current request, set by ``weblys.middleware.BackContextMiddleware`` (a contextvar), so function
  signatures stay about business arguments.
* ``errors.py``  — ``BackError`` and its typed subclasses (``BackValidationError`` with per-field
  ``errors``, ``BackNotFound``, ``BackForbidden``, ``BackConflict``, ``BackUnauthorized``,
  ``BackPaymentRequired``, ``BackUnavailable``), each with ``code``, ``detail``, ``request_id`` and
  ``problem`` (the whole problem+json body, for the members a refusal adds).
* ``types.py``   — frozen dataclasses returned to views, each with a ``from_json`` constructor.
* one module per back app: ``security.py``, ``customlogin.py``, ``health.py``, and later
  ``catalog.py``, ``orders.py``, ``myaccount.py``, ``wecrm.py``...

Adding a domain module (the pattern to follow)::

    # weblys/backclient/wecrm.py
    from . import http
    from .types import Case

    def case_get(*, case_number: str) -> Case:
        '''Return one case. Raises BackNotFound, BackForbidden.'''
        return Case.from_json(http.get(f"/api/v1/wecrm/cases/{case_number}/"))

    def case_create(*, customer_number: str, subject: str, idempotency_key: str | None = None) -> Case:
        '''Open a case. Raises BackValidationError (per field), BackForbidden.'''
        body = {"customer_number": customer_number, "subject": subject}
        return Case.from_json(http.post("/api/v1/wecrm/cases/", json=body, creates=True,
                                        idempotency_key=idempotency_key))

``creates=True`` marks a POST that creates something: it carries an ``Idempotency-Key`` (generated
unless the caller passes the one kept in its form, so a double submit is answered once) and may be
retried. Tests swap the transport with ``weblys.testing.plugin``'s ``fake_back`` fixture.
"""
