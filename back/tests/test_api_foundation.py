"""The back's contract with any caller: credentials, error shape, health, schema, idempotency."""

from __future__ import annotations

import pytest
from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.errors import ConflictError
from back.api.idempotency import idempotent
from back.api.models import IdempotencyRecord

pytestmark = pytest.mark.django_db(databases="__all__")


class _CounterCreateApi(APIView):
    calls = 0

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=5)

    @idempotent
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["name"] == "taken":
            raise ConflictError("That name is taken.")
        type(self).calls += 1
        return Response({"id": type(self).calls, "name": data.validated_data["name"]}, status=201)


urlpatterns = [path("counter/", _CounterCreateApi.as_view())]


def test_a_call_without_the_service_token_is_refused_with_401_problem_json(anonymous_api):
    response = anonymous_api.get("/api/v1/security/me/")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["request_id"] == response["X-Request-ID"]


def test_a_wrong_service_token_is_refused(anonymous_api):
    anonymous_api.credentials(HTTP_X_SERVICE_TOKEN="not-the-token")

    assert anonymous_api.get("/api/v1/security/me/").status_code == 401


def test_an_unknown_person_token_is_refused(api):
    api.credentials(HTTP_X_SERVICE_TOKEN="dev-service-token", HTTP_AUTHORIZATION="Bearer nope")

    response = api.get("/api/v1/security/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_the_default_web_user_is_not_staff(api):
    response = api.get("/api/v1/security/me/")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_an_unknown_url_answers_problem_json_not_html(api):
    response = api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_health_names_every_database_and_the_cache(anonymous_api):
    response = anonymous_api.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "db:weblys",
        "db:catalog",
        "db:rules",
        "db:param",
        "db:security",
        "db:customlogin",
        "db:wecrm",
        "db:diagtree",
        "db:procable",
        "cache",
    }


def test_the_openapi_schema_is_served(anonymous_api):
    response = anonymous_api.get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert "/api/v1/security/sessions/" in response.json()["paths"]


def test_the_request_id_from_the_front_is_kept(api):
    response = api.get("/health/", HTTP_X_REQUEST_ID="front-req-123456")

    assert response["X-Request-ID"] == "front-req-123456"


@pytest.mark.urls(__name__)
def test_the_same_idempotency_key_replays_the_first_answer_and_creates_once(api):
    _CounterCreateApi.calls = 0

    first = api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() == {"id": 1, "name": "a"}
    assert second["Idempotent-Replayed"] == "true"
    assert _CounterCreateApi.calls == 1


@pytest.mark.urls(__name__)
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_the_same_idempotency_key_replays_in_autocommit_too(api):
    """Outside any transaction (as under gunicorn) the duplicate claim is caught without a savepoint."""
    _CounterCreateApi.calls = 0

    first = api.post("/counter/", {"name": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k-auto")
    second = api.post("/counter/", {"name": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k-auto")

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() == {"id": 1, "name": "b"}
    assert second["Idempotent-Replayed"] == "true"
    assert _CounterCreateApi.calls == 1
    assert IdempotencyRecord.objects.filter(key="k-auto").count() == 1


def _claim_left_by_a_dead_call(api, key: str, *, seconds_ago: int) -> None:
    """The record a first call leaves when its instance dies before answering (scope of `api`'s caller)."""
    from datetime import timedelta

    from django.utils import timezone

    from back.api.idempotency import _request_hash

    class _Request:
        method, path, data = "POST", "/counter/", {"name": "a"}

    api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY=f"{key}-scope")
    scope = IdempotencyRecord.objects.get(key=f"{key}-scope").scope
    record = IdempotencyRecord.objects.create(scope=scope, key=key, request_hash=_request_hash(_Request()))
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


@pytest.mark.urls(__name__)
def test_a_retry_while_the_first_call_runs_is_refused_as_in_flight(api, settings):
    settings.IDEMPOTENCY_IN_FLIGHT_SECONDS = 45
    _claim_left_by_a_dead_call(api, "k-5", seconds_ago=10)
    _CounterCreateApi.calls = 0

    response = api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-5")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_in_flight"
    assert _CounterCreateApi.calls == 0


@pytest.mark.urls(__name__)
def test_a_claim_older_than_the_in_flight_window_is_taken_over_once(api, settings):
    settings.IDEMPOTENCY_IN_FLIGHT_SECONDS = 45
    _claim_left_by_a_dead_call(api, "k-6", seconds_ago=46)
    _CounterCreateApi.calls = 0

    taken_over = api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-6")
    replayed = api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-6")

    assert taken_over.status_code == replayed.status_code == 201
    assert replayed["Idempotent-Replayed"] == "true"
    assert replayed.json() == taken_over.json()
    assert _CounterCreateApi.calls == 1


@pytest.mark.urls(__name__)
def test_reusing_a_key_with_another_body_is_refused(api):
    api.post("/counter/", {"name": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")

    response = api.post("/counter/", {"name": "b"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


@pytest.mark.urls(__name__)
def test_a_creating_post_without_a_key_is_refused_and_creates_nothing(api):
    _CounterCreateApi.calls = 0

    response = api.post("/counter/", {"name": "a"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"Idempotency-Key": ["This header is required."]}
    assert _CounterCreateApi.calls == 0


@pytest.mark.urls(__name__)
def test_a_refused_request_forgets_its_key_and_reports_field_errors(api):
    response = api.post("/counter/", {"name": "toolong"}, format="json", HTTP_IDEMPOTENCY_KEY="k-3")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"] == {"name": ["Ensure this field has no more than 5 characters."]}
    assert not IdempotencyRecord.objects.filter(key="k-3").exists()


@pytest.mark.urls(__name__)
def test_a_domain_error_is_rendered_with_its_code(api):
    response = api.post("/counter/", {"name": "taken"}, format="json", HTTP_IDEMPOTENCY_KEY="k-4")

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["detail"] == "That name is taken."
