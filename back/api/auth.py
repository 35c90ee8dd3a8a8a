"""Two credentials on every call: the front's service token, then the acting person's token."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .principal import Principal

SERVICE_HEADER = "X-Service-Token"
SITE_HEADER = "X-Weblys-Site"


def service_token_is_valid(presented: str | None) -> bool:
    if not presented:
        return False
    return any(hmac.compare_digest(presented.encode(), token.encode()) for token in settings.SERVICE_TOKENS)


class ServiceAndPersonAuthentication(authentication.BaseAuthentication):
    """Refuse calls without the service token (401); resolve the person token into a Principal.

    Without a person token the caller acts as the automatic default web user of SECURITY, which has
    only the rights of the public customer sites.
    """

    def authenticate(self, request: Request) -> tuple[Principal, str | None]:
        if not service_token_is_valid(request.headers.get(SERVICE_HEADER)):
            raise exceptions.NotAuthenticated(_("The service token (X-Service-Token) is missing or wrong."))
        from back.security import selectors as security_selectors

        site = (request.headers.get(SITE_HEADER) or "")[:20]
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _space, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise exceptions.AuthenticationFailed(_("The Authorization header must be 'Bearer <token>'."))
            principal = security_selectors.principal_from_token(raw=raw.strip(), site=site)
            if principal is None:
                raise exceptions.AuthenticationFailed(_("The person token is invalid or has expired."))
            return principal, raw.strip()
        return security_selectors.default_web_principal(site=site), None

    def authenticate_header(self, request: Request) -> str:
        return 'Service realm="weblys-back"'
