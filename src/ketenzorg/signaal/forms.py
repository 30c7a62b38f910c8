"""The dashboard's filters: whole months from-to and a node of the district tree, by uuid.

The same form reads the screens' query string and the API's query parameters, so both refuse
the same bad filters with the same Dutch messages. An area is a uuid in the URL, never a name;
the figures take the district's id, which the form looks up through the network's selector.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy

from ketenzorg.core.errors import NotFound
from ketenzorg.core.forms import WrittenChoices, WrittenSelect
from ketenzorg.network import selectors as network_selectors

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 36


def month_start(value: date) -> date:
    return value.replace(day=1)


def month_end(value: date) -> date:
    return (value.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve full months: a month still running would look like a fall in a trend."""
    today = today or timezone.localdate()
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, last


class MonthField(forms.CharField):
    """A month as JJJJ-MM (what <input type="month"> sends), as the month's first day."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = MONTH.match(value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
            raise forms.ValidationError(
                gettext("Geef een maand als JJJJ-MM, bijvoorbeeld 2026-03.")
            )
        return date(int(match.group(1)), int(match.group(2)), 1)


def area_choices() -> WrittenChoices:
    """Every district, indented under its parent, by uuid; blank is everything."""
    return _area_choices(tuple(network_selectors.district_rows()), get_language())


@functools.lru_cache(maxsize=8)
def _area_choices(rows: tuple, language: str) -> WrittenChoices:
    """Written once per language for the districts as read (the same on nearly every request:
    `WrittenChoices`)."""
    known = {pk for pk, *_ in rows}
    children: dict = {}
    for pk, uuid, name, parent_id in rows:  # by name: each level in the order of its names
        children.setdefault(parent_id if parent_id in known else None, []).append((pk, uuid, name))
    choices = [("", gettext("Alles (hele gemeente, ook zonder gebied)"))]

    def walk(parent, depth):
        for pk, uuid, name in children.get(parent, ()):
            choices.append((str(uuid), "— " * depth + name))
            walk(pk, depth + 1)

    walk(None, 0)
    return WrittenChoices(choices)


class FilterForm(forms.Form):
    van = MonthField(
        label=gettext_lazy("Van maand"),
        required=False,
        help_text=gettext_lazy("JJJJ-MM; leeg is twaalf maanden terug."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "JJJJ-MM"}),
    )
    tot = MonthField(
        label=gettext_lazy("Tot en met maand"),
        required=False,
        help_text=gettext_lazy("JJJJ-MM; leeg is de vorige maand."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "JJJJ-MM"}),
    )
    gebied = forms.ChoiceField(
        label=gettext_lazy("Gebied"), required=False, choices=(), widget=WrittenSelect
    )

    def __init__(self, *args, period: bool = True, area: bool = True, choices=None, **kwargs):
        """`choices`: the areas another form of this request already read (`defaults`)."""
        super().__init__(*args, **kwargs)
        if not period:
            del self.fields["van"]
            del self.fields["tot"]
        if area:
            self.fields["gebied"].choices = area_choices() if choices is None else choices
        else:
            del self.fields["gebied"]

    def clean(self):
        data = super().clean()
        if "van" in self.fields and not self.errors:
            today = timezone.localdate()
            first = data.get("van") or default_period(today)[0]
            last_month = data.get("tot") or default_period(today)[1].replace(day=1)
            if first > last_month:
                raise forms.ValidationError(
                    gettext("De maand 'van' ligt na de maand 'tot en met'.")
                )
            months = (last_month.year - first.year) * 12 + last_month.month - first.month + 1
            if months > MAX_MONTHS:
                raise forms.ValidationError(
                    gettext("Kies hoogstens %(n)s maanden.") % {"n": MAX_MONTHS}
                )
            data["first"] = first
            data["last"] = min(month_end(last_month), max(today, first))
        return data

    def defaults(self) -> FilterForm:
        """The same form filled with nothing: the default period and the whole city."""
        area = "gebied" in self.fields
        return FilterForm(
            {},
            period="van" in self.fields,
            area=area,
            choices=self.fields["gebied"].choices if area else None,
        )

    def filters(self) -> dict:
        """The figure's keyword filters: first/last and area (a district id, None for all)."""
        data = self.cleaned_data
        filters = {}
        if "van" in self.fields:
            filters["first"], filters["last"] = data["first"], data["last"]
        if "gebied" in self.fields:
            filters["area"] = None
            if data.get("gebied"):
                try:
                    district = network_selectors.district_get(district_uuid=data["gebied"])
                except NotFound:
                    district = None
                filters["area"] = district.pk if district else None
        return filters
