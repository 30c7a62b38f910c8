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


class _Inputs(forms.Form):
    words = forms.CharField(required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    age = forms.IntegerField(required=False, min_value=0, max_value=23)
    email = forms.EmailField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    search = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"type": "search", "data-x": False})
    )
    agree = forms.BooleanField(required=False)
    story = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    tel = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": -1}))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"words": 'Slapen "en" <eten> & zo', "age": "4", "email": "a@b.invalid",
         "secret": "<geheim>", "hidden": "x'y", "day": "2026-03-29",
         "moment": "2026-03-29T02:30", "search": "één", "agree": "on",
         "story": "Regel 1\n<b>Regel 2</b> & meer", "tel": "06"},
        {"age": "veertig", "day": "niet-een-datum", "story": "", "words": "   "},
    ],
)  # fmt: skip
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_input_and_textarea_is_the_templates_html(data, language):
    from django.utils import translation

    ours, django = FormRenderer(), TemplatesSetting()
    with translation.override(language):
        form = _Inputs(data)
        form.is_bound and form.is_valid()
        for name, field in form.fields.items():
            bound = form[name]
            widget = field.widget
            attrs = {"id": f"id_{name}", "required": name == "words", "aria-describedby": "x"}
            expected = widget.render(bound.html_name, bound.value(), attrs, django)
            assert widget.render(bound.html_name, bound.value(), attrs, ours) == expected
            assert expected.startswith(("<input", "<textarea"))


def test_a_safe_or_initial_value_is_written_as_the_template_writes_it():
    ours, django = FormRenderer(), TemplatesSetting()
    for value in (mark_safe("<b>al veilig</b>"), 0, 2.5, None, _("Onderwerp")):
        for widget in (forms.TextInput(), forms.Textarea(), forms.NumberInput()):
            assert widget.render("x", value, renderer=ours) == widget.render(
                "x", value, renderer=django
            )


class _OurTemplates(TemplatesSetting):
    """Our form and field templates, rendered by the templates alone."""

    form_template_name = FormRenderer.form_template_name
    field_template_name = FormRenderer.field_template_name


class _Fields(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=5, help_text="Voor- en <b>achternaam</b>.")
    unlabelled = forms.CharField(label="", required=False)
    odd = forms.CharField(label='Een "label" <met> & tekens', required=False)
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect,
        help_text=_("Kies er één."),
    )  # fmt: skip
    kinds = forms.MultipleChoiceField(
        label="Soorten", required=False, choices=[("x", "X")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label=_("Akkoord"))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)


@pytest.mark.parametrize(
    "data",
    [None, {}, {"name": "veel te lang <b>", "kind": "z", "kinds": ["q"]},
     {"name": "Anna", "kind": "a", "kinds": ["x"], "agree": "on"}],
)  # fmt: skip
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("auto_id", ["id_%s", "", "veld-%s"])
def test_every_field_around_its_widget_is_the_templates_html(data, language, auto_id):
    """forms/field.html (label or legend, required, help, errors, the widget) written in Python."""
    from django.utils import translation

    with translation.override(language):
        ours = _Fields(data, auto_id=auto_id, renderer=FormRenderer())
        django = _Fields(data, auto_id=auto_id, renderer=_OurTemplates())
        for form in (ours, django):
            form.is_bound and form.is_valid()
        for name in ours.fields:
            expected = django[name].as_field_group()
            assert ours[name].as_field_group() == expected
            assert expected.startswith(('<div class="field', '<fieldset class="field'))
        assert str(ours) == str(django)
