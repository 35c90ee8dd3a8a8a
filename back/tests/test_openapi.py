"""The back's OpenAPI schema documents every /api/v1/ endpoint, each with an answer, and is valid."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
NO_BODY_STATUSES = {"202", "204"}  # answers without a body by design


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _route_to_openapi(route: str) -> str:
    """`api/v1/catalog/offers/<str:code>/` → `/api/v1/catalog/offers/{code}/`."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _api_endpoints(patterns: list, prefix: str = "") -> list[tuple[str, type]]:
    """(OpenAPI path, view class) of every URL pattern of the resolver under /api/v1/."""
    endpoints = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            endpoints += _api_endpoints(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
            view_class = getattr(pattern.callback, "view_class", None) or getattr(
                pattern.callback, "cls", None
            )
            endpoints.append((_route_to_openapi(route), view_class))
    return endpoints


def test_the_url_walk_finds_the_api_endpoints():
    # given the URL resolver / when walked / then it finds the API views (the other tests are not vacuous)
    endpoints = dict(_api_endpoints(get_resolver().url_patterns))

    assert len(endpoints) > 50
    assert "/api/v1/catalog/offers/{code}/" in endpoints
    assert "/api/v1/orders/carts/{cart_id}/confirm/" in endpoints


def test_every_api_url_and_method_has_an_operation(schema):
    # given every /api/v1/ URL of the resolver and the methods its view implements
    expected = {
        (path, method)
        for path, view_class in _api_endpoints(get_resolver().url_patterns)
        for method in HTTP_METHODS
        if view_class is not None and hasattr(view_class, method)
    }

    # when the schema is generated
    documented = {
        (path, method) for path, item in schema["paths"].items() for method in item if method in HTTP_METHODS
    }

    # then each has an operation
    assert sorted(expected - documented) == []


def test_every_operation_declares_an_answer_with_content(schema):
    # given the generated schema / when its operations are read
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.get("responses", {})
            has_answer = any(
                "content" in response or "schema" in response or status in NO_BODY_STATUSES
                for status, response in responses.items()
            )
            if not has_answer:
                missing.append(f"{method.upper()} {path}")

    # then each declares a documented answer (not the fallback "No response body")
    assert missing == []


def test_operation_ids_are_unique(schema):
    # given the generated schema / when the operation ids are collected
    ids = [
        operation["operationId"]
        for item in schema["paths"].values()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]

    # then none repeats (a collision would be resolved with numeral suffixes)
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []


def test_the_schema_is_valid_openapi(schema):
    # given the generated schema / when validated / then no error is raised
    validate_schema(schema)
