#!/usr/bin/env python
"""Run a Django command on one tier.

    python manage.py [back|front] <command> ...

The tier defaults to `back`, which owns every database (migrate_all, seed_demo, createadmin...).
`front` serves the sites and holds only sessions.
"""

import os
import sys

TIERS = {"back": "back.settings", "front": "weblys.settings"}


def main() -> None:
    argv = list(sys.argv)
    tier = "back"
    if len(argv) > 1 and argv[1] in TIERS:
        tier = argv.pop(1)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", TIERS[tier])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
