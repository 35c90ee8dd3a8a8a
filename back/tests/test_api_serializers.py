"""FastInputSerializer validates exactly as DRF's Serializer, with fields of its own per instance."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from back.api.serializers import FastInputSerializer


class _ItemSerializer(FastInputSerializer):
    code = serializers.CharField(max_length=5)
    quantity = serializers.IntegerField(min_value=1, max_value=3, default=1)


class _FastSerializer(FastInputSerializer):
    kind = serializers.ChoiceField(choices=("new", "upsell"), default="new")
    name = serializers.CharField(max_length=5)
    on = serializers.DateField(required=False)
    flag = serializers.BooleanField()
    items = _ItemSerializer(many=True, default=list)
    tags = serializers.ListField(child=serializers.CharField(max_length=3), default=list)


class _PlainSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=("new", "upsell"), default="new")
    name = serializers.CharField(max_length=5)
    on = serializers.DateField(required=False)
    flag = serializers.BooleanField()
    items = serializers.ListField(child=serializers.DictField(), default=list)
    tags = serializers.ListField(child=serializers.CharField(max_length=3), default=list)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "abc", "flag": True},
        {"name": "abc", "flag": "yes", "on": "2026-01-31", "kind": "upsell", "tags": ["a", "bb"]},
        {"name": "abcdef", "flag": "maybe", "on": "31/01", "kind": "other", "tags": ["abcd"]},
        {},
    ],
)
def test_a_fast_serializer_validates_like_a_plain_one(data):
    fast, plain = _FastSerializer(data=data), _PlainSerializer(data=data)

    assert fast.is_valid() == plain.is_valid()

    if plain.errors:
        assert fast.errors == plain.errors
    else:
        assert {k: v for k, v in fast.validated_data.items() if k != "items"} == {
            k: v for k, v in plain.validated_data.items() if k != "items"
        }


def test_nested_items_keep_their_defaults_and_limits():
    valid = _FastSerializer(data={"name": "a", "flag": False, "items": [{"code": "X"}]})
    invalid = _FastSerializer(
        data={"name": "a", "flag": False, "items": [{"code": "TOOLONG", "quantity": 9}]}
    )

    assert valid.is_valid()
    assert valid.validated_data["items"] == [{"code": "X", "quantity": 1}]
    assert not invalid.is_valid()
    assert set(invalid.errors["items"][0]) == {"code", "quantity"}


def test_each_instance_binds_fields_of_its_own_and_never_the_declared_ones():
    first, second = _FastSerializer(data={}), _FastSerializer(data={})

    first_name, second_name = first.fields["name"], second.fields["name"]

    assert first_name is not second_name
    assert first_name.parent is first and second_name.parent is second
    assert first_name.validators is not second_name.validators
    assert first_name.validators == second_name.validators
    declared = _FastSerializer._declared_fields["name"]
    assert declared.parent is None
    assert declared.field_name is None
    assert first.fields["items"].child.parent is first.fields["items"]
