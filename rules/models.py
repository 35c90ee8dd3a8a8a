"""RULES: every loaded version of the decision tables, and their rows."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleSetVersion(models.Model):
    """One loaded set of decision tables. Versions are never deleted; exactly one is active.

    `domains` snapshots the PARAM codes each input could take when the version was validated:
    evaluation accepts exactly those values, so every accepted context has one outcome.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    loaded_by = models.CharField(_("loaded by"), max_length=120)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    source_filename = models.CharField(_("source file"), max_length=255)
    is_active = models.BooleanField(_("active"), default=False)
    domains = models.JSONField(default=dict)
    comment = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="rules_one_active_version"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class RuleRow(models.Model):
    """One row of one decision table: `conditions` {input: [values]} (absent input = any value),
    `outputs` {output: value}. `row_number` is the row in the source sheet (for explanations)."""

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="rows")
    table = models.CharField(max_length=40)
    row_number = models.PositiveIntegerField()
    conditions = models.JSONField(default=dict)
    outputs = models.JSONField(default=dict)
    comment = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["version", "table", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "table", "row_number"], name="rules_row_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version_id} {self.table}#{self.row_number}"
