"""The professionals' programme picker: the catalogue's own search (words, topic, age) and a choice
among its results, for putting a programme into a family's plan or handing it to a parent.

The picker is POSTed, never a GET: it sits on a page about a family (a case, a contact moment)
whose uuid is in the address, and the search words ("slapen", "scheiding") say something about
that family. A GET would put the two together in the address, the browser history and the logs.
"""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod import rules, selectors
from ketenzorg.core.errors import ValidationFailed

SEARCH = "zoeken"
PICKER_PAGE_SIZE = 20


def waiting_text(waiting) -> str:
    """A waiting time as a professional reads it: the weeks, the date, and a warning when the
    date is too long ago to trust."""
    if waiting.weeks is None:
        text = gettext("wachttijd onbekend")
    else:
        text = gettext("wachttijd %(weeks)s weken") % {"weeks": waiting.weeks}
    if waiting.confirmed_on:
        text += " " + gettext("(bevestigd %(date)s)") % {
            "date": formats.date_format(waiting.confirmed_on, "d-m-Y")
        }
    if waiting.stale:
        text += " — " + gettext("verouderd, bel de aanbieder")
    return text


def choice_label(programme) -> str:
    return " · ".join(
        [
            programme.name,
            programme.provider.name,
            str(programme.get_access_route_display()),
            waiting_text(programme.waiting),
        ]
    )


class ProgrammePickerForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekwoorden"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld: slapen, pesten, scheiding."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), required=False)
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van het kind (jaren)"),
        required=False,
        min_value=0,
        max_value=rules.CHILD_MAX_AGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    # A CharField with radio buttons: the choices are the search's results, and the service (not
    # the form) decides whether the chosen uuid is a published programme.
    programme = forms.CharField(
        label=_("Kies het aanbod"), required=False, max_length=64, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].choices = [("", _("Alle onderwerpen"))] + [
            (str(uuid), name) for uuid, name in selectors.topic_choices()
        ]
        self.page = None

    def search(self):
        """Run the catalogue's search on the bound, valid form; the results become the choices.
        A bad filter is put on the form (the caller answers 400)."""
        data = self.cleaned_data
        try:
            self.page = selectors.programme_choices(
                selectors.SearchParams(
                    text=data.get("q") or "", topic_uuid=data.get("onderwerp") or None,
                    age=data.get("leeftijd"), page_size=PICKER_PAGE_SIZE,
                )
            )  # fmt: skip
        except ValidationFailed as exc:
            for messages in exc.field_errors.values():
                for message in messages:
                    self.add_error(None, message)
            return None
        today = timezone.localdate()
        for programme in self.page.results:
            programme.waiting = selectors.waiting_time(programme, today=today)
        self.fields["programme"].widget.choices = [
            (str(p.uuid), choice_label(p)) for p in self.page.results
        ]
        return self.page

    def chosen(self) -> str:
        """The chosen programme's uuid ("" when none): the service checks it is published."""
        return (self.cleaned_data.get("programme") or "") if self.is_bound else ""
