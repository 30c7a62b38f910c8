"""The map of Demostad, declared once: every demo loader reads its places, names and accounts here.

Pure data, no database: the loaders (`network`, `frontdoor`, `cases`) turn it into rows, and
tests check the rows against it. Postcodes use the 99xx range (no real Dutch place), e-mail
addresses the reserved `.invalid` domain and the phone line the unassigned 0999 range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from ketenzorg.network.models import (
    Domain,
    GovernanceLevel,
    OrganisationKind,
    Role,
)

CITY_NAME = "Demostad"
EMAIL_DOMAIN = "demostad.invalid"
DEMO_PASSWORD = "demo-ketenzorg-2026"  # noqa: S105 - published on purpose: the demo's only login
DEMO_DEVICE_NAME = "demo"
FAMILY_COUNT = 300

PHONE_NAME = "OKé-telefoon"
PHONE_NUMBER = "(0999) 123 45 67"

# When professionals work, for demo moments that belong to no opening hours of their own.
WORKDAY_STARTS = time(8, 30)
WORKDAY_ENDS = time(17, 30)


@dataclass(frozen=True)
class WalkIn:
    """An inloopspreekuur in a health centre; slots are (weekday, "HH:MM" opens, "HH:MM" closes)."""

    health_centre: str
    street: str
    postcode: str
    slots: tuple[tuple[int, str, str], ...]

    @property
    def name(self) -> str:
        return f"Inloopspreekuur {self.health_centre.removeprefix('Gezondheidscentrum ')}"


@dataclass(frozen=True)
class Gebied:
    name: str
    postcode_prefixes: tuple[str, ...]
    walk_ins: tuple[WalkIn, ...] = ()


def _gebied(name: str, prefixes: str, *walk_ins: WalkIn) -> Gebied:
    return Gebied(name, tuple(prefixes.split(",")), walk_ins)


def _walk_in(centre: str, street: str, postcode: str, *slots: tuple[int, str, str]) -> WalkIn:
    return WalkIn(f"Gezondheidscentrum {centre}", street, postcode, slots)


MORNING, AFTERNOON = ("09:00", "11:00"), ("13:30", "15:30")

# Stadsdeel → its gebieden, each with its postcode prefixes and the walk-in hours held there.
STADSDELEN: dict[str, tuple[Gebied, ...]] = {
    "Centrum": (
        _gebied(
            "Stadshart",
            "9901,9902",
            _walk_in("Stadshart", "Marktplein 4", "9901 AC", (1, *MORNING), (3, *AFTERNOON)),
            _walk_in("Stationsplein", "Stationsplein 2", "9902 AP", (2, *MORNING)),
        ),
        _gebied(
            "Kolkwijk",
            "9903",
            _walk_in("De Kolk", "Kolkgracht 17", "9903 BK", (0, *AFTERNOON), (4, *MORNING)),
        ),
    ),
    "Haven": (
        _gebied(
            "Havenkwartier",
            "9911,9912",
            _walk_in("Havenkwartier", "Kadewerf 8", "9911 HK", (0, *MORNING), (2, *AFTERNOON)),
        ),
        _gebied(
            "Kustwijk",
            "9913",
            _walk_in("Kustwijk", "Duinlaan 33", "9913 KW", (1, *AFTERNOON), (4, *MORNING)),
        ),
        _gebied("Pierbuurt", "9914", _walk_in("De Pier", "Pierweg 5", "9914 PW", (3, *MORNING))),
    ),
    "Buiten": (
        _gebied(
            "Veldwijk",
            "9921,9922",
            _walk_in("Veldwijk", "Korenbloemstraat 21", "9921 VW", (1, *MORNING), (3, *MORNING)),
        ),
        _gebied("Akkerhof", "9923", _walk_in("Akkerhof", "Akkerhof 1", "9923 AH", (2, *AFTERNOON))),
    ),
    "Poort": (
        _gebied(
            "Poortwijk",
            "9931",
            _walk_in("Poortwijk", "Poortlaan 40", "9931 PL", (0, *MORNING), (3, *AFTERNOON)),
        ),
        _gebied(
            "Stationsbuurt",
            "9932",
            _walk_in("Stationsbuurt", "Spoorstraat 12", "9932 SB", (1, *AFTERNOON)),
        ),
        _gebied("Poortpark", "9933", _walk_in("Poortpark", "Parkrand 3", "9933 PP", (4, *MORNING))),
    ),
    "Hout": (
        _gebied(
            "Houtwijk",
            "9941,9942",
            _walk_in("Houtwijk", "Eikenlaan 9", "9941 EL", (0, *AFTERNOON), (2, *MORNING)),
        ),
        _gebied("Bosrand", "9943", _walk_in("Bosrand", "Bosrandweg 27", "9943 BR", (3, *MORNING))),
    ),
    "Noord": (
        _gebied(
            "Noorderplas",
            "9951",
            _walk_in("Noorderplas", "Plasweg 14", "9951 NP", (1, *MORNING), (4, *AFTERNOON)),
        ),
        _gebied(
            "Dijkzicht", "9952", _walk_in("Dijkzicht", "Dijkstraat 2", "9952 DZ", (2, *MORNING))
        ),
        _gebied("Noorderhof", "9953"),
    ),
}


def walk_ins() -> list[tuple[str, Gebied, WalkIn]]:
    """Every walk-in hour with its stadsdeel and gebied, in the map's order."""
    return [
        (stadsdeel, gebied, walk_in)
        for stadsdeel, gebieden in STADSDELEN.items()
        for gebied in gebieden
        for walk_in in gebied.walk_ins
    ]


