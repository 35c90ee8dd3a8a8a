"""The demo operator's reference codes, shared by every seeder so the databases agree.

Pro-Cable owns services, prices and codes; the embedded Pro-Cable is seeded from these tables, the
catalog imports them from the gateway, PARAM and RULES refer to the same codes. Prices are monthly
(rent) unless `one_time` is given. Labels are (English, French).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DOMAINS = {
    "TV": ("Television", "Télévision"),
    "INT": ("Internet", "Internet"),
    "TEL": ("Fixed phone", "Téléphonie fixe"),
    "MOB": ("Mobile", "Mobile"),
}
TECHNOLOGIES = {
    "HFC": ("Cable (HFC)", "Câble (HFC)"),
    "FTTH": ("Fibre (FTTH)", "Fibre (FTTH)"),
    "4G": ("Mobile 4G", "Mobile 4G"),
    "5G": ("Mobile 5G", "Mobile 5G"),
}


@dataclass(frozen=True)
class DemoService:
    code: str
    domain: str
    kind: str  # basic, option, equipment, fee, deposit
    label_en: str
    label_fr: str
    monthly: Decimal = Decimal("0.00")
    one_time: Decimal = Decimal("0.00")
    buy_price: Decimal | None = None  # equipment that can be bought instead of rented


S = DemoService
D = Decimal
SERVICES: tuple[DemoService, ...] = (
    # Basic services
    S("TVBAS", "TV", "basic", "Basic TV", "Télé de base", D("25.00")),
    S("TVPLUS", "TV", "basic", "TV Plus (120 channels)", "Télé Plus (120 chaînes)", D("45.00")),
    S("INT100", "INT", "basic", "Internet 100 Mbps", "Internet 100 Mb/s", D("55.00")),
    S("INT500", "INT", "basic", "Internet 500 Mbps", "Internet 500 Mb/s", D("75.00")),
    S("INT1G", "INT", "basic", "Internet 1 Gbps", "Internet 1 Gb/s", D("95.00")),
    S("TELRES", "TEL", "basic", "Home phone", "Téléphone résidentiel", D("25.00")),
    S("MOB10", "MOB", "basic", "Mobile 10 GB", "Mobile 10 Go", D("35.00")),
    S("MOBUNL", "MOB", "basic", "Mobile unlimited", "Mobile illimité", D("55.00")),
    # Options
    S("TVSPORT", "TV", "option", "Sports pack", "Forfait sports", D("12.00")),
    S("TVCINE", "TV", "option", "Cinema pack", "Forfait cinéma", D("15.00")),
    S(
        "TVPVR",
        "TV",
        "option",
        "Cloud recording (needs a 4K PVR terminal)",
        "Enregistrement (terminal 4K requis)",
        D("8.00"),
    ),
    S("INTIPFIX", "INT", "option", "Static IP address", "Adresse IP fixe", D("10.00")),
    S("INTSECU", "INT", "option", "Internet security suite", "Suite de sécurité Internet", D("5.00")),
    S("TELINTL", "TEL", "option", "International calling", "Appels internationaux", D("10.00")),
    S("TELVM", "TEL", "option", "Voicemail", "Messagerie vocale", D("3.00")),
    S("MOBROAM", "MOB", "option", "Roaming pass", "Passe itinérance", D("10.00")),
    # Equipment
    S("TERMHD", "TV", "equipment", "HD terminal", "Terminal HD", D("5.00"), buy_price=D("149.00")),
    S(
        "TERM4K",
        "TV",
        "equipment",
        "4K PVR terminal",
        "Terminal 4K enregistreur",
        D("10.00"),
        buy_price=D("299.00"),
    ),
    S("MODEM", "INT", "equipment", "Cable modem", "Modem câble", D("8.00"), buy_price=D("199.00")),
    S(
        "GWWIFI6",
        "INT",
        "equipment",
        "Wi-Fi 6 gateway",
        "Passerelle Wi-Fi 6",
        D("12.00"),
        buy_price=D("299.00"),
    ),
    S(
        "PHONEADPT",
        "TEL",
        "equipment",
        "Phone adapter",
        "Adaptateur téléphonique",
        D("3.00"),
        buy_price=D("59.00"),
    ),
    S("SIM", "MOB", "equipment", "SIM card", "Carte SIM", one_time=D("10.00"), buy_price=D("10.00")),
    # Fees and deposit
    S(
        "FEEINST",
        "INT",
        "fee",
        "Installation by a technician",
        "Installation par un technicien",
        one_time=D("49.00"),
    ),
    S("FEEACT", "INT", "fee", "Activation", "Activation", one_time=D("25.00")),
    S("FEESHIP", "INT", "fee", "Equipment shipping", "Expédition de l'équipement", one_time=D("15.00")),
    S("DEP100", "INT", "deposit", "Security deposit", "Dépôt de garantie", one_time=D("100.00")),
)
SERVICE_CODES = frozenset(service.code for service in SERVICES)

CUSTOMER_TYPES = {
    "RES": ("Residential", "Résidentiel"),
    "BUS": ("Business", "Affaires"),
    "EMP": ("Employee", "Employé"),
    "VIP": ("VIP", "VIP"),
}
GROUP_CODES = {
    "RG": ("Regular", "Régulier"),
    "EMP": ("Employees", "Employés"),
    "BUS": ("Business", "Affaires"),
}
CUSTOMER_STATUSES = ("active", "suspended", "cancelled")
SALE_TYPES = ("new", "upsell", "cross_sell")
CHANNELS = ("selfshop", "myshop", "store", "distributor", "door_to_door", "call_center", "partner")
CABLE_INSTALL_MODES = ("appointment", "shipment", "delivery", "none")
MOBILE_INSTALL_MODES = ("shipment", "delivery", "none")
PAYMENT_METHODS = ("bill", "pad", "card")

LETTER_CODES = {
    "LWELCOME": ("Welcome letter", "Lettre de bienvenue"),
    "LECONTRACT": ("Electronic contract", "Contrat électronique"),
    "LPAPERCONTRACT": ("Paper contract", "Contrat papier"),
    "LCHANGE": ("Confirmation of change", "Confirmation de modification"),
    "LPAD": ("Pre-authorised debit agreement", "Entente de prélèvement"),
    "LDEPOSIT": ("Security deposit notice", "Avis de dépôt de garantie"),
}
WORK_ORDER_CODES = {
    "WOINST": ("Installation with appointment", "Installation avec rendez-vous"),
    "WOSHIP": ("Equipment shipment", "Expédition d'équipement"),
    "WODELIV": ("Equipment delivery", "Livraison d'équipement"),
    "WOCHG": ("Service change", "Modification de services"),
    "WOCONTRACT": ("Contract", "Contrat"),
    "WOMOB": ("Mobile line activation", "Activation de ligne mobile"),
    "WOACT": ("Service activation", "Activation de service"),
    "WOEQ": ("Equipment assignment", "Attribution d'équipement"),
    "WOPORT": ("Number portability", "Portabilité du numéro"),
    "WORET": ("Equipment return", "Retour d'équipement"),
}
WORK_ORDER_STATUSES = {
    "PEND": ("Pending", "En attente"),
    "SCHED": ("Scheduled", "Planifié"),
    "HOLD": ("On hold until payment", "En attente de paiement"),
    "DONE": ("Completed", "Terminé"),
    "CANC": ("Cancelled", "Annulé"),
}
