"""Create (or reset) an administrator with every right."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from back.security import services
from back.security.rights import RIGHT_CODES


class Command(BaseCommand):
    help = "Create or reset a Weblys administrator (profile ADMIN, every right)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--code", default="admin")
        parser.add_argument("--name", default="Administrator")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="Prompted for when omitted (or read from WEBLYS_ADMIN_PASSWORD)."
        )

    def handle(self, *args, **options) -> None:
        import os

        password = options["password"] or os.environ.get("WEBLYS_ADMIN_PASSWORD")
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        if len(password) < 8:
            raise CommandError("The password must have at least 8 characters.")
        services.profile_upsert(code="ADMIN", name="Administrator", right_codes=sorted(RIGHT_CODES))
        services.staff_user_upsert(
            code=options["code"],
            display_name=options["name"],
            email=options["email"],
            password=password,
            profile_codes=["ADMIN"],
            channel="store",
        )
        self.stdout.write(self.style.SUCCESS(f"Administrator {options['code']!r} is ready."))
