"""Read API of Pro-Cable through the gateway: addresses (public), customer files (scoped), slots.

Every customer-scoped view calls `ensure_customer_access` first: a customer token reaches only its
own number, staff need a customer-reading right, the default web user never reaches a file.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.permissions import ensure_customer_access, requires_right
from back.procable import port
from back.procable.gateway import get_gateway

from .serializers import AddressOutput, SlotOutput, record_serializer

CityOutput = record_serializer(port.CityRecord)
StreetOutput = record_serializer(port.StreetRecord)
ApartmentOutput = record_serializer(port.ApartmentRecord)
CustomerOutput = record_serializer(port.CustomerRecord)
CustomerSummaryOutput = record_serializer(port.CustomerSummaryRecord)
SubscribedServiceOutput = record_serializer(port.SubscribedServiceRecord)
EquipmentOutput = record_serializer(port.EquipmentRecord)
InvoiceOutput = record_serializer(port.InvoiceRecord)
UsageOutput = record_serializer(port.UsageRecord)
PaymentOutput = record_serializer(port.PaymentRecord)
WorkOrderOutput = record_serializer(port.WorkOrderRecord)
AppointmentOutput = record_serializer(port.AppointmentRecord)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Addresses (anyone, including the default web user: SelfShop checks eligibility) -------------------


class CityListApi(APIView):
    @extend_schema(responses=CityOutput(many=True))
    def get(self, request: Request) -> Response:
        return Response(CityOutput(get_gateway().city_list(), many=True).data)


class StreetListApi(APIView):
    class InputSerializer(serializers.Serializer):
        city = serializers.CharField(max_length=10)
        prefix = serializers.CharField(max_length=60, required=False, default="")

    @extend_schema(parameters=[InputSerializer], responses=StreetOutput(many=True))
    def get(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        streets = get_gateway().street_list(data["city"], prefix=data["prefix"])
        return Response(StreetOutput(streets, many=True).data)


class CivicNumberListApi(APIView):
    class InputSerializer(serializers.Serializer):
        street = serializers.IntegerField(min_value=1)

    @extend_schema(
        parameters=[InputSerializer],
        responses={
            200: {
                "type": "array",
                "items": {"type": "integer"},
                "description": "Civic numbers of the street.",
            }
        },
    )
    def get(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        return Response(get_gateway().civic_number_list(data["street"]))


class ApartmentListApi(APIView):
    class InputSerializer(serializers.Serializer):
        street = serializers.IntegerField(min_value=1)
        civic_number = serializers.IntegerField(min_value=0)

    @extend_schema(parameters=[InputSerializer], responses=ApartmentOutput(many=True))
    def get(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        apartments = get_gateway().apartment_list(data["street"], data["civic_number"])
        return Response(ApartmentOutput(apartments, many=True).data)


class AddressSearchApi(APIView):
    class InputSerializer(serializers.Serializer):
        q = serializers.CharField(
            max_length=120, help_text=_("Civic number then the start of the street name.")
        )
        city = serializers.CharField(max_length=10, required=False, default="")
        limit = serializers.IntegerField(min_value=1, max_value=20, required=False, default=10)

    @extend_schema(parameters=[InputSerializer], responses=AddressOutput(many=True))
    def get(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        found = get_gateway().address_search(data["q"], city_code=data["city"], limit=data["limit"])
        return Response(AddressOutput(found, many=True).data)


class AddressDetailApi(APIView):
    @extend_schema(responses=AddressOutput)
    def get(self, request: Request, address_id: int) -> Response:
        return Response(AddressOutput(get_gateway().address_get(address_id)).data)


class AppointmentSlotListApi(APIView):
    class InputSerializer(serializers.Serializer):
        zone = serializers.CharField(max_length=10)
        start = serializers.DateField(required=False)
        days = serializers.IntegerField(min_value=1, max_value=60, required=False, default=14)

    @extend_schema(parameters=[InputSerializer], responses=SlotOutput(many=True))
    def get(self, request: Request) -> Response:
        params = request.query_params.copy()
        if "from" in params and "start" not in params:
            params["start"] = params["from"]  # `from` is a Python keyword: accepted as an alias
        serializer = self.InputSerializer(data=params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        start: date = data.get("start") or timezone.localdate()
        slots = get_gateway().appointment_slots(data["zone"], start=start, days=data["days"])
        return Response(SlotOutput(slots, many=True).data)


# --- Customers ---------------------------------------------------------------------------------------


class CustomerSearchApi(APIView):
    """Staff search by number, last name (+ postal code) or street; a bounded page with `has_next`."""

    permission_classes = [requires_right("wecare.customers", "weshop.sell")]

    class InputSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=12, required=False, default="")
        last_name = serializers.CharField(max_length=80, required=False, default="")
        postal_code = serializers.CharField(max_length=7, required=False, default="")
        street = serializers.CharField(max_length=120, required=False, default="")
        city = serializers.CharField(max_length=10, required=False, default="")
        page = serializers.IntegerField(min_value=1, required=False, default=1)
        page_size = serializers.IntegerField(min_value=1, max_value=200, required=False, default=50)

        def validate(self, attrs: dict) -> dict:
            if not (attrs["number"] or attrs["last_name"] or attrs["postal_code"] or attrs["street"]):
                raise serializers.ValidationError(
                    _("Give a customer number, a last name, a postal code or a street.")
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        results = CustomerSummaryOutput(many=True)
        page = serializers.IntegerField()
        page_size = serializers.IntegerField()
        has_next = serializers.BooleanField()

    @extend_schema(
        operation_id="procable_customer_search", parameters=[InputSerializer], responses=OutputSerializer
    )
    def get(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        page = get_gateway().customer_search(
            number=data["number"],
            last_name=data["last_name"],
            postal_code=data["postal_code"],
            street=data["street"],
            city_code=data["city"],
            page=data["page"],
            page_size=data["page_size"],
        )
        return Response(self.OutputSerializer(page).data)


class CustomerDetailApi(APIView):
    @extend_schema(responses=CustomerOutput)
    def get(self, request: Request, number: str) -> Response:
        ensure_customer_access(request.user, number)
        return Response(CustomerOutput(get_gateway().customer_get(number)).data)


def _customer_list_api(name: str, output: type[serializers.Serializer], method: str) -> type[APIView]:
    """A customer-scoped list endpoint calling one gateway method with the customer number."""

    @extend_schema(responses=output(many=True))
    def get(self: APIView, request: Request, number: str) -> Response:
        ensure_customer_access(request.user, number)
        return Response(output(getattr(get_gateway(), method)(number), many=True).data)

    return type(name, (APIView,), {"get": get, "__doc__": f"The customer's {method.replace('_', ' ')}."})


CustomerServiceListApi = _customer_list_api(
    "CustomerServiceListApi", SubscribedServiceOutput, "customer_services"
)
CustomerEquipmentListApi = _customer_list_api("CustomerEquipmentListApi", EquipmentOutput, "equipment_list")
CustomerInvoiceListApi = _customer_list_api("CustomerInvoiceListApi", InvoiceOutput, "invoice_list")
CustomerUsageListApi = _customer_list_api("CustomerUsageListApi", UsageOutput, "usage_list")
CustomerPaymentListApi = _customer_list_api("CustomerPaymentListApi", PaymentOutput, "payment_list")
CustomerWorkOrderListApi = _customer_list_api("CustomerWorkOrderListApi", WorkOrderOutput, "work_order_list")
CustomerAppointmentListApi = _customer_list_api(
    "CustomerAppointmentListApi", AppointmentOutput, "appointment_list"
)


class CustomerInvoiceDetailApi(APIView):
    @extend_schema(responses=InvoiceOutput)
    def get(self, request: Request, number: str, invoice_id: int) -> Response:
        ensure_customer_access(request.user, number)
        return Response(InvoiceOutput(get_gateway().invoice_get(number, invoice_id)).data)
