"""CUSTOM LOGIN API: customer sessions (login / logout), forgotten password, personal id and password."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from back.api.permissions import IsCustomer
from back.customlogin import services
from back.security.services import person_token_revoke

RESET_REQUESTED_DETAIL = _(
    "If these details match a customer account, an e-mail with a link to choose a new password has been sent."
)


class _ClientThrottle(SimpleRateThrottle):
    """Per login id and per client address (the front forwards it in X-Client-IP), on top of lockout."""

    rate_setting = ""
    default_rate = ""

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting, self.default_rate)

    def get_cache_key(self, request: Request, view: object) -> str:
        login_id = services.normalize_login_id(str(request.data.get("login_id", "")))[:60]
        client = request.headers.get("X-Client-IP", "")[:64] or self.get_ident(request)
        digest = hashlib.sha256(f"{login_id}:{client}".encode()).hexdigest()
        return f"throttle:{self.scope}:{digest}"


class CustomerLoginThrottle(_ClientThrottle):
    scope = "customer-login"
    rate_setting = "CUSTOMLOGIN_LOGIN_THROTTLE_RATE"
    default_rate = "30/min"


class PasswordResetThrottle(_ClientThrottle):
    scope = "customer-reset"
    rate_setting = "CUSTOMLOGIN_RESET_THROTTLE_RATE"
    default_rate = "5/hour"


class CustomerSessionCreateApi(APIView):
    """Log a customer in with the customer number or the personal id: 201 with a customer token.

    401 `invalid_credentials` (unknown id or wrong password, same answer), 423 `account_locked`,
    429 `throttled`.
    """

    throttle_classes = [CustomerLoginThrottle]

    class InputSerializer(serializers.Serializer):
        login_id = serializers.CharField(max_length=60)
        password = serializers.CharField(max_length=256, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()
        customer_number = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credential, token = services.customer_login(**data.validated_data)
        body = {
            "token": token.raw,
            "expires_at": token.expires_at,
            "customer_number": credential.customer_number,
        }
        return Response(self.OutputSerializer(body).data, status=status.HTTP_201_CREATED)


class CustomerSessionDeleteApi(APIView):
    """Log out: revoke the calling customer's token (harmless when repeated)."""

    permission_classes = [IsCustomer]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        person_token_revoke(raw=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetRequestApi(APIView):
    """Ask for a reset link: customer number or personal id + last name + e-mail or phone.

    Always 202 with the same body, whether anything matched or not.
    """

    throttle_classes = [PasswordResetThrottle]

    class InputSerializer(serializers.Serializer):
        login_id = serializers.CharField(max_length=60)
        last_name = serializers.CharField(max_length=80)
        email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
        phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")

        def validate(self, attrs: dict) -> dict:
            if not attrs["email"].strip() and not attrs["phone"].strip():
                raise serializers.ValidationError(
                    {"email": [_("Give the e-mail or a phone number of the account.")]}
                )
            return attrs

    @extend_schema(request=InputSerializer, responses={202: None})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(**data.validated_data)
        return Response({"detail": str(RESET_REQUESTED_DETAIL)}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmApi(APIView):
    """Choose a new password with the token of a reset link (single use). 400 `reset_link_invalid`."""

    throttle_classes = [PasswordResetThrottle]

    class InputSerializer(serializers.Serializer):
        token = serializers.CharField(max_length=200)
        new_password = serializers.CharField(max_length=256, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        customer_number = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credential = services.password_reset_confirm(**data.validated_data)
        return Response(self.OutputSerializer({"customer_number": credential.customer_number}).data)


class PersonalLoginUpdateApi(APIView):
    """Define or change the personal login id and its password (needs a current password)."""

    permission_classes = [IsCustomer]

    class InputSerializer(serializers.Serializer):
        personal_login_id = serializers.CharField(max_length=60)
        password = serializers.CharField(max_length=256, trim_whitespace=False)
        current_password = serializers.CharField(max_length=256, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        customer_number = serializers.CharField()
        personal_login_id = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer})
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credential = services.personal_login_set(
            customer_number=request.user.customer_number, **data.validated_data
        )
        return Response(self.OutputSerializer(credential).data)


class PasswordUpdateApi(APIView):
    """Change the password the customer proves to know with `current_password`."""

    permission_classes = [IsCustomer]

    class InputSerializer(serializers.Serializer):
        current_password = serializers.CharField(max_length=256, trim_whitespace=False)
        new_password = serializers.CharField(max_length=256, trim_whitespace=False)

    @extend_schema(request=InputSerializer, responses={204: None})
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_change(
            customer_number=request.user.customer_number, keep_token=request.auth, **data.validated_data
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _name_schema_components(namespace: dict) -> None:
    """Give each nested Input/OutputSerializer a unique OpenAPI component name (e.g. `PaymentMethodInput`)."""
    from drf_spectacular.utils import extend_schema_serializer

    for name, view in list(namespace.items()):
        if isinstance(view, type) and name.endswith("Api"):
            for attribute in ("InputSerializer", "OutputSerializer"):
                serializer = view.__dict__.get(attribute)
                if serializer is not None:
                    component = name.removesuffix("Api") + attribute.removesuffix("Serializer")
                    extend_schema_serializer(component_name=component)(serializer)


_name_schema_components(globals())
