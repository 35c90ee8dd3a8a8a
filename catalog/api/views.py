"""CATALOG back API: thin views over catalog.selectors / catalog.services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.idempotency import idempotent
from back.api.permissions import ensure_customer_access
from back.api.serializers import FastInputSerializer
from catalog import selectors, services
from catalog.pricing import EquipmentChoice, Selection, selection_order_codes, selection_validate
from catalog.snapshot import catalog_data

SALE_TYPES = ("new", "upsell", "cross_sell")

OFFER_LIST_RESPONSE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="The eligible offers at the address; with `explain` (or for staff) also the excluded ones "
    "with their reasons.",
)
OFFER_DETAIL_RESPONSE = OpenApiResponse(
    OpenApiTypes.OBJECT, description="One offer: its services, equipment, options and prices today."
)
OPTION_LIST_RESPONSE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="`options` available with the equipment and `unavailable` ones, with reasons.",
)


class ContextSerializer(FastInputSerializer):
    sale_type = serializers.ChoiceField(choices=SALE_TYPES, default="new")
    channel = serializers.CharField(max_length=20, required=False)
    group_code = serializers.CharField(max_length=10, default=selectors.DEFAULT_GROUP_CODE)
    on = serializers.DateField(required=False)


def sale_context(request: Request, data: dict[str, Any]) -> selectors.SaleContext:
    """The sale context of a call; the channel defaults to the acting principal's."""
    principal = request.user
    default_channel = principal.channel if principal.is_staff and principal.channel else "selfshop"
    if principal.is_customer:
        default_channel = "myshop"
    return selectors.SaleContext(
        sale_type=data["sale_type"],
        channel=data.get("channel") or default_channel,
        group_code=data["group_code"].upper(),
        on=data.get("on"),
    )


class OfferListApi(APIView):
    """Offers available at an address (or in every area without `address_id`).

    Staff callers, or any caller with `explain=1`, also get the excluded offers with the reasons.
    """

    class InputSerializer(ContextSerializer):
        address_id = serializers.IntegerField(required=False, min_value=1)
        explain = serializers.BooleanField(default=False)

    @extend_schema(
        operation_id="catalog_offer_list", parameters=[InputSerializer], responses={200: OFFER_LIST_RESPONSE}
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        result = selectors.offer_list_eligible(
            address_id=data.get("address_id"),
            context=sale_context(request, data),
            include_excluded=data["explain"] or request.user.is_staff,
        )
        return Response(result)


class OfferDetailApi(APIView):
    @extend_schema(operation_id="catalog_offer_retrieve", responses={200: OFFER_DETAIL_RESPONSE})
    def get(self, request: Request, code: str) -> Response:
        return Response(selectors.offer_detail(code=code.upper()))


class OfferEquipmentListApi(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "CatalogOfferEquipmentList",
                {
                    "equipment": serializers.ListField(
                        child=serializers.DictField(),
                        help_text="Equipment rows with their rent and buy prices.",
                    )
                },
            )
        }
    )
    def get(self, request: Request, code: str) -> Response:
        return Response({"equipment": selectors.offer_equipment_list(code=code.upper())})


