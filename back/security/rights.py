"""Every right Weblys knows: one per site, and one per module inside a site.

A staff user reaches a site with its site right (e.g. `wecare`) and each module with the module right
(e.g. `wecare.customers`). Menus in the front are built from these codes; the back checks them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RightDef:
    code: str
    label_en: str
    label_fr: str

    @property
    def site(self) -> str:
        return self.code.split(".", 1)[0]


RIGHTS: tuple[RightDef, ...] = (
    RightDef("selfshop", "SelfShop (public subscription)", "SelfShop (abonnement en ligne)"),
    RightDef("weshop", "WeShop", "WeShop"),
    RightDef("weshop.sell", "WeShop › Take orders", "WeShop › Prendre des commandes"),
    RightDef(
        "weshop.discount", "WeShop › Apply store-manager discounts", "WeShop › Appliquer les rabais gérant"
    ),
    RightDef("weshop.override", "WeShop › Override a blocking reason", "WeShop › Lever un motif de blocage"),
    RightDef("wecare", "WeCare", "WeCare"),
    RightDef("wecare.customers", "WeCare › Customers", "WeCare › Clients"),
    RightDef("wecare.mobile", "WeCare › Mobile transactions", "WeCare › Transactions mobiles"),
    RightDef("wecare.tickets", "WeCare › Tickets tracking", "WeCare › Suivi des billets"),
    RightDef("wecrm", "WeCRM", "WeCRM"),
    RightDef("wecrm.cases", "WeCRM › Cases", "WeCRM › Dossiers"),
    RightDef("wecrm.outages", "WeCRM › Outages", "WeCRM › Pannes"),
    RightDef("wecrm.reports", "WeCRM › Reports", "WeCRM › Rapports"),
    RightDef("wediag", "WeDiag", "WeDiag"),
    RightDef("wediag.use", "WeDiag › Use the trees", "WeDiag › Utiliser les arbres"),
    RightDef("wediag.manage", "WeDiag › Manage the trees", "WeDiag › Gérer les arbres"),
    RightDef("weconfig", "WeConfig", "WeConfig"),
    RightDef("weconfig.catalog", "WeConfig › Catalog", "WeConfig › Catalogue"),
    RightDef("weconfig.rules", "WeConfig › Rules", "WeConfig › Règles"),
    RightDef(
        "weconfig.params", "WeConfig › Code tables and settings", "WeConfig › Tables de codes et paramètres"
    ),
    RightDef("weconfig.security", "WeConfig › Users and rights", "WeConfig › Utilisateurs et droits"),
    RightDef(
        "weconfig.operations", "WeConfig › Logs, sites, caches, unlock", "WeConfig › Journaux, sites, caches"
    ),
)

RIGHT_CODES = frozenset(right.code for right in RIGHTS)
STAFF_SITES = ("weshop", "wecare", "wecrm", "wediag", "weconfig")

# The public customer sites act as the automatic default user, which holds only this right.
DEFAULT_WEB_RIGHTS = frozenset({"selfshop"})
