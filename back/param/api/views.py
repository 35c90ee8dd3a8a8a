"""PARAM API: list the code tables and the codes of one table (read-only)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.param import selectors

# Staff holding this right may also see codes the operator hides from Weblys (WeConfig).
HIDDEN_CODES_RIGHT = "weconfig.params"


class CodeTableListApi(APIView):
    """Every code table with its number of codes. Code tables are small and bounded: not paginated."""

    class OutputSerializer(serializers.Serializer):
        name = serializers.CharField()
        label_en = serializers.CharField()
        label_fr = serializers.CharField()
        code_count = serializers.IntegerField()

    @extend_schema(responses={200: OutputSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(selectors.code_table_list(), many=True).data)


class CodeListApi(APIView):
    """The codes of one table: active and visible in Weblys; `?all=true` adds hidden and inactive
    codes for staff holding weconfig.params."""

    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        label_en = serializers.CharField()
        label_fr = serializers.CharField()
        is_active = serializers.BooleanField()
        is_visible_in_weblys = serializers.BooleanField()

    @extend_schema(
        parameters=[OpenApiParameter("all", bool, description="Include hidden and inactive codes (staff)")],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request, table: str) -> Response:
        wants_all = request.query_params.get("all", "").lower() in {"1", "true", "yes"}
        show_all = wants_all and request.user.is_staff and request.user.has_right(HIDDEN_CODES_RIGHT)
        rows = selectors.codes(table=table, visible_only=not show_all, active_only=not show_all)
        return Response(self.OutputSerializer(rows, many=True).data)
