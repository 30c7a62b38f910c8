"""The referral to aanvullende jeugdhulp as pure rules: who may take which step from which state,
and what a verwijsformat must hold before it may leave the professional's organisation.

No database here: services ask these functions with plain values, tests ask them directly. A
refusal is a Dutch msgid (translated where it is shown), never an exception.

The chain (DOMAIN.md "Verwijzen naar AJH"): the professional sends the verwijsformat to the
gebiedsknooppunt of the stadsdeel; an AJH-verbinder takes it, matches a provider and reports
back, then forwards it; the provider accepts (or declines: back to the gebiedsknooppunt for
another match), records the first contact with the family, the start of care and its end. The
professional may withdraw a referral until the provider has accepted it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

# --- states -------------------------------------------------------------------------------------
DRAFT = "concept"
SENT = "verzonden"  # in the gebiedsknooppunt's inbox, nobody has taken it yet
MATCHING = "matching"  # an AJH-verbinder is looking for a provider
MATCHED = "gematcht"  # reported back to the professional, not yet forwarded
FORWARDED = "doorgestuurd"  # waiting for the provider
ACCEPTED = "geaccepteerd"
CONTACTED = "contact"  # the provider contacted the family
IN_CARE = "in_zorg"
ENDED = "beeindigd"
WITHDRAWN = "ingetrokken"

STATES = (DRAFT, SENT, MATCHING, MATCHED, FORWARDED, ACCEPTED, CONTACTED, IN_CARE, ENDED, WITHDRAWN)
CLOSED = frozenset({ENDED, WITHDRAWN})
# From here on the provider works the referral: it may see it and its released documents.
WITH_PROVIDER = frozenset({FORWARDED, ACCEPTED, CONTACTED, IN_CARE, ENDED})
# The gebiedsknooppunt sees what was sent to it, for as long as the referral exists.
AT_GKP = frozenset(set(STATES) - {DRAFT})

# The columns of the gebiedsknooppunt's inbox (issue: new, matching, waiting for the provider,
# placed); a closed referral is in none of them but stays findable in the history.
INBOX_COLUMNS = {
    "nieuw": (SENT,),
    "matching": (MATCHING, MATCHED),
    "wacht_op_aanbieder": (FORWARDED,),
    "geplaatst": (ACCEPTED, CONTACTED, IN_CARE),
}

# --- actions and who takes them ------------------------------------------------------------------
SEND = "verzenden"
TAKE = "oppakken"
MATCH = "matchen"
FORWARD = "doorsturen"
ACCEPT = "accepteren"
DECLINE = "afwijzen"
FIRST_CONTACT = "eerste_contact"
START_CARE = "start_zorg"
END_CARE = "einde_zorg"
WITHDRAW = "intrekken"

ACTIONS = (
    SEND,
    TAKE,
    MATCH,
    FORWARD,
    ACCEPT,
    DECLINE,
    FIRST_CONTACT,
    START_CARE,
    END_CARE,
    WITHDRAW,
)

PROFESSIONAL = "professional"  # who works the case
VERBINDER = "verbinder"  # an AJH-verbinder of the referral's stadsdeel
PROVIDER = "aanbieder"  # the staff of the provider it was forwarded to

# (state, action) -> (next state, party). Anything not here is refused.
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (DRAFT, SEND): (SENT, PROFESSIONAL),
    (SENT, TAKE): (MATCHING, VERBINDER),
    (SENT, MATCH): (MATCHED, VERBINDER),
    (MATCHING, MATCH): (MATCHED, VERBINDER),
    # A better match found before forwarding: reported back again.
    (MATCHED, MATCH): (MATCHED, VERBINDER),
    (MATCHED, FORWARD): (FORWARDED, VERBINDER),
    (FORWARDED, ACCEPT): (ACCEPTED, PROVIDER),
    # A decline goes back to the gebiedsknooppunt for another match.
    (FORWARDED, DECLINE): (MATCHING, PROVIDER),
    (ACCEPTED, FIRST_CONTACT): (CONTACTED, PROVIDER),
    (CONTACTED, START_CARE): (IN_CARE, PROVIDER),
    (IN_CARE, END_CARE): (ENDED, PROVIDER),
    **{
        (state, WITHDRAW): (WITHDRAWN, PROFESSIONAL)
        for state in (DRAFT, SENT, MATCHING, MATCHED, FORWARDED)
    },
}
NEEDS_REASON = frozenset({DECLINE, WITHDRAW, END_CARE})

NOT_ALLOWED = gettext_noop("Deze stap kan niet vanuit de huidige status van de verwijzing.")
WRONG_PARTY = gettext_noop("Deze stap is niet aan u: een andere partij in de keten zet hem.")
NEEDS_REASON_MESSAGE = gettext_noop("Schrijf de reden op.")
STALE = gettext_noop(
    "De verwijzing is intussen door iemand anders gewijzigd. Bekijk de nieuwe stand en probeer "
    "het opnieuw."
)


@dataclass(frozen=True)
class Step:
    to: str
    party: str


def step(state: str, action: str, *, party: str, reason: str = "") -> Step | str:
    """The next state for `action` taken by `party`, or the refusal (a msgid)."""
    found = TRANSITIONS.get((state, action))
    if found is None:
        return NOT_ALLOWED
    to, allowed_party = found
    if party != allowed_party:
        return WRONG_PARTY
    if action in NEEDS_REASON and not reason.strip():
        return NEEDS_REASON_MESSAGE
    return Step(to=to, party=allowed_party)


def actions_for(state: str, party: str) -> list[str]:
    """What this party can do now, in the chain's order (for the buttons on a page)."""
    return [a for a in ACTIONS if TRANSITIONS.get((state, a), (None, None))[1] == party]


