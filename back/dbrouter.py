"""Send each back app to the database it owns (see ARCHITECTURE.md, "Databases")."""

from __future__ import annotations

from typing import Any

APP_DATABASES: dict[str, str] = {
    "catalog": "catalog",
    "rules": "rules",
    "param": "param",
    "security": "security",
    "customlogin": "customlogin",
    "wecrm": "wecrm",
    "wediag": "diagtree",
    "procable": "procable",
    # Everything else (weconfig, orders, logstats, the API's idempotency records, Django's own
    # content types and auth tables) lives in the `weblys` database, Django's `default` alias.
}


def database_for_app(app_label: str) -> str:
    return APP_DATABASES.get(app_label, "default")


class AppDatabaseRouter:
    """Route reads, writes and migrations by app label; no relation may cross two databases."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return database_for_app(model._meta.app_label)

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return database_for_app(model._meta.app_label)

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return database_for_app(obj1._meta.app_label) == database_for_app(obj2._meta.app_label)

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return database_for_app(app_label) == db
