"""Demostad's catalogue (aanbod op maat): a few hundred programmes of the demo network's providers.

Written from templates: each template is a kind of programme offered once for the city, once per
stadsdeel or once per gebied, by a provider of the demo network or by one of the fictional
welfare providers made here. Waiting times and their confirmation dates are drawn with a fixed
seed, so a tenth is out of date on purpose (the professionals' view shows that). Idempotent: the
catalogue is made only when there is none.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.aanbod.models import AccessRoute, Audience, Programme, ProgrammeStatus, Topic
from ketenzorg.aanbod.services import search_columns
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.network.models import District, DistrictKind, Domain, Organisation, OrganisationKind
from ketenzorg.synthetic.demo import city

RANDOM_SEED = 1414
_P, _Y, _F = Audience.PARENTS, Audience.YOUTH, Audience.FAMILY
_OPEN, _TEAM, _REF = AccessRoute.OPEN, AccessRoute.VIA_TEAM, AccessRoute.REFERRAL

# Fictional providers of the catalogue beside the demo network's own (key → name, kind).
PROVIDERS = {
    "welzijn:speel": ("Speel- en Buurtwerk De Proefkamer", OrganisationKind.WELZIJN),
    "welzijn:slaap": ("Stichting Slaapwel Demostad", OrganisationKind.WELZIJN),
    "welzijn:sport": ("Sportief Opgroeien Demostad", OrganisationKind.WELZIJN),
    "welzijn:huiswerk": ("Huiswerkklas Testlaan", OrganisationKind.WELZIJN),
    "welzijn:mantel": ("Steunpunt Jonge Mantelzorgers Voorbeeldstad", OrganisationKind.WELZIJN),
}


@dataclass(frozen=True)
class Template:
    name: str  # "{area}" is the stadsdeel or gebied; city-wide templates have none
    description: str
    topics: tuple[str, ...]
    ages: tuple[int, int]
    audience: str
    access: str
    provider: str  # a key of city.ORGANISATIONS or PROVIDERS
    scope: str  # "stad", "stadsdeel" or "gebied"
    schedule: str = ""
    costs: str = "gratis"
    ijw: str = ""
    capacity: str = ""


T = Template
# fmt: off
TEMPLATES: tuple[Template, ...] = (
    # --- slapen, huilen, eten: the youngest -------------------------------------------------
    T("Slaapspreekuur {area}", "Slaapt uw baby of peuter slecht, wordt uw kind 's nachts vaak wakker of is bedtijd elke avond een strijd? Op het slaapspreekuur bespreekt een jeugdverpleegkundige met u wat helpt bij slaapproblemen, en maakt u samen een plan voor rustige nachten.",
      ("Slapen", "Huilen en troosten"), (0, 4), _P, _OPEN, "jgz", "stadsdeel", "elke woensdagochtend, 9.00–11.30 uur", capacity="12 gesprekken per week"),
    T("Rustig slapen: cursus voor ouders van peuters", "Vier avonden over slapen voor ouders van kinderen van 1 tot 4 jaar: vaste ritmes, een rustig bedritueel, doorslapen en wat u doet als uw kind 's nachts bij u in bed wil. Met andere ouders en een pedagoog van Slaapwel.",
      ("Slapen",), (1, 4), _P, _OPEN, "welzijn:slaap", "stadsdeel", "vier dinsdagavonden per kwartaal", "€ 10 voor de hele cursus; gratis met de Stadspas", capacity="14 ouders per groep"),
    T("Slaapcoaching thuis", "Als slaapproblemen blijven, komt een slaapcoach bij u thuis. Samen kijkt u naar de avond en de nacht van uw kind en oefent u stap voor stap met slapen en doorslapen.",
      ("Slapen",), (0, 12), _F, _TEAM, "welzijn:slaap", "stad", "op afspraak, ook 's avonds", capacity="20 gezinnen tegelijk"),
    T("Huilbaby-spreekuur {area}", "Huilt uw baby veel en weet u niet meer wat u kunt doen? Een jeugdverpleegkundige luistert, kijkt met u naar voeding, slapen en prikkels, en geeft tips om uw baby en uzelf tot rust te laten komen.",
      ("Huilen en troosten", "Slapen"), (0, 1), _P, _OPEN, "jgz", "stadsdeel", "maandag en donderdag, 13.30–15.30 uur"),
    T("Borstvoedingscafé {area}", "Elke twee weken koffie en thee met andere moeders en een lactatiekundige: over borstvoeding, flesvoeding en het eten en drinken van uw baby.",
      ("Eten en drinken",), (0, 1), _P, _OPEN, "jgz", "gebied", "om de week op vrijdagochtend"),
    T("Peuter eet niet? Spreekuur eten en drinken", "Een diëtist en een jeugdverpleegkundige helpen als eten aan tafel een strijd wordt: weinig eten, kieskeurig eten, snoepen of eetproblemen.",
      ("Eten en drinken",), (1, 6), _P, _OPEN, "jgz", "stad", "op afspraak"),
    T("Zindelijkheidstraining in kleine groepjes", "Voor ouders van kinderen die nog niet zindelijk zijn, of 's nachts bedplassen: uitleg, oefeningen en een plasschema voor thuis.",
      ("Zindelijkheid",), (2, 7), _P, _OPEN, "jgz", "stadsdeel", "drie woensdagmiddagen"),
    # --- opvoeden -------------------------------------------------------------------------------
    T("Positief Opvoeden in {area}", "Een cursus opvoeding voor ouders die meer plezier en minder ruzie willen: grenzen stellen, belonen en duidelijke regels. Acht bijeenkomsten met een opvoedadviseur.",
      ("Grenzen stellen", "Driftbuien en boosheid"), (2, 12), _P, _OPEN, "cjg", "stadsdeel", "acht donderdagochtenden", capacity="12 ouders per groep"),
    T("Opvoedspreekuur {area}", "Loop binnen met elke vraag over opvoeden en opgroeien: driftbuien, luisteren, slapen, eten of zorgen over de ontwikkeling van uw kind. Zonder afspraak en zonder naam.",
      ("Grenzen stellen", "Ontwikkeling en gedrag", "Slapen"), (0, 18), _P, _OPEN, "cjg", "gebied", "zie de tijden van het inloopspreekuur"),
    T("Driftbuien de baas", "Een korte training voor ouders van peuters en kleuters met veel driftbuien en boosheid: wat gebeurt er in uw kind, en hoe blijft u zelf rustig?",
      ("Driftbuien en boosheid",), (2, 6), _P, _OPEN, "cjg", "stadsdeel", "vier maandagavonden"),
    T("Samen opvoeden na een scheiding", "Voor gescheiden ouders die samen goed willen blijven zorgen voor hun kinderen: afspraken maken over omgang, communicatie en een nieuwe partner.",
      ("Scheiding en samengestelde gezinnen", "Opvoeden samen"), (0, 18), _P, _OPEN, "welzijn", "stad", "zes avonden per half jaar", "€ 25 per ouder"),
    T("Kinderen uit de knel", "Een groepsprogramma voor ouders in een vechtscheiding én hun kinderen, in aparte groepen, om het conflict te laten zakken.",
      ("Scheiding en samengestelde gezinnen",), (4, 18), _F, _TEAM, "okt", "stad", "acht weken, woensdagavond", capacity="8 gezinnen per groep"),
    T("Vaders in Beeld", "Een groep voor vaders over opvoeden, spelen, grenzen stellen en vader zijn. Met een vader-coach uit de wijk.",
      ("Opvoeden samen", "Grenzen stellen"), (0, 12), _P, _OPEN, "welzijn", "stadsdeel", "om de week op zaterdagochtend"),
    T("Opvoedondersteuning thuis (Home-Start)", "Een getrainde vrijwilliger komt een dagdeel per week bij u thuis: een luisterend oor en praktische steun bij de opvoeding, voor gezinnen met jonge kinderen.",
      ("Opvoeden samen", "Geldzorgen en stress thuis"), (0, 6), _F, _OPEN, "welzijn", "stad", "een dagdeel per week, een jaar lang", capacity="30 gezinnen"),
    T("Video-hometraining", "Een hulpverlener filmt korte momenten thuis en bekijkt die samen met u: wat gaat er goed in het contact met uw kind, en wat kan anders?",
      ("Ontwikkeling en gedrag", "Opvoeden samen"), (0, 12), _F, _TEAM, "okt", "stad", "op afspraak"),
    T("Moedergroep {area}", "Een wekelijkse groep voor moeders met een baby of peuter: ervaringen delen over slapen, huilen, eten en moe zijn, met een kraamverzorgende uit de buurt.",
      ("Slapen", "Huilen en troosten", "Eten en drinken"), (0, 3), _P, _OPEN, "welzijn:speel", "gebied", "dinsdagochtend 10.00–11.30 uur"),
    T("Buurtgezinnen {area}", "Een steungezin uit de buurt ontlast uw gezin: uw kind speelt of logeert er af en toe, zodat u even op adem kunt komen.",
      ("Geldzorgen en stress thuis", "Opvoeden samen"), (0, 14), _F, _OPEN, "welzijn", "gebied", "in overleg, een dagdeel per week of een weekend per maand"),
    # --- ontwikkeling, taal, school ------------------------------------------------------------
    T("Peuterpraat {area}", "Speelgroep voor peuters met een taalachterstand en hun ouders: samen voorlezen, zingen en spelen voor de taalontwikkeling.",
      ("Ontwikkeling en gedrag",), (2, 4), _F, _OPEN, "psz", "gebied", "dinsdag- en donderdagochtend", capacity="16 peuters"),
    T("VoorleesExpress {area}", "Twintig weken lang komt een vrijwillige voorlezer wekelijks bij u thuis voorlezen, en laat zien hoe u zelf het lezen met uw kind leuk maakt.",
      ("School en leren", "Ontwikkeling en gedrag"), (2, 8), _F, _OPEN, "welzijn:speel", "stadsdeel", "wekelijks een uur, twintig weken"),
    T("Huiswerkklas {area}", "Rustig huiswerk maken na school, met hulp van vrijwilligers en studenten. Ook voor leren plannen en voorbereiden op toetsen.",
      ("School en leren",), (9, 16), _Y, _OPEN, "welzijn:huiswerk", "stadsdeel", "maandag t/m donderdag, 15.30–17.30 uur", "€ 5 per maand"),
    T("Thuiszitters-team", "Voor jongeren die (bijna) niet meer naar school gaan: samen met school, leerplicht en ouders zoeken naar een weg terug naar leren.",
      ("School en leren", "Angst en piekeren"), (6, 18), _F, _TEAM, "okt", "stad", "op afspraak"),
    T("Faalangsttraining", "Een training in kleine groepjes voor kinderen met faalangst of spanning bij toetsen: ontspannen, helpende gedachten en oefenen.",
      ("Angst en piekeren", "School en leren"), (9, 14), _Y, _OPEN, "ggd", "stadsdeel", "zes woensdagmiddagen"),
    T("Dyslexiezorg (EED)", "Onderzoek en behandeling van ernstige enkelvoudige dyslexie, na aanmelding door school.",
      ("School en leren",), (7, 13), _Y, _REF, "aanbieder:1", "stad", "op afspraak", "vergoed via de gemeente", "55"),
    # --- pesten, weerbaarheid, vrije tijd, media ------------------------------------------------
    T("Weerbaarheidstraining Rots en Water {area}", "Een training voor kinderen die gepest worden of zelf pesten: voor jezelf opkomen, grenzen aangeven en samenwerken.",
      ("Pesten", "Vrienden en vrije tijd"), (8, 14), _Y, _OPEN, "welzijn:sport", "stadsdeel", "tien lessen op vrijdagmiddag"),
    T("Sportmaatje {area}", "Een vrijwilliger gaat een jaar lang elke week met je sporten of iets leuks doen. Voor kinderen die moeilijk aansluiting vinden.",
      ("Vrienden en vrije tijd",), (6, 16), _Y, _OPEN, "welzijn:sport", "gebied", "wekelijks, in overleg"),
    T("Speelochtend {area}", "Vrij spelen voor ouders met kinderen tot 4 jaar, met koffie en andere ouders uit de buurt. Een pedagogisch medewerker is erbij voor vragen.",
      ("Ontwikkeling en gedrag", "Vrienden en vrije tijd"), (0, 4), _F, _OPEN, "welzijn:speel", "gebied", "vrijdagochtend 9.30–11.30 uur"),
    T("Game-wijs: ouderavond over gamen en schermtijd", "Een avond voor ouders over gamen, sociale media en schermtijd: wat is normaal, wanneer wordt het te veel, en hoe maakt u afspraken?",
      ("Media en gamen",), (8, 18), _P, _OPEN, "ggd", "stad", "elke eerste dinsdag van de maand"),
    T("Jongerenwerk {area}", "Een plek om te chillen, te sporten en mee te doen aan activiteiten, met jongerenwerkers die je kunt aanspreken als er iets is.",
      ("Vrienden en vrije tijd", "Puberteit"), (12, 23), _Y, _OPEN, "welzijn", "stadsdeel", "woensdag t/m zaterdag vanaf 14.00 uur"),
    # --- pubers, middelen, relaties --------------------------------------------------------------
    T("Puberteit: ouderbijeenkomsten", "Drie avonden voor ouders van pubers: losmaken, ruzie, luisteren en in gesprek blijven met uw tiener.",
      ("Puberteit",), (11, 18), _P, _OPEN, "cjg", "stadsdeel", "drie avonden per half jaar"),
    T("Spreekuur alcohol en drugs voor ouders", "Maakt u zich zorgen over alcohol, roken, drugs of gamen van uw kind? Een preventiewerker denkt vertrouwelijk met u mee.",
      ("Alcohol, roken en drugs", "Media en gamen"), (12, 23), _P, _OPEN, "ggd", "stad", "donderdagmiddag op afspraak"),
    T("Jongerenspreekuur seksualiteit en relaties", "Vragen over verliefdheid, seks, anticonceptie of je grenzen? Anoniem en gratis praten met een jeugdarts of jeugdverpleegkundige.",
      ("Relaties en seksualiteit",), (12, 23), _Y, _OPEN, "ggd", "stad", "woensdagmiddag, zonder afspraak"),
    T("Ik-Ben-Ik: groep voor jongeren met somberheid", "Een groep voor jongeren die vaak somber zijn, piekeren of angstig zijn: leren wat helpt, met leeftijdgenoten.",
      ("Angst en piekeren",), (12, 18), _Y, _TEAM, "ggz", "stad", "acht weken op maandagmiddag"),
    # --- gezin onder druk ------------------------------------------------------------------------
    T("Geldzorgen? Spreekuur geld en gezin {area}", "Hulp bij rekeningen, schulden, toeslagen en een budgetplan, zodat er thuis weer ruimte komt voor de kinderen.",
      ("Geldzorgen en stress thuis",), (0, 23), _P, _OPEN, "gemeente", "stadsdeel", "dinsdag 13.00–16.00 uur"),
    T("Steunpunt jonge mantelzorgers", "Voor kinderen en jongeren die thuis zorgen voor een ziek familielid: even ontspannen, lotgenoten ontmoeten en iemand om mee te praten.",
      ("Geldzorgen en stress thuis", "Rouw en verlies"), (8, 23), _Y, _OPEN, "welzijn:mantel", "stad", "maandelijkse activiteiten"),
    T("Rouwgroep voor kinderen", "Een groep voor kinderen die iemand verloren hebben: praten, tekenen en herinneringen delen, met een rouwbegeleider.",
      ("Rouw en verlies",), (6, 12), _Y, _OPEN, "welzijn", "stad", "zes zaterdagochtenden"),
    T("Broertjes en zusjes: brussengroep", "Voor broers en zussen van kinderen met een beperking of ziekte: samen spelen en praten over hoe het voor jou is.",
      ("Broers en zussen",), (6, 12), _Y, _OPEN, "welzijn", "stad", "vijf woensdagmiddagen"),
    T("Advies en Meldpunt Veilig Thuis", "Zorgen over geweld of onveiligheid in een gezin? Bel voor advies of een melding, dag en nacht. Ook als u twijfelt.",
      ("Veiligheid thuis",), (0, 23), _F, _OPEN, "veilig_thuis", "stad", "24 uur per dag bereikbaar"),
    # --- aanvullende jeugdhulp -------------------------------------------------------------------
    T("Ambulante gezinsbegeleiding", "Een gezinsbegeleider komt een aantal maanden bij u thuis en werkt met het hele gezin aan opvoeding, structuur en de doelen uit het plan.",
      ("Opvoeden samen", "Ontwikkeling en gedrag"), (0, 18), _F, _REF, "aanbieder:0", "stadsdeel", "1 tot 3 keer per week", "vergoed via de gemeente", "45", "25 gezinnen"),
    T("Jeugd-GGZ: behandeling bij angst en depressie", "Diagnostiek en behandeling door een gz-psycholoog of kinderpsychiater bij angst, depressie, trauma of ernstige slaapproblemen.",
      ("Angst en piekeren", "Slapen"), (4, 18), _Y, _REF, "ggz", "stad", "op afspraak", "vergoed via de gemeente", "54", "60 trajecten"),
    T("Jeugd-GGZ voor jonge kinderen (0–6)", "Behandeling voor jonge kinderen met ernstige regulatieproblemen: extreem huilen, slaapproblemen, eetproblemen of gehechtheidsproblemen, samen met de ouders.",
      ("Huilen en troosten", "Slapen", "Eten en drinken"), (0, 6), _F, _REF, "ggz", "stad", "op afspraak", "vergoed via de gemeente", "54"),
    T("Dagbehandeling jonge kind", "Een behandelgroep voor jonge kinderen met een stagnerende ontwikkeling of ernstige gedragsproblemen, met begeleiding van ouders thuis.",
      ("Ontwikkeling en gedrag",), (2, 7), _F, _REF, "aanbieder:1", "stad", "twee tot vijf dagdelen per week", "vergoed via de gemeente", "41"),
    T("Gezinshuis", "Een kind woont tijdelijk of langer in een gezinshuis: een gezin met een professionele gezinshuisouder, zo thuis mogelijk.",
      ("Veiligheid thuis",), (0, 18), _Y, _REF, "aanbieder:2", "stad", "", "vergoed via de gemeente", "44", "12 plaatsen"),
    T("Crisisinterventie thuis", "Bij een acute crisis in het gezin komt binnen 24 uur een team dat vier tot zes weken intensief helpt om het thuis weer veilig en werkbaar te maken.",
      ("Veiligheid thuis", "Geldzorgen en stress thuis"), (0, 18), _F, _REF, "aanbieder:0", "stad", "binnen 24 uur, 7 dagen per week", "vergoed via de gemeente", "46"),
    T("Intensieve ambulante gezinsbehandeling", "Voor gezinnen met meervoudige problemen: een behandelaar werkt maanden intensief met ouders en kinderen, thuis en op school.",
      ("Ontwikkeling en gedrag", "Opvoeden samen"), (4, 18), _F, _REF, "aanbieder:1", "stadsdeel", "tot 8 uur per week", "vergoed via de gemeente", "45"),
    T("Logeeropvang voor kinderen met een beperking", "Een weekend per maand logeren, zodat ouders even op adem kunnen komen.",
      ("Ontwikkeling en gedrag",), (4, 18), _Y, _REF, "aanbieder:2", "stad", "een weekend per maand", "vergoed via de gemeente", "44", "10 plaatsen"),
)
# fmt: on


def _providers() -> dict[str, Organisation]:
    by_name = {o.name: o for o in Organisation.objects.all()}
    found = {org.key: by_name[org.name] for org in city.ORGANISATIONS if org.name in by_name}
    for key, (name, kind) in PROVIDERS.items():
        found[key], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "domains": [Domain.WELZIJN]}
        )
    return found


def _areas(scope: str) -> list[tuple[str, list[District]]]:
    if scope == "stad":
        return [("", [])]
    kind = DistrictKind.STADSDEEL if scope == "stadsdeel" else DistrictKind.GEBIED
    return [(d.name, [d]) for d in District.objects.filter(kind=kind).order_by("name")]


def _programme(
    rng, template, area, districts, provider, topics, today
) -> tuple[Programme, list, list]:
    if not area:
        name = template.name
    elif "{area}" in template.name:
        name = template.name.format(area=area)
    else:
        name = f"{template.name} ({area})"
    weeks = rng.choice([0, 0, 1, 2, 3, 4, 6, 8, 12]) if template.access != _OPEN else None
    # Nine in ten confirmed within the last two months; the rest long ago (shown out of date).
    confirmed = None
    if weeks is not None:
        days = rng.randint(1, 60) if rng.random() < 0.9 else rng.randint(120, 300)
        confirmed = today - timedelta(days=days)
    where = f"{area}, " if area else ""
    topic_objects = [topics[t] for t in template.topics if t in topics]
    programme = Programme(
        provider=provider, name=name, description=template.description, audience=template.audience,
        min_age=template.ages[0], max_age=template.ages[1], access_route=template.access,
        location=f"{where}{provider.name}", schedule=template.schedule, costs=template.costs,
        languages=rng.choice(["Nederlands", "Nederlands, Engels", "Nederlands, Arabisch, Turks",
                              "Nederlands, Engels, Pools"]),
        contact_phone=provider.phone or "099-0000900",
        contact_email=f"aanbod@{provider.name.lower().replace(' ', '-').replace('é', 'e')[:40]}.{city.EMAIL_DOMAIN}",
        waiting_weeks=weeks, waiting_confirmed_on=confirmed, capacity=template.capacity,
        internal_contact=f"Intake {provider.name}, {provider.phone or '099-0000900'}",
        internal_notes="Aanmelden kan ook via de AJH-verbinder." if template.access == _REF else "",
        ijw_category=template.ijw, status=ProgrammeStatus.PUBLISHED,
        **search_columns(name=name, description=template.description,
                         topic_names=[t.name for t in topic_objects], provider_name=provider.name,
                         location=f"{where}{provider.name}"),
    )  # fmt: skip
    return programme, topic_objects, districts


def load_demo(*, stdout=None) -> dict:
    """Make Demostad's catalogue when there is none; returns how many programmes were made."""
    created = {"programmes": 0}
    if Programme.objects.exists():
        if stdout is not None:
            stdout.write("Aanbod op maat bestaat al; er is niets veranderd.\n")
        return created
    if not District.objects.filter(name=city.CITY_NAME, kind=DistrictKind.CITY).exists():
        if stdout is not None:
            stdout.write("Aanbod op maat: eerst de demostad laden.\n")
        return created
    rng = random.Random(RANDOM_SEED)
    today = timezone.localdate()
    with transaction.atomic():
        providers = _providers()
        topics = {t.name: t for t in Topic.objects.all()}
        rows = [
            _programme(rng, template, area, districts, providers[template.provider], topics, today)
            for template in TEMPLATES
            if template.provider in providers
            for area, districts in _areas(template.scope)
        ]
        # A few programmes wait for approval or were stopped: not public, found by nobody. Never
        # the sleeping help, which every gebied must have for the demo's journey.
        others = [row[0] for row in rows if "Slapen" not in {t.name for t in row[1]}]
        for programme in others[5::40]:
            programme.status = ProgrammeStatus.DRAFT
        for programme in others[11::60]:
            programme.status = ProgrammeStatus.WITHDRAWN
        saved = Programme.objects.bulk_create([row[0] for row in rows])
        Topics = Programme.topics.through
        Districts = Programme.districts.through
        Topics.objects.bulk_create(
            Topics(programme_id=p.pk, topic_id=t.pk)
            for p, (_, ts, _) in zip(saved, rows, strict=True)
            for t in ts
        )
        Districts.objects.bulk_create(
            Districts(programme_id=p.pk, district_id=d.pk)
            for p, (_, _, ds) in zip(saved, rows, strict=True)
            for d in ds
        )
        created["programmes"] = len(saved)
        audit_record(actor=None, action=Action.IMPORT, object_type="aanbod.Programme",
                     reason=f"demostad: aanbod op maat geladen ({len(saved)})")  # fmt: skip
    if stdout is not None:
        stdout.write(f"Aanbod op maat: {created['programmes']} programma's aangemaakt.\n")
    return created