def replay(events: list[tuple[str, str]]) -> str:
    """The state after these (action, party) events from a draft: the history is the truth."""
    state = DRAFT
    for action, party in events:
        found = step(state, action, party=party, reason="replay")
        if isinstance(found, str):
            raise ValueError(f"{action} by {party} not allowed from {state}")
        state = found.to
    return state


# --- the times between the steps (for the signal function) ---------------------------------------
MILESTONES = (
    ("sent_at", SEND),
    ("matched_at", MATCH),
    ("forwarded_at", FORWARD),
    ("accepted_at", ACCEPT),
    ("first_contact_at", FIRST_CONTACT),
)


def milestone_field(action: str) -> str | None:
    """The referral's time field an action sets the first time it happens (a re-match after a
    decline does not move the first match: the signal function measures the first pass and
    counts the declines apart)."""
    return dict((a, f) for f, a in MILESTONES).get(action)


# --- the verwijsformat ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FormField:
    key: str
    label: str  # a msgid
    required: bool
    multiline: bool = False


# The aanmelddocument in the order a reader at the gebiedsknooppunt and the provider reads it.
# Filled from the dossier where it is known (`verwijzing.prefill`); the professional completes it.
FORM_FIELDS = (
    FormField("child_name", gettext_noop("Naam van de jeugdige"), True),
    FormField("child_birthdate", gettext_noop("Geboortedatum"), True),
    FormField("child_bsn", gettext_noop("BSN"), True),
    FormField("address", gettext_noop("Postcode en huisnummer"), True),
    FormField("parents", gettext_noop("Ouders en gezag"), True, multiline=True),
    FormField("family_contact", gettext_noop("Contact met het gezin (telefoon, taal)"), True),
    FormField("referrer", gettext_noop("Verwijzer (naam, organisatie, telefoon)"), True),
    FormField("professionals", gettext_noop("Betrokken professionals"), False, multiline=True),
    FormField("question", gettext_noop("Hulpvraag in de woorden van het gezin"), True, True),
    FormField("analysis", gettext_noop("Analyse over de levensdomeinen"), True, True),
    FormField("results", gettext_noop("Resultaten die de hulp moet bereiken"), True, True),
    FormField("earlier_help", gettext_noop("Eerder ingezette hulp en wat die opleverde"), True, True),
    FormField("ajh_decision", gettext_noop("Besluit tot aanvullende jeugdhulp (met wie, wanneer)"), True, True),
    FormField("gkp_advice", gettext_noop("Advies van het GKP-overleg"), False, True),
    FormField("safety", gettext_noop("Zorgen over veiligheid en wat daarover is afgesproken"), True, True),
    FormField("urgency", gettext_noop("Urgentie (regulier of spoed, en waarom)"), True),
    FormField("provision", gettext_noop("Voorziening (categorie, omvang, periode)"), True),
    FormField("wishes", gettext_noop("Wensen van het gezin voor de aanbieder"), False, True),
    FormField("consents", gettext_noop("Toestemming van het gezin"), True, True),
)  # fmt: skip
FORM_KEYS = tuple(f.key for f in FORM_FIELDS)
# Written from the consent registry when the referral is sent, never by hand.
FROM_REGISTRY = frozenset({"consents"})
EDITABLE_KEYS = tuple(k for k in FORM_KEYS if k not in FROM_REGISTRY)
MAX_FIELD = 5000


def missing_fields(form: dict) -> list[FormField]:
    """The required fields still empty: a referral with any of these is not sent."""
    return [f for f in FORM_FIELDS if f.required and not str(form.get(f.key) or "").strip()]


# What a sent verwijsformat shares of the dossier: the consent for purpose "verwijzing" must
# cover these parts for the gebiedsknooppunt, and again for the provider it is forwarded to.
SHARED_PARTS = ("personalia", "plan", "werkproces")

# --- the perspectiefplan -------------------------------------------------------------------------
PLAN_INCOMPLETE = gettext_noop(
    "Een perspectiefplan wordt pas definitief met de hulpvraag, een analyse en minstens één "
    "afspraak met het resultaat dat de hulp moet bereiken."
)
PLAN_NEEDS_AGREEMENT = gettext_noop(
    "Leg vast wanneer het gezin met het plan heeft ingestemd voordat u het definitief maakt."
)


def plan_complete(family_question: str, analysis: list, agreements: list) -> bool:
    """Definitive needs all three parts: the question, an analysis, an agreement with results."""
    has_analysis = any(
        any(str(text).strip() for text in (row.get("domains") or {}).values()) for row in analysis
    )
    has_results = any(str(a.get("results") or "").strip() for a in agreements)
    return bool(family_question.strip()) and has_analysis and has_results


# --- the voorziening -----------------------------------------------------------------------------
PERIOD_REVERSED = gettext_noop("De einddatum ligt voor de begindatum.")
PERIOD_TOO_LONG = gettext_noop("Een voorziening duurt hoogstens een jaar; verleng met een nieuwe.")
MAX_PROVISION_DAYS = 366


def period_problem(starts_on, ends_on) -> str | None:
    if ends_on < starts_on:
        return PERIOD_REVERSED
    if (ends_on - starts_on).days > MAX_PROVISION_DAYS:
        return PERIOD_TOO_LONG
    return None
