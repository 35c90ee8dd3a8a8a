"""Idempotency records: the replay of a creating POST answered once already."""

from __future__ import annotations

from django.db import models


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` per actor and endpoint; `status_code` is null while the first call runs."""

    scope = models.CharField(max_length=255)
    key = models.CharField(max_length=128)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="backapi_idempotency_scope_key")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
