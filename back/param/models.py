"""PARAM: Pro-Cable code tables imported by scripts, filtered per operator for Weblys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeTable(models.Model):
    """One Pro-Cable code table (letter codes, work-order codes, channels, ...), named by a stable key."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    label_en = models.CharField(_("English label"), max_length=120)
    label_fr = models.CharField(_("French label"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Code(models.Model):
    """One code of a table; `is_visible_in_weblys` is the per-operator filter applied on top of Pro-Cable."""

    table = models.ForeignKey(CodeTable, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=40)
    label_en = models.CharField(_("English label"), max_length=200)
    label_fr = models.CharField(_("French label"), max_length=200)
    is_active = models.BooleanField(_("active in Pro-Cable"), default=True)
    is_visible_in_weblys = models.BooleanField(_("visible in Weblys"), default=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["table", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="param_code_unique_per_table")]

    def __str__(self) -> str:
        return f"{self.table.name}:{self.code}"
