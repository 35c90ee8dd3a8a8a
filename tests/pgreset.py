"""Drop and recreate the PostgreSQL databases named by WEBLYS_DB_*_URL (used by the journey stack only)."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import psycopg


def main() -> None:
    for key, url in os.environ.items():
        if not (key.startswith("WEBLYS_DB_") and key.endswith("_URL") and url.startswith("postgres")):
            continue
        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
