"""OpenAPI generation tuned to our API style (see STYLE.md: nested Input/OutputSerializer per API view)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema


class WeblysAutoSchema(AutoSchema):
    """Name a nested serializer after its view: `CartCreateApi.InputSerializer` → `CartCreateApiInput`.

    Without this, every view's `InputSerializer` would collide on the component name `Input`.
    """

    def get_serializer_name(self, serializer, direction: str) -> str:
        klass = serializer if isinstance(serializer, type) else serializer.__class__
        qualname = klass.__qualname__
        if "." in qualname and "<locals>" not in qualname:
            return qualname.replace(".", "")
        return super().get_serializer_name(serializer, direction)


from drf_spectacular.extensions import OpenApiAuthenticationExtension  # noqa: E402


class ServiceAndPersonAuthenticationScheme(OpenApiAuthenticationExtension):
    """Document the two credentials: the front's service token and the acting person's bearer token."""

    target_class = "back.api.auth.ServiceAndPersonAuthentication"
    name = ["ServiceToken", "PersonToken"]

    def get_security_requirement(self, auto_schema):
        return [{"ServiceToken": []}, {"ServiceToken": [], "PersonToken": []}]

    def get_security_definition(self, auto_schema):
        return [
            {"type": "apiKey", "in": "header", "name": "X-Service-Token"},
            {
                "type": "http",
                "scheme": "bearer",
                "description": "Person token issued at login (customer or staff).",
            },
        ]