# --- maintenance: the demo aanbieder's proposals and history, the beheerder's queue ----------


def _edit(programme, **changes):
    from ketenzorg.aanbod.services import ProgrammeInput

    values = {name: getattr(programme, name) for name in (
        "name", "description", "audience", "min_age", "max_age", "location", "schedule",
        "access_route", "costs", "languages", "contact_phone", "contact_email", "website",
        "waiting_weeks", "waiting_confirmed_on", "capacity", "internal_notes", "internal_contact",
        "ijw_category", "status",
    )}  # fmt: skip
    return ProgrammeInput(
        provider=programme.provider, topics=list(programme.topics.all()),
        districts=list(programme.districts.all()), **{**values, **changes},
    )  # fmt: skip


def load_maintenance_demo(*, stdout=None) -> dict:
    """The demo aanbieder keeps its organisation's programmes: an approved change and a
    confirmed waiting time in the history, a rejected proposal, and two proposals waiting in
    the demo beheerder's queue (a change and a new programme). Idempotent: only when no
    proposal exists yet; through the real services, so the access log has it all."""
    from django.contrib.auth import get_user_model

    from ketenzorg.aanbod import services
    from ketenzorg.aanbod.models import ProgrammeRevision

    made = {"revisions": 0}
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["aanbieder", "beheerder"])}  # fmt: skip
    if ProgrammeRevision.objects.exists() or len(users) < 2:
        return made
    aanbieder, beheerder = users["aanbieder"], users["beheerder"]
    own = list(
        Programme.objects.filter(
            provider_id=aanbieder.professional.organisation_id,
            status=ProgrammeStatus.PUBLISHED,
        ).order_by("name")[:3]
    )
    if len(own) < 2:
        return made
    first, second = own[0], own[1]
    services.waiting_time_confirm(actor=aanbieder, programme=first)
    approved = services.programme_change(
        actor=aanbieder, programme=first,
        data=_edit(first, schedule="maandag t/m donderdag, ook 's avonds", capacity="8 gezinnen"),
    )  # fmt: skip
    services.revision_approve(actor=beheerder, revision=approved.revision)
    if len(own) > 2:
        third = own[2]
        rejected = services.programme_change(
            actor=aanbieder, programme=third, data=_edit(third, costs="onbekend")
        )
        services.revision_reject(
            actor=beheerder, revision=rejected.revision,
            reason="Vermeld de kosten: via de gemeente vergoed of een bedrag.",
        )  # fmt: skip
    services.programme_change(
        actor=aanbieder, programme=second,
        data=_edit(second, description=second.description + " Nieuw: ook een groep in het Engels.",
                   languages="Nederlands, Engels", waiting_weeks=5),
    )  # fmt: skip
    services.programme_create(
        actor=aanbieder,
        data=_edit(second, name="Ouderavond Veerkracht", schedule="eens per maand, dinsdagavond",
                   description="Een avond voor ouders over veerkracht van kinderen na een "
                               "ingrijpende gebeurtenis: wat helpt thuis, en waar vind je meer hulp?",
                   access_route=AccessRoute.OPEN, ijw_category="", costs="gratis"),
    )  # fmt: skip
    made["revisions"] = ProgrammeRevision.objects.count()
    audit_record(actor=None, action=Action.IMPORT, object_type="aanbod.ProgrammeRevision",
                 reason=f"demostad: voorstellen van de demo-aanbieder ({made['revisions']})")  # fmt: skip
    if stdout is not None:
        stdout.write(
            f"Aanbod op maat: {made['revisions']} voorstellen en hun geschiedenis geladen.\n"
        )
    return made
