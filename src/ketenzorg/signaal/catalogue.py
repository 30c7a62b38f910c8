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
    rows_heading: str = ""  # what a row is, for a table of rows × columns ("bars")
    labels: dict = field(default_factory=dict)  # a column's key -> its label on screen


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
        rows_heading=_("Organisatie"),
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
_WAIT_LABELS = {
    "tot_1_week": _("binnen 1 week"),
    "1_tot_2_weken": _("1 tot 2 weken"),
    "2_tot_4_weken": _("2 tot 4 weken"),
    "4_tot_8_weken": _("4 tot 8 weken"),
    "8_weken_of_meer": _("8 weken of meer"),
}
_STEP_LABELS = {
    "verzonden_gematcht": _("verzonden → aanbieder gevonden"),
    "gematcht_doorgestuurd": _("aanbieder gevonden → doorgestuurd"),
    "doorgestuurd_geaccepteerd": _("doorgestuurd → geaccepteerd"),
    "geaccepteerd_eerste_contact": _("geaccepteerd → eerste contact"),
}
_STAGE_LABELS = {
    "verzonden": _("verzonden"),
    "matching": _("matching"),
    "gematcht": _("aanbieder gevonden"),
    "doorgestuurd": _("doorgestuurd"),
    "geaccepteerd": _("geaccepteerd"),
    "contact": _("eerste contact"),
    "in_zorg": _("hulp gestart"),
    "beeindigd": _("hulp beëindigd"),
    "ingetrokken": _("ingetrokken"),
}

# The referral chain (docs/verwijzing.md): where referrals stand and how long each step waits.
ENTRIES += (
    Entry(
        "verwijzingen_per_fase",
        "verwijzingen_per_fase",
        _("Verwijzingen per fase"),
        _(
            "Verwijzingen naar aanvullende jeugdhulp die nu in deze fase van de keten staan, naar "
            "het gebied van het gezin; een concept dat nog niet verzonden is telt niet mee."
        ),
        "bars",
        period=False,
        rows_heading=_("Gebied"),
        labels=_STAGE_LABELS,
    ),
    Entry(
        "wachttijd_per_stap",
        "wachttijd_per_stap",
        _("Wachttijd per stap van de verwijzing"),
        _(
            "Per stap van de keten (verzonden → aanbieder gevonden → doorgestuurd → geaccepteerd → "
            "eerste contact): hoeveel verwijzingen die stap zetten binnen 1 week, 1 tot 2 weken, "
            "2 tot 4 weken, 4 tot 8 weken of na 8 weken of meer (de verstreken tijd van het eerste "
            "moment van de ene stap tot het eerste moment van de volgende; 1 week is hoogstens "
            "7 × 24 uur), geteld in de maand "
            "waarin de stap klaar was. Een afwijzing en nieuwe match telt mee in de wachttijd."
        ),
        "bars",
        area=False,
        rows_heading=_("Stap"),
        labels={**_WAIT_LABELS, **_STEP_LABELS},
    ),
    Entry(
        "wachttijd_per_aanbieder",
        "wachttijd_per_aanbieder",
        _("Wachttijd tot eerste contact, per aanbieder"),
        _(
            "Per aanbieder: de tijd van het doorsturen naar deze aanbieder (het laatste doorsturen) "
            "tot het eerste contact van de aanbieder met het gezin, in dezelfde klassen als de "
            "wachttijd per stap, geteld in de maand van het eerste contact."
        ),
        "bars",
        area=False,
        rows_heading=_("Aanbieder"),
        labels=_WAIT_LABELS,
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
