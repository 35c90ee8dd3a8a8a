"""Demo SECURITY data: profiles, the automatic default web user, and one user per demo role."""

from __future__ import annotations

from . import services
from .rights import RIGHT_CODES

PROFILES = {
    "ADMIN": ("Administrator", sorted(RIGHT_CODES)),
    "STORE_AGENT": (
        "Store agent",
        ["weshop", "weshop.sell", "wecare", "wecare.customers", "wediag", "wediag.use"],
    ),
    "STORE_MANAGER": (
        "Store manager",
        ["weshop", "weshop.sell", "weshop.discount", "weshop.override", "wecare", "wecare.customers"],
    ),
    "CARE_AGENT": (
        "Care agent",
        [
            "wecare",
            "wecare.customers",
            "wecare.mobile",
            "wecare.tickets",
            "wecrm",
            "wecrm.cases",
            "wecrm.outages",
            "wediag",
            "wediag.use",
            "weshop",
            "weshop.sell",
        ],
    ),
    "DISTRIBUTOR": ("Distributor", ["weshop", "weshop.sell"]),
    "WEB": ("Automatic web user", ["selfshop"]),
}

# code, name, password, profiles, channel, store
USERS = [
    ("admin", "Alice Administratrice", "admin-demo-2026", ["ADMIN"], "store", "HQ"),
    ("store1", "Samuel Tremblay", "store-demo-2026", ["STORE_AGENT"], "store", "MTL01"),
    ("manager1", "Marie Gagnon", "manager-demo-2026", ["STORE_MANAGER"], "store", "MTL01"),
    ("care1", "Chloé Roy", "care-demo-2026", ["CARE_AGENT"], "call_center", "CC01"),
    ("dist1", "Daniel Côté", "dist-demo-2026", ["DISTRIBUTOR"], "distributor", "DIST7"),
]


def seed(*, seed: int, customers: int, addresses: int, stdout) -> None:
    """Idempotent: profiles and users are upserted to exactly these values."""
    services.rights_sync()
    for code, (name, rights) in PROFILES.items():
        services.profile_upsert(code=code, name=name, right_codes=rights)
    services.staff_user_upsert(
        code="WEB",
        display_name="Weblys web",
        password=None,
        profile_codes=["WEB"],
        channel="web",
        is_default_web_user=True,
    )
    for code, name, password, profiles, channel, store in USERS:
        services.staff_user_upsert(
            code=code,
            display_name=name,
            password=password,
            profile_codes=profiles,
            channel=channel,
            store_code=store,
            email=f"{code}@cablys.example",
        )
    stdout.write(f"security: {len(PROFILES)} profiles, {len(USERS) + 1} users")
