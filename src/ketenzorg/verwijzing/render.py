"""The referral's documents as PDF, in the words the reader needs: the verwijsformat for the
gebiedsknooppunt and the provider, the definitive perspectiefplan, the voorziening.

Rendered in the background (`verwijzing.tasks`) in Dutch, the language of the chain's paper;
the renderer is the plan's (`coordination.pdf`). Returns (file name, bytes); the file name
carries no personal data.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from ketenzorg.coordination.pdf import Section, render
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import LifeDomain, PerspectiefplanVersion, VoorzieningChange

FOOTER = "ketenzorg · vertrouwelijk: alleen voor de geadresseerde"


def _lines(value) -> list[str]:
    return [line for line in str(value or "").splitlines() if line.strip()]


def form_pdf(referral) -> tuple[str, bytes]:
    with translation.override("nl"):
        sections = [
            Section(gettext(f.label), _lines(referral.form.get(f.key))) for f in rules.FORM_FIELDS
        ]
        kind = referral.get_request_kind_display()
        if referral.requested_programme_id:
            kind += f": {referral.requested_programme.name} ({referral.requested_programme.provider.name})"
        data = render(
            title=gettext("Verwijsformat aanvullende jeugdhulp"),
            subtitle=gettext("Verzoek: %(kind)s. Kenmerk %(ref)s.")
            % {"kind": kind, "ref": str(referral.uuid)[:8]},
            sections=sections,
            footer=FOOTER,
        )
    return f"verwijsformat-{str(referral.uuid)[:8]}.pdf", data


def plan_pdf(version: PerspectiefplanVersion) -> tuple[str, bytes]:
    with translation.override("nl"):
        labels = dict(LifeDomain.choices)
        analysis = []
        for row in version.analysis:
            for code, text in row.get("domains", {}).items():
                analysis.append(f"{row.get('name', '')} — {labels.get(code, code)}: {text}")
        agreements = [
            " — ".join(
                x
                for x in (
                    a.get("action"),
                    a.get("who") and gettext("wie: %(w)s") % {"w": a["who"]},
                    a.get("specialist_help")
                    and gettext("specialistische hulp: %(h)s") % {"h": a["specialist_help"]},
                    a.get("results") and gettext("resultaat: %(r)s") % {"r": a["results"]},
                )
                if x
            )
            for a in version.agreements
        ]
        subtitle = gettext("Versie %(n)s, %(status)s") % {
            "n": version.number,
            "status": version.get_status_display(),
        }
        if version.family_agreed_on:
            subtitle += ". " + gettext("Het gezin stemde in op %(day)s (%(how)s).") % {
                "day": version.family_agreed_on.strftime("%d-%m-%Y"),
                "how": version.get_family_agreement_display(),
            }
        data = render(
            title=gettext("Perspectiefplan"),
            subtitle=subtitle,
            sections=[
                Section(
                    gettext("1. De hulpvraag, in de woorden van het gezin"),
                    _lines(version.family_question),
                ),
                Section(gettext("2. Analyse over de levensdomeinen, per gezinslid"), analysis),
                Section(
                    gettext("3. Afspraken en de resultaten die de hulp moet bereiken"), agreements
                ),
            ],
            footer=FOOTER,
        )
    return f"perspectiefplan-v{version.number}.pdf", data


def provision_pdf(change: VoorzieningChange) -> tuple[str, bytes]:
    from ketenzorg.verwijzing.prefill import provision_line

    with translation.override("nl"):
        voorziening = change.voorziening
        lines = [provision_line(voorziening)] if voorziening.version == change.version else []
        if not lines:  # an older version: from its snapshot
            s = change.snapshot
            lines = [
                f"{s['ijw_category']} {s['volume']} × {s['unit']}/{s['frequency']}, {s['starts_on']} – {s['ends_on']}"
            ]
        if change.snapshot.get("note"):
            lines.append(change.snapshot["note"])
        child = voorziening.child
        data = render(
            title=gettext("Voorziening"),
            subtitle=gettext("Versie %(n)s, %(status)s")
            % {
                "n": change.version,
                "status": change.get_status_display(),
            },
            sections=[
                Section(
                    gettext("Jeugdige"),
                    [f"{child.given_name} {child.family_name}, {child.birthdate:%d-%m-%Y}"],
                ),
                Section(gettext("Voorziening"), lines),
            ],
            footer=FOOTER,
        )
    return f"voorziening-v{change.version}.pdf", data
