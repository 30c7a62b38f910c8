"""Districts (stadsdeel, gebied, wijk): the map that walk-in hours, families and cases hang on."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.audit.models import Action
from ketenzorg.network import rules, selectors
from ketenzorg.network.models import (
    District,
    DistrictKind,
)
from ketenzorg.network.services._common import (
    Errors,
    add_error,
    apply_values,
    changed_reason,
    fail,
    manager_write,
    record,
    text_field,
)

# --- districts ---------------------------------------------------------------


@dataclass
class DistrictInput:
    name: str
    kind: str
    parent: District | None = None
    postcode_prefixes: str = ""


def _district_errors(data: DistrictInput, *, district: District | None = None) -> Errors:
    errors: Errors = {}
    name = text_field(errors, "name", data.name, _("Vul een naam in."), 120)
    if data.kind not in DistrictKind.values:
        add_error(errors, "kind", gettext("Kies een soort: stad, stadsdeel of gebied."))
    else:
        parent_kind = data.parent.kind if data.parent else None
        add_error(errors, "parent", rules.district_parent_error(data.kind, parent_kind))
        if district is not None:
            child_kinds = set(district.children.values_list("kind", flat=True))
            add_error(errors, "kind", rules.district_children_error(data.kind, child_kinds))
    if district is not None and data.parent is not None:
        if rules.creates_cycle(district.pk, data.parent.pk, selectors.district_parents()):
            add_error(
                errors,
                "parent",
                gettext(
                    "Een gebied kan niet onder zichzelf of onder een eigen onderliggend gebied vallen."
                ),
            )
    add_error(errors, "postcode_prefixes", rules.postcode_prefixes_error(data.postcode_prefixes))
    if name:
        siblings = District.objects.filter(parent=data.parent, name__iexact=name)
        if district is not None:
            siblings = siblings.exclude(pk=district.pk)
        if siblings.exists():
            if data.parent:
                message = gettext("Er is al een gebied '%(name)s' onder %(parent)s.") % {
                    "name": name,
                    "parent": data.parent.name,
                }
            else:
                message = gettext("Er is al een gebied '%(name)s' zonder bovenliggend gebied.") % {
                    "name": name
                }
            add_error(errors, "name", message)
    return errors


def _district_values(data: DistrictInput) -> dict:
    return {
        "name": " ".join(data.name.split()),
        "kind": data.kind,
        "parent": data.parent,
        "postcode_prefixes": rules.normalise_postcode_prefixes(data.postcode_prefixes),
    }


@manager_write
def district_create(*, actor, data: DistrictInput) -> District:
    fail(
        _district_errors(data),
        _("Het gebied is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    district = District.objects.create(**_district_values(data))
    record(actor, Action.CREATE, district)
    return district


@manager_write
def district_update(*, actor, district: District, data: DistrictInput) -> District:
    fail(
        _district_errors(data, district=district),
        _("Het gebied is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = apply_values(district, _district_values(data))
    district.save()
    record(actor, Action.UPDATE, district, changed_reason(changed))
    return district
