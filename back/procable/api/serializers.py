"""Output serializers built from the port's records, so the API and its OpenAPI schema follow the port."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from rest_framework import serializers

from back.procable import port


class SortedListField(serializers.ListField):
    """A set or tuple of codes, rendered as a sorted list."""

    def to_representation(self, data: Any) -> list:
        return sorted(super().to_representation(data))


def _field(annotation: Any) -> serializers.Field:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        inner = next(arg for arg in args if arg is not type(None))
        field = _field(inner)
        field.allow_null = True
        return field
    if origin is typing.Literal:
        return serializers.ChoiceField(choices=list(args))
    if origin in (frozenset, set):
        return SortedListField(child=serializers.CharField())
    if origin is tuple:
        child = args[0]
        if dataclasses.is_dataclass(child):
            return record_serializer(child)(many=True)
        return serializers.ListField(child=serializers.CharField())
    if dataclasses.is_dataclass(annotation):
        return record_serializer(annotation)()
    simple: dict[Any, serializers.Field] = {
        str: serializers.CharField(),
        int: serializers.IntegerField(),
        bool: serializers.BooleanField(),
        Decimal: serializers.DecimalField(max_digits=14, decimal_places=2),
        date: serializers.DateField(),
        datetime: serializers.DateTimeField(),
    }
    if annotation in simple:
        return simple[annotation]
    # A type alias such as port.CustomerType resolves to a Literal.
    return _field(typing.get_type_hints(type("_", (), {"__annotations__": {"x": annotation}}))["x"])


@cache
def record_serializer(record: type, extra: tuple[tuple[str, str], ...] = ()) -> type[serializers.Serializer]:
    """A read-only serializer class for a port record; `extra` adds (name, kind) computed properties."""
    hints = typing.get_type_hints(record, vars(port))
    attributes: dict[str, Any] = {
        name: _field(hints[f.name]) for f in dataclasses.fields(record) for name in [f.name]
    }
    for name, kind in extra:
        attributes[name] = serializers.CharField() if kind == "str" else serializers.IntegerField()
    return type(f"{record.__name__}Output", (serializers.Serializer,), attributes)


AddressOutput = record_serializer(port.AddressRecord, (("label", "str"),))
SlotOutput = record_serializer(port.SlotRecord, (("available", "int"),))
