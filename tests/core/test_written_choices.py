"""`WrittenChoices` in a `WrittenSelect` is Django's `<select>`, byte for byte, and the field
validates against them as against the choices themselves."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from ketenzorg.core.forms import FormRenderer, WrittenChoices, WrittenSelect

CHOICES = [
    ("", _("De hele stad")),
    ("Oost & West", [("1", "Heel Oost"), ("2", "Haven <b>\"&'")]),
    ("Noord", [("3", mark_safe("<i>Noord</i>")), ("1", "Weer een")]),
    ("", [("4", "zonder groepsnaam")]),
    (None, "Geen"),
    ("5", "Vijf"),
]


def _form(choices, widget):
    class Form(forms.Form):
        gebied = forms.ChoiceField(required=False, help_text="Stadsdeel of wijk.", widget=widget)

    def make(data):
        form = Form(data)
        form.fields["gebied"].choices = choices
        return form

    return make


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("value", [None, "", "1", "2", "4", "5", "<script>", "Noord"])
def test_the_written_select_is_djangos(language, value):
    with override(language):
        plain = _form(CHOICES, forms.Select)({"gebied": value} if value is not None else None)
        written = _form(WrittenChoices(CHOICES), WrittenSelect)(
            {"gebied": value} if value is not None else None
        )
        for form in (plain, written):
            form.is_bound and form.is_valid()
        assert written.is_bound == plain.is_bound
        if plain.is_bound:
            assert written.errors == plain.errors
            assert written.cleaned_data == plain.cleaned_data
        for renderer in (TemplatesSetting(), FormRenderer()):
            written.renderer = plain.renderer = renderer
            assert str(written["gebied"]) == str(plain["gebied"])
        html = str(written["gebied"])
    assert html.count(" selected") == (0 if value in ("<script>", "Noord") else 1)
    assert "<b>" not in html and "<i>Noord</i>" in html
    assert ("The whole city" if language == "en" else "De hele stad") in html


def test_other_choices_are_written_by_django():
    form = _form([("a", "A"), ("b", "B")], WrittenSelect)({"gebied": "b"})
    assert form.is_valid()
    assert str(form["gebied"]) == str(
        _form([("a", "A"), ("b", "B")], forms.Select)({"gebied": "b"})["gebied"]
    )
