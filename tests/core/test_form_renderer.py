"""The `<select>` written in Python is Django's template output, byte for byte."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template import TemplateDoesNotExist
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.forms import FormRenderer


class _CustomOption(forms.Select):
    option_template_name = "django/forms/widgets/select_option.html.custom"


class _Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "Eén"), ("b", "Twee <b>\"&'")])
    grouped = forms.ChoiceField(
        required=False,
        help_text="Stadsdeel of wijk.",
        choices=[
            ("", _("De hele stad")),
            ("Oost & West", [("1", "Heel Oost"), ("2", "Haven")]),
            ("Noord", [("3", mark_safe("<i>Noord</i>"))]),
        ],
    )
    numbers = forms.TypedChoiceField(coerce=int, choices=[(1, 1000), (2, 2.5)])
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")])
    maybe = forms.NullBooleanField()
    shut = forms.ChoiceField(
        choices=[("a", "A")],
        widget=forms.Select(attrs={"disabled": True, "data-off": False, "class": 'a"b'}),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "b", "grouped": "2", "numbers": "2", "many": ["x", "z"], "maybe": "true"},
        {"plain": "zzz", "grouped": "<script>", "many": ["y"], "maybe": "false"},
    ],
)
def test_every_select_is_the_templates_html(data):
    ours, django = FormRenderer(), TemplatesSetting()
    form = _Sample(data)
    form.is_bound and form.is_valid()
    for name, field in form.fields.items():
        bound = form[name]
        widget = field.widget
        expected = widget.render(bound.html_name, bound.value(), {"id": f"id_{name}"}, django)
        assert widget.render(bound.html_name, bound.value(), {"id": f"id_{name}"}, ours) == (
            expected
        )
        assert "<option" in expected


def test_a_widget_with_its_own_option_template_is_left_to_the_templates(monkeypatch):
    rendered = []
    original = TemplatesSetting.render

    def spy(self, template_name, context, request=None):
        rendered.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(TemplatesSetting, "render", spy)
    select = forms.Select(choices=[("a", "A")])
    select.render("x", "a", renderer=FormRenderer())
    assert rendered == []  # written in Python: no template
    custom = _CustomOption(choices=[("a", "A")])
    with pytest.raises(TemplateDoesNotExist, match="select_option.html.custom"):
        custom.render("x", "a", renderer=FormRenderer())
    assert rendered == ["django/forms/widgets/select.html"]