class OfferOptionListApi(APIView):
    """Options of an offer for the chosen equipment (`equipment=TERM4K,MODEM`)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "equipment", str, description="Comma-separated equipment codes chosen, e.g. `TERM4K,MODEM`."
            )
        ],
        responses={200: OPTION_LIST_RESPONSE},
    )
    def get(self, request: Request, code: str) -> Response:
        raw = request.query_params.get("equipment", "")
        equipment = [part.strip().upper() for part in raw.split(",") if part.strip()]
        return Response(selectors.offer_option_list(code=code.upper(), equipment_codes=equipment))


class ServiceRateListApi(APIView):
    """Rates: every imported service with its price on a day (today by default)."""

    class InputSerializer(serializers.Serializer):
        domain = serializers.CharField(max_length=4, required=False)
        kind = serializers.CharField(max_length=10, required=False)
        on = serializers.DateField(required=False)

    @extend_schema(
        parameters=[InputSerializer],
        responses={
            200: inline_serializer(
                "CatalogServiceRateList",
                {
                    "services": serializers.ListField(
                        child=serializers.DictField(), help_text="Services with their price on the day."
                    )
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return Response(
            {
                "services": selectors.service_rate_list(
                    domain=(data.get("domain") or "").upper() or None,
                    kind=data.get("kind"),
                    on=data.get("on"),
                )
            }
        )


class EquipmentChoiceSerializer(FastInputSerializer):
    code = serializers.CharField(max_length=20)
    acquisition = serializers.ChoiceField(choices=("rent", "buy"), default="rent")
    quantity = serializers.IntegerField(min_value=1, max_value=20, default=1)


class SelectionSerializer(ContextSerializer):
    """A selection, priced today: a caller cannot choose the pricing day of a quote."""

    on = None
    offer_code = serializers.CharField(max_length=40)
    equipment = EquipmentChoiceSerializer(many=True, default=list)
    options = serializers.ListField(child=serializers.CharField(max_length=20), default=list)
    commitment_months = serializers.IntegerField(min_value=0, max_value=120, default=0)
    address_id = serializers.IntegerField(required=False, min_value=1)


def selection_from(data: dict[str, Any]) -> Selection:
    return Selection(
        offer_code=data["offer_code"].upper(),
        equipment=tuple(
            EquipmentChoice(e["code"].upper(), e["acquisition"], e["quantity"]) for e in data["equipment"]
        ),
        option_codes=tuple(code.upper() for code in data["options"]),
        commitment_months=data["commitment_months"],
    )


class QuoteOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    offer_code = serializers.CharField()
    offer_version = serializers.IntegerField()
    monthly_total = serializers.DecimalField(max_digits=10, decimal_places=2)
    one_time_total = serializers.DecimalField(max_digits=10, decimal_places=2)
    created_at = serializers.DateTimeField()
    selection = serializers.JSONField()
    snapshot = serializers.JSONField()


class QuoteCreateApi(APIView):
    """Price a selection and keep it as a quote (frozen snapshot). Needs an Idempotency-Key."""

    InputSerializer = SelectionSerializer
    OutputSerializer = QuoteOutputSerializer

    @extend_schema(
        request=SelectionSerializer,
        responses={201: QuoteOutputSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=True)],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        quote = services.quote_create(
            selection=selection_from(data),
            context=sale_context(request, data),
            created_by=request.user.identity,
            address_id=data.get("address_id"),
            customer_number=request.user.customer_number or "",
        )
        return Response(self.OutputSerializer(quote).data, status=status.HTTP_201_CREATED)


class QuoteDetailApi(APIView):
    OutputSerializer = QuoteOutputSerializer

    @extend_schema(responses={200: QuoteOutputSerializer})
    def get(self, request: Request, quote_id: str) -> Response:
        quote = selectors.quote_get(quote_id=quote_id)
        if quote.customer_number:
            ensure_customer_access(request.user, quote.customer_number)
        return Response(self.OutputSerializer(quote).data)


class OrderCodeListApi(APIView):
    """The Pro-Cable service codes that complete an order for a selection (nothing is stored)."""

    InputSerializer = SelectionSerializer

    @extend_schema(
        request=SelectionSerializer,
        responses={
            200: inline_serializer(
                "CatalogOrderCodeList",
                {
                    "offer_code": serializers.CharField(),
                    "offer_version": serializers.IntegerField(),
                    "services": serializers.ListField(
                        child=serializers.DictField(), help_text="Pro-Cable service codes to order."
                    ),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        selection = selection_from(params.validated_data)
        data = catalog_data()
        offer = selectors.offer_get(code=selection.offer_code, data=data)
        selection_validate(data=data, offer=offer, selection=selection)
        return Response(
            {
                "offer_code": offer.code,
                "offer_version": offer.version,
                "services": selection_order_codes(data=data, offer=offer, selection=selection),
            }
        )


class CustomerCurrentOfferApi(APIView):
    """Reverse lookup: the offer matching a customer's basic services (none: MyShop is blocked)."""

    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="The customer's current offer and services."
            )
        }
    )
    def get(self, request: Request, number: str) -> Response:
        ensure_customer_access(request.user, number)
        return Response(selectors.customer_current_offer(customer_number=number))


class CustomerChangeTargetListApi(APIView):
    """Upsell / cross-sell targets of a customer's current offer."""

    @extend_schema(
        parameters=[
            OpenApiParameter("channel", str, description="Sales channel (default: the staff's, else myshop).")
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="Upsell and cross-sell targets of the current offer."
            )
        },
    )
    def get(self, request: Request, number: str) -> Response:
        ensure_customer_access(request.user, number)
        channel = request.query_params.get("channel") or (
            request.user.channel if request.user.is_staff and request.user.channel else "myshop"
        )
        return Response(selectors.customer_change_targets(customer_number=number, channel=channel[:20]))
