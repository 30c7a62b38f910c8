"""The dashboard's figures: key, title, what is counted, which filters apply and how to draw it.

One list for the screens, the API and the figures themselves (`figures.py` takes its titles and
definitions from here), so the overview, a figure's page and its CSV never describe a figure
differently. The texts are Dutch msgids; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    key: str  # in the URL and the API; equals the computed Figure's key
    selector: str  # the name `signaal.selectors` computes it under
    title: str
    definition: str  # what is counted; the figure adds from when
    chart: str  # "pyramid" | "line" | "bars"
    period: bool = True  # takes the months from-to
    area: bool = True  # takes a node of the district tree
    fixed: dict = field(default_factory=dict)  # filters the entry sets itself


_CONTACTS = _(
    "Geregistreerde contactmomenten (inloopspreekuur, telefoon, online vraag) per maand van het "
    "moment zelf, per %(dimension)s; het gebied is dat van de locatie (telefoon en online: zonder "
    "gebied)."
)
CONTACT_TITLES = {
    "channel": _("kanaal"),
    "topic": _("onderwerp"),
    "age_group": _("leeftijdsgroep"),
    "outcome": _("uitkomst"),
    "location": _("locatie"),
}
CONTACT_HEADINGS = {
    "channel": _("Contactmomenten per kanaal per maand"),
    "topic": _("Contactmomenten per onderwerp per maand"),
    "age_group": _("Contactmomenten per leeftijdsgroep per maand"),
    "outcome": _("Contactmomenten per uitkomst per maand"),
    "location": _("Contactmomenten per locatie per maand"),
}
TOPIC_NOTE = _(
    "Een contactmoment met meer onderwerpen telt bij elk onderwerp. Een onderwerp met een "
    "uitroepteken stijgt ongewoon: de laatste maand is veel hoger dan het gemiddelde van de "
    "6 maanden ervoor (Poisson-toets, p < 0,01)."
)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "zorgniveaus",
        "zorgniveaus",
        _("Open casussen per zorgniveau"),
        _(
            "Casussen met status open op dit moment, per zorgniveau (1 t/m 5), naar het gebied van "
            "het gezin; vergeleken met de verwachte verdeling van de zorgpiramide (85 / 10 / 3,5 "
            "/ 1,47 / 0,03 %)."
        ),
        "pyramid",
        period=False,
    ),
    Entry(
        "zorgniveaus_per_maand",
        "zorgniveaus_per_maand",
        _("Open casussen per zorgniveau per maand"),
        _(
            "Per maand: casussen die op de laatste dag van de maand open waren, met het niveau "
            "dat ze toen hadden (de laatste niveauwijziging in de geschiedenis van de casus; een "
            "casus begint op niveau 1)."
        ),
        "line",
    ),
    *(
        Entry(
            f"contactmomenten_{dimension}",
            "contactmomenten",
            CONTACT_HEADINGS[dimension],
            _CONTACTS,
            "line",
            fixed={"dimension": dimension},
        )
        for dimension in ("channel", "topic", "age_group", "outcome", "location")
    ),
    Entry(
        "procesoverleg_termijn",
        "procesoverleg_termijn",
        _("Procesoverleg binnen 5 werkdagen na niveau 3"),
        _(
            "Per maand waarin een casus niveau 3 bereikte (de taak 'procesoverleg beleggen'): "
            "gehouden op of voor de termijn van 5 werkdagen (op_tijd), gehouden na de termijn "
            "(te_laat), nog niet gehouden en de termijn voorbij (over_termijn) of nog niet "
            "(binnen_termijn), vervallen bij afschalen (vervallen). Werkdagen: zonder weekend en "
            "nationale feestdagen."
        ),
        "line",
    ),
    Entry(
        "afspraken_op_tijd",
        "afspraken_op_tijd",
        _("Afspraken op tijd nagekomen, per organisatie"),
        _(
            "Afspraken met een uiterlijke datum in de periode, per verantwoordelijke organisatie: "
            "gedaan op of voor de datum (op_tijd), gedaan na de datum (te_laat_gedaan), open en "
            "over de datum (te_laat_open), open en nog niet over de datum (nog_open), geannuleerd."
        ),
        "bars",
        area=False,
    ),
    Entry(
        "stagnatiesignalen",
        "stagnatiesignalen",
        _("Stagnatiesignalen per maand"),
        _(
            "Stagnatiesignalen per maand waarin ze ontstonden, per soort (afspraak over de datum, "
            "overleg niet gehouden voor de termijn) en afloop (open, opgeschaald, afgehandeld "
            "zonder opschaling)."
        ),
        "line",
    ),
    Entry(
        "opschalingen",
        "opschalingen",
        _("Opschalingen naar niveau 4 en 5 per maand"),
        _(
            "Niveauwijzigingen van onder 4 naar 4 of 5, per maand waarin ze gebeurden, naar het "
            "gebied van het gezin."
        ),
        "line",
    ),
)
BY_KEY = {entry.key: entry for entry in ENTRIES}


def definition(entry: Entry) -> str:
    """The entry's definition as text, the contact dimension filled in."""
    if entry.definition is _CONTACTS:
        text = str(_CONTACTS) % {"dimension": CONTACT_TITLES[entry.fixed["dimension"]]}
        if entry.fixed["dimension"] == "topic":
            text += " " + str(TOPIC_NOTE)
        return text
    return str(entry.definition)


def get(key: str) -> Entry:
    if key not in BY_KEY:
        raise KeyError(key)
    return BY_KEY[key]
