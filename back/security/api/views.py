"""SECURITY API: staff sessions (login / logout) and the acting user's profile."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from back.api.permissions import IsStaff
from back.security import selectors, services


class LoginThrottle(SimpleRateThrottle):
    """Per login code and per client address (forwarded by the front), on top of account lockout."""

    scope = "login"
    rate = "30/min"

    def get_cache_key(self, request: Request, view: object) -> str:
        code = str(request.data.get("code", "")).lower()[:60] if hasattr(request, "data") else ""
        client = request.headers.get("X-Client-IP", "")[:64]
        return f"throttle:login:{code}:{client}"


class StaffUserOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    display_name = serializers.CharField()
    email = serializers.CharField()
    channel = serializers.CharField()
    store_code = serializers.CharField()
    language = serializers.CharField()
    rights = serializers.ListField(child=serializers.CharField())


class StaffSessionCreateApi(APIView):
    """Log a staff user in: returns a person token and the user's rights."""

    throttle_classes = [LoginThrottle]

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(max_length=40)
        password = serializers.CharField(max_length=256, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()
        user = StaffUserOutputSerializer()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, token = services.staff_login(**data.validated_data)
        body = {
            "token": token.raw,
            "expires_at": token.expires_at,
            "user": _user_payload(user),
        }
        return Response(self.OutputSerializer(body).data, status=status.HTTP_201_CREATED)


class StaffSessionDeleteApi(APIView):
    """Log out: revoke the calling person's token."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if request.auth:
            services.person_token_revoke(raw=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffMeApi(APIView):
    """The acting staff user, with rights (menus are built from these)."""

    permission_classes = [IsStaff]

    @extend_schema(responses={200: StaffUserOutputSerializer})
    def get(self, request: Request) -> Response:
        from back.security.models import StaffUser

        user = StaffUser.objects.get(code=request.user.staff_code)
        return Response(StaffUserOutputSerializer(_user_payload(user)).data)


def _user_payload(user) -> dict:
    return {
        "code": user.code,
        "display_name": user.display_name,
        "email": user.email,
        "channel": user.channel,
        "store_code": user.store_code,
        "language": user.language,
        "rights": sorted(selectors.staff_user_rights(user=user)),
    }
