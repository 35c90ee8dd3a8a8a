"""Serializer bases shared by the back's API views."""

from __future__ import annotations

import copy
from typing import Any

from rest_framework import serializers

# Fields that hold a bound child (or are serializers themselves): only a deep copy binds it to the copy.
_NESTED = (serializers.BaseSerializer, serializers.ListField, serializers.DictField, serializers.JSONField)


def _field_copy(field: serializers.Field) -> serializers.Field:
    if isinstance(field, _NESTED) or type(field).__deepcopy__ is not serializers.Field.__deepcopy__:
        return copy.deepcopy(field)
    clone = copy.copy(field)
    if "_validators" in field.__dict__:
        clone._validators = list(field._validators)
    return clone


class FastInputSerializer(serializers.Serializer):
    """A Serializer whose plain fields are copied shallowly for each instance.

    DRF deep-copies every declared field for each serializer instance (it rebuilds each field from its
    arguments), a good part of the cost of validating a small input on a hot call. A declared field is
    never bound or changed, so a shallow copy with its own validator list is as good for plain fields;
    nested serializers and fields with a child are still deep-copied.
    """

    def get_fields(self) -> dict[str, Any]:
        return {name: _field_copy(field) for name, field in self._declared_fields.items()}
