"""Demo PARAM: the Pro-Cable code tables of the demo operator, from back/demo_codes.py."""

from __future__ import annotations

from back import demo_codes

from . import services

SALE_TYPE_LABELS = {
    "new": ("New customer", "Nouveau client"),
    "upsell": ("Upsell", "Vente incitative"),
    "cross_sell": ("Cross-sell", "Vente croisée"),
}
CHANNEL_LABELS = {
    "selfshop": ("SelfShop (online)", "SelfShop (en ligne)"),
    "myshop": ("MyShop (customer account)", "MyShop (compte client)"),
    "store": ("Store", "Boutique"),
    "distributor": ("Distributor", "Distributeur"),
    "door_to_door": ("Door-to-door sale", "Vente à domicile"),
    "call_center": ("Call centre", "Centre d'appels"),
    "partner": ("Partner", "Partenaire"),
}
CABLE_INSTALL_LABELS = {
    "appointment": (
        "Connection by a technician (appointment)",
        "Branchement par un technicien (rendez-vous)",
    ),
    "shipment": ("Equipment shipment", "Expédition de l'équipement"),
    "delivery": ("Equipment delivery", "Livraison de l'équipement"),
    "none": ("No installation", "Aucune installation"),
}
MOBILE_INSTALL_LABELS = {
    "shipment": ("SIM shipment", "Expédition de la carte SIM"),
    "delivery": ("SIM delivery", "Livraison de la carte SIM"),
    "none": ("No mobile installation", "Aucune installation mobile"),
}
PAYMENT_METHOD_LABELS = {
    "bill": ("On bill reception", "Sur réception de la facture"),
    "pad": ("Pre-authorised debit", "Prélèvement préautorisé"),
    "card": ("Credit card", "Carte de crédit"),
}

# table name → (English label, French label, {code: (label_en, label_fr)})
TABLES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "customer_type": ("Customer types", "Types de client", demo_codes.CUSTOMER_TYPES),
    "group_code": ("Customer group codes", "Codes de regroupement", demo_codes.GROUP_CODES),
    "sale_type": (
        "Sale types",
        "Types de vente",
        {code: SALE_TYPE_LABELS[code] for code in demo_codes.SALE_TYPES},
    ),
    "channel": (
        "Sales channels",
        "Canaux de vente",
        {code: CHANNEL_LABELS[code] for code in demo_codes.CHANNELS},
    ),
    "cable_install_mode": (
        "Installation modes (TV, Internet, phone)",
        "Modes d'installation (télé, Internet, téléphone)",
        {code: CABLE_INSTALL_LABELS[code] for code in demo_codes.CABLE_INSTALL_MODES},
    ),
    "mobile_install_mode": (
        "Installation modes (mobile)",
        "Modes d'installation (mobile)",
        {code: MOBILE_INSTALL_LABELS[code] for code in demo_codes.MOBILE_INSTALL_MODES},
    ),
    "payment_method": (
        "Monthly payment methods",
        "Modes de paiement mensuel",
        {code: PAYMENT_METHOD_LABELS[code] for code in demo_codes.PAYMENT_METHODS},
    ),
    "letter": ("Letter codes", "Codes de lettre", demo_codes.LETTER_CODES),
    "work_order": ("Work-order codes", "Codes de bon de travail", demo_codes.WORK_ORDER_CODES),
    "work_order_status": ("Work-order statuses", "Statuts de bon de travail", demo_codes.WORK_ORDER_STATUSES),
    "service": (
        "Service codes",
        "Codes de service",
        {service.code: (service.label_en, service.label_fr) for service in demo_codes.SERVICES},
    ),
}


def seed(*, seed: int, customers: int, addresses: int, stdout) -> None:
    """Idempotent: each table is imported with exactly the demo codes (every code visible)."""
    for name, (label_en, label_fr, codes) in TABLES.items():
        services.code_table_import(
            table=name,
            label_en=label_en,
            label_fr=label_fr,
            codes=[services.CodeInput(code, en, fr) for code, (en, fr) in codes.items()],
        )
    stdout.write(f"param: {len(TABLES)} code tables, {sum(len(t[2]) for t in TABLES.values())} codes")
