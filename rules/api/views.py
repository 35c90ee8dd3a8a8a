"""RULES API: evaluate a sale context; list, diff, export and load versions of the decision tables."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.idempotency import idempotent
from back.api.permissions import requires_right
from back.api.serializers import FastInputSerializer
from rules import selectors, services
from rules.schema import IMMEDIATE_PAYMENT

RULES_RIGHT = "weconfig.rules"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    loaded_by = serializers.CharField()
    loaded_at = serializers.DateTimeField()
    source_filename = serializers.CharField()
    is_active = serializers.BooleanField()
    comment = serializers.CharField()


class RuleOutcomeSerializer(serializers.Serializer):  # schema only: the answer is built by hand
    immediate_payment = serializers.ChoiceField(choices=IMMEDIATE_PAYMENT)
    serial_numbers_entered = serializers.BooleanField()
    letter_codes = serializers.ListField(child=serializers.CharField())
    primary_wo_code = serializers.CharField()
    secondary_wo_codes = serializers.ListField(child=serializers.CharField())
    delay_days = serializers.IntegerField()
    cable_wo_status = serializers.CharField()
    mvno_wo_status = serializers.CharField(allow_blank=True)
    contract_wo_code = serializers.CharField(allow_blank=True)
    deposit_service_code = serializers.CharField(allow_blank=True)
    deposit_amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class RuleTraceSerializer(serializers.Serializer):
    table = serializers.CharField()
    matched_rows = serializers.ListField(child=serializers.DictField())
    winning_row = serializers.IntegerField()
    reason = serializers.CharField()


class RulesEvaluateApi(APIView):
    """Evaluate a sale context against the active rules: the outcome, and which rows gave it."""

    class InputSerializer(FastInputSerializer):
        group_code = serializers.CharField(max_length=40, required=False, default="RG")
        sale_type = serializers.CharField(max_length=40)
        channel = serializers.CharField(max_length=40)
        cable_install_mode = serializers.CharField(max_length=40)
        mobile_install_mode = serializers.CharField(max_length=40)
        customer_paid = serializers.BooleanField()
        e_contract = serializers.BooleanField(
            help_text=_("A valid e-mail was given and the e-contract box checked.")
        )
        has_active_mvno_line = serializers.BooleanField()
        payment_method = serializers.CharField(max_length=40)

    class OutputSerializer(serializers.Serializer):
        version = serializers.IntegerField()
        context = serializers.DictField()
        outcome = RuleOutcomeSerializer()
        explanation = RuleTraceSerializer(many=True)

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = selectors.rules_evaluate(context=data.validated_data)
        # Built by hand: this call is on the sale path and must stay fast.
        return Response(
            {
                "version": evaluation.version,
                "context": evaluation.context,
                "outcome": evaluation.outcome,
                "explanation": [
                    {
                        "table": trace.table,
                        "matched_rows": [{"row": row, "specificity": spec} for row, spec in trace.matched],
                        "winning_row": trace.winner,
                        "reason": trace.reason,
                    }
                    for trace in evaluation.explanation
                ],
            }
        )


class RuleTableListApi(APIView):
    """The rows of every table of the active version (or `?version=N`), in canonical cell text."""

    @extend_schema(parameters=[OpenApiParameter("version", int)], responses={200: dict})
    def get(self, request: Request) -> Response:
        number = _version_param(request)
        version, tables = selectors.ruleset_tables(number=number)
        return Response({"version": VersionSerializer(version).data, "tables": tables})


class RuleSetVersionListApi(APIView):
    """Every loaded version, newest first (kept forever; few)."""

    @extend_schema(responses={200: VersionSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(VersionSerializer(selectors.ruleset_version_list(), many=True).data)


class RuleSetVersionDiffApi(APIView):
    """Rows added, removed and changed per table from version a to version b."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request, a: int, b: int) -> Response:
        return Response({"from": a, "to": b, "tables": selectors.ruleset_diff(a=a, b=b)})


class RuleSetExportApi(APIView):
    """The active version (or `?version=N`) as an Excel workbook that loads back unchanged."""

    @extend_schema(parameters=[OpenApiParameter("version", int)], responses={(200, XLSX): bytes})
    def get(self, request: Request) -> HttpResponse:
        version, content = selectors.ruleset_export(number=_version_param(request))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="rules-v{version.number}.xlsx"'
        return response


class RuleSetLoadApi(APIView):
    """Load a rules file (multipart `file`) as the new active version. Staff with weconfig.rules only.

    All or nothing: a refused file answers 400 problem+json with `row_errors` (sheet, row, column,
    message) and leaves the versions unchanged.
    """

    permission_classes = [requires_right(RULES_RIGHT)]
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(max_length=255)
        comment = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)

        def validate_file(self, value):
            if value.size > MAX_UPLOAD_BYTES:
                raise serializers.ValidationError(_("The file is larger than 5 MB."))
            return value

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: VersionSerializer})
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        version = services.ruleset_load(
            content=upload.read(),
            filename=upload.name,
            loaded_by=request.user.identity,
            comment=data.validated_data["comment"],
        )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


def _version_param(request: Request) -> int | None:
    raw = request.query_params.get("version")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise serializers.ValidationError({"version": [_("Must be a version number.")]}) from None