_Z, _ON, _V, _W = Domain.ZORG, Domain.ONDERWIJS, Domain.VEILIGHEID, Domain.WELZIJN
_K = OrganisationKind


@dataclass(frozen=True)
class Org:
    key: str  # how accounts and staff refer to it
    name: str
    kind: str
    domains: tuple[str, ...]
    phone: str = ""


# The city-wide organisations; every stadsdeel also gets a gebiedsknooppunt (`gkp:<stadsdeel>`).
ORGANISATIONS: tuple[Org, ...] = (
    Org("gemeente", f"Gemeente {CITY_NAME}", _K.GEMEENTE, (_W,), "099-0000000"),
    Org("cjg", f"OKé-punt {CITY_NAME} (CJG)", _K.CJG, (_Z, _W), "099-0000100"),
    Org("jgz", f"JGZ {CITY_NAME}", _K.JGZ, (_Z,), "099-0000200"),
    Org("okt", f"Ouder- en Kindteams {CITY_NAME}", _K.OKT, (_Z, _W), "099-0000300"),
    Org("ggd", f"GGD {CITY_NAME}", _K.GGD, (_Z,)),
    Org("ggz", f"GGZ {CITY_NAME}", _K.GGZ, (_Z,)),
    Org("politie", f"Politie {CITY_NAME}", _K.POLITIE, (_V,)),
    Org("veilig_thuis", f"Veilig Thuis {CITY_NAME}", _K.VEILIG_THUIS, (_V, _Z), "099-0000400"),
    Org("welzijn", f"Welzijn {CITY_NAME}", _K.WELZIJN, (_W,)),
    Org("onderwijs:0", f"Stichting Openbaar Onderwijs {CITY_NAME}", _K.SCHOOL, (_ON,)),
    Org("onderwijs:1", f"Stichting Voorbeeldscholen {CITY_NAME}", _K.SCHOOL, (_ON,)),
    Org("kdv", f"Kinderopvang {CITY_NAME}", _K.KINDERDAGVERBLIJF, (_ON, _W)),
    Org("psz", f"Peuterwerk {CITY_NAME}", _K.PEUTERSPEELZAAL, (_ON, _W)),
    Org("aanbieder:0", "Jeugdhulp De Proefhaven", _K.JEUGDHULPAANBIEDER, (_Z,)),
    Org("aanbieder:1", "Stichting Voorbeeldzorg Jeugd", _K.JEUGDHULPAANBIEDER, (_Z,)),
    Org("aanbieder:2", "Gezinshuizen Het Testveld", _K.JEUGDHULPAANBIEDER, (_Z,)),
)
AANBIEDER_COUNT = sum(o.key.startswith("aanbieder:") for o in ORGANISATIONS)

# Every stadsdeel has a team of these organisations: (organisation key, team label).
STADSDEEL_TEAMS = (("jgz", "JGZ"), ("okt", "OKT"), ("cjg", "Opvoedadvies"))

