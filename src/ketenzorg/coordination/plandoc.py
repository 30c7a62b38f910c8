"""The sections of "Het ene plan" in the order the family reads them, for the screen and the PDF alike."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext

from ketenzorg.coordination.pdf import Section


def _date(value: str) -> str:
    return date.fromisoformat(value).strftime("%d-%m-%Y") if value else ""


def sections(content: dict) -> list[Section]:
    members = [
        f"{m['name']}, {m['role']}, {gettext('geboren')} {_date(m['birthdate'])}"
        for m in content.get("members", [])
    ]
    professionals = []
    for p in content.get("professionals", []):
        line = f"{p['name']} ({p['organisation']})"
        if p.get("capacity"):
            line += f", {p['capacity']}"
        if p.get("with"):
            line += f", {gettext('voor')} {p['with']}"
        contact = " · ".join(x for x in (p.get("phone", ""), p.get("email", "")) if x)
        if contact:
            line += f" — {contact}"
        professionals.append(line)
    goals = []
    for n, g in enumerate(content.get("goals", []), start=1):
        line = f"{n}. {g['goal']}"
        if g.get("action"):
            line += f" — {gettext('actie')}: {g['action']}"
        if g.get("who"):
            line += f" — {gettext('wie')}: {g['who']}"
        if g.get("by_when"):
            line += f" — {gettext('wanneer')}: {_date(g['by_when'])}"
        goals.append(line)

    def text(key):
        return [line for line in (content.get(key) or "").splitlines() if line.strip()]

    return [
        Section(gettext("In de woorden van het gezin"), text("family_words")),
        Section(gettext("Contactgegevens"), text("contact")),
        Section(gettext("Gezinsleden"), members),
        Section(gettext("Familie en vrienden die meedoen (het eigen netwerk)"), text("network")),
        Section(gettext("Betrokken professionals"), professionals),
        Section(gettext("Krachten"), text("strengths")),
        Section(gettext("Zorgen"), text("worries")),
        Section(gettext("Eerder gegeven hulp"), text("earlier_help")),
        Section(gettext("Doelen en acties (wie doet wat, wanneer)"), goals),
    ]


def subtitle(content: dict, number: int, author: str) -> str:
    parts = [gettext("Versie %(n)s van %(date)s, opgesteld door %(author)s") % {
        "n": number, "date": _date(content.get("written_on", "")), "author": author}]  # fmt: skip
    if content.get("discussed_with_family_on"):
        parts.append(
            gettext("besproken met het gezin op %(date)s")
            % {"date": _date(content["discussed_with_family_on"])}
        )
    parts.append(
        gettext(
            "Eén gezin, één plan: dit plan is van het gezin en bindt de betrokken professionals."
        )
    )
    return ". ".join(parts)


def programme_section(goals: list[dict], links_per_goal: list[list]) -> Section | None:
    """The catalogue's programmes at the goals, for the family's copy: name, provider, way in.
    No waiting times: those are for professionals and change before the paper is read."""
    lines = [
        f"{gettext('Doel')} {n}: {link.programme.name} ({link.programme.provider.name}) — "
        f"{link.programme.get_access_route_display()}"
        for n, (_goal, links) in enumerate(zip(goals, links_per_goal, strict=True), start=1)
        for link in links
    ]
    return Section(gettext("Aanbod bij de doelen"), lines) if lines else None