EXPERTISE = (
    "OGGZ",
    "verslaving",
    "schulden",
    "echtscheiding",
    "autisme",
    "LVB",
    "huiselijk geweld",
    "kindermishandeling",
    "opvoedondersteuning",
    "jeugd-GGZ",
    "onderwijs en leerplicht",
    "zorg voor jonge kinderen",
    "radicalisering",
    "armoede",
)

GOVERNANCE = {
    GovernanceLevel.KERNGROEP: (
        "Kerngroep Jeugd",
        "directeuren van de partnerorganisaties",
        "Stelt de koers van het netwerk vast en besluit over middelen en samenwerkingsafspraken.",
    ),
    GovernanceLevel.ADVIESGROEP: (
        "Adviesgroep Jeugd",
        "middenmanagement van de partnerorganisaties",
        "Vertaalt de koers naar werkafspraken en signaleert knelpunten richting de kerngroep.",
    ),
    GovernanceLevel.WERKGROEP: (
        "Werkgroep OKé",
        "operationeel managers",
        "Bewaakt de uitvoering: zorgcoördinatie, opschaling en de samenwerking rond gezinnen.",
    ),
}


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    first_name: str
    last_name: str
    organisation: str  # an `Org.key`, or `gkp:<stadsdeel>`
    team_stadsdeel: str = ""  # the stadsdeel team they belong to, if any
    expertise: tuple[str, ...] = ()
    extra_roles: tuple[str, ...] = ()
    # The stadsdeel served without belonging to one of its teams (a GGZ meedenker doing the
    # OGGZ in Centrum): the werkproces counts them as "binnen team of stadsdeel" there.
    serves: str = ""


# One account per role, in the order of DOMAIN.md "Who uses it".
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        Role.OPVOEDADVISEUR,
        "opvoedadviseur",
        "Femke",
        "Proefhuizen",
        "cjg",
        "Centrum",
        ("opvoedondersteuning",),
    ),
    DemoAccount(Role.OKT, "okt", "Bas", "Voorbeeldstra", "okt", "Centrum", ("echtscheiding",)),
    DemoAccount(
        Role.JGZ, "jgz", "Iris", "Testveld", "jgz", "Centrum", ("zorg voor jonge kinderen",)
    ),
    DemoAccount(Role.ZORGCOORDINATOR, "zorgcoordinator", "Esther", "Demoberg", "jgz", "Centrum"),
    DemoAccount(Role.PROCESCOORDINATOR, "procescoordinator", "Jeroen", "Fictiedijk", "cjg"),
    DemoAccount(Role.BRANDPUNT, "brandpuntfunctionaris", "Mirjam", "van Oefenink", "gemeente"),
    DemoAccount(
        Role.MEEDENKER,
        "meedenker",
        "Hassan",
        "Schetsema",
        "ggz",
        "",
        ("OGGZ", "verslaving"),
        serves="Centrum",
    ),
    # Knows the aanvullende jeugdhulp of the stadsdeel; proposed for these questions.
    DemoAccount(
        Role.AJH_VERBINDER,
        "ajh_verbinder",
        "Sanne",
        "Verzinkamp",
        "gkp:Centrum",
        "",
        ("jeugd-GGZ", "LVB"),
    ),
    DemoAccount(
        Role.AANBIEDER,
        "aanbieder",
        "Wouter",
        "de Proefhorst",
        "aanbieder:0",
        "",
        ("autisme", "LVB"),
    ),
    DemoAccount(Role.MANAGER, "manager", "Karin", "Testhof", "gemeente"),
    DemoAccount(Role.BEHEERDER, "beheerder", "Niels", "Demobeek", "cjg"),
    DemoAccount(Role.PRIVACY, "privacy", "Judith", "van der Fictieman", "gemeente"),
    # Grants the roles that open client data; works in beheer, so holds that role too.
    DemoAccount(
        Role.AUTORISATIEBEHEERDER,
        "autorisatiebeheerder",
        "Ruud",
        "Proefkamp",
        "cjg",
        extra_roles=(Role.BEHEERDER,),
    ),
)


def account_for(role: str) -> DemoAccount:
    return next(a for a in ACCOUNTS if a.role == role)
