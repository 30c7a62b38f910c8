"""Form rendering shared by every screen: labels, help and errors tied to each field."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from ketenzorg.core.errors import DomainError
from ketenzorg.core.written import esc

FIELD_TEMPLATE = "forms/field.html"

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# Django's widget templates that are `input.html` and nothing else.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "input", "text", "number", "email", "url", "password", "hidden", "search", "tel",
        "date", "datetime", "time", "color", "checkbox",
    )
)  # fmt: skip


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = FIELD_TEMPLATE

    def render(self, template_name, context, request=None):
        """A `<select>`, an `<input>` and a `<textarea>` are written here, the rest (the field
        around them, a widget with its own template) by the templates.

        Django's select template includes a template per option: the public catalogue's area
        choice (every stadsdeel and gebied) cost a third of its page at city scale, and most of
        it at nation scale. An input is three templates deep (`text.html`, `input.html`,
        `attrs.html`): a form of four fields was a fifth of the catalogue's page. The field
        around them (`forms/field.html`: label, help, errors) was another fifth. The HTML is
        the templates', byte for byte (tests compare them).
        """
        if template_name == FIELD_TEMPLATE:
            return field_html(context["field"])
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
            if html is not None:
                return html
        elif template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        return super().render(template_name, context, request)


def field_html(field) -> str:
    """forms/field.html for a bound field: its label (a legend for a group of choices), help,
    errors and widget. The help text is written as it is, as the template wrote it (its safe
    filter): help texts are ours, in the forms, never typed by a user."""
    error_class = " field-error" if field.errors else ""
    label = ""
    if field.label:
        required = (
            f' <span class="muted">{gettext("(verplicht)")}</span>' if field.field.required else ""
        )
        label = f"{esc(field.label)}{required}"
    if field.use_fieldset:
        head = f'<fieldset class="field{error_class}">' + (
            f"<legend>{label}</legend>" if label else ""
        )
        tail = "</fieldset>"
    else:
        head = f'<div class="field{error_class}">' + (
            f'<label for="{esc(field.id_for_label)}">{label}</label>' if label else ""
        )
        tail = "</div>"
    auto_id = esc(field.auto_id)
    help_text = (
        f'<p class="help" id="{auto_id}_helptext">{field.help_text}</p>' if field.help_text else ""
    )
    errors = f'<div id="{auto_id}_errors">{esc(field.errors)}</div>' if field.errors else ""
    return f"{head}\n{help_text}\n{errors}\n{esc(field)}\n{tail}"  # the template's lines


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    """Django's input.html (with attrs.html) for a widget's context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(str(value))}"'
    return (
        f'<input type="{esc(widget["type"])}" '
        f'name="{esc(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def textarea_html(widget: dict) -> str:
    """Django's textarea.html for a widget's context."""
    value = widget["value"]
    text = esc(localize(template_localtime(value))) if value else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def select_html(widget: dict) -> str | None:
    """Django's select.html and select_option.html for a widget's context; None for a widget
    with its own option template, which the templates then render."""
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            label = esc(localize(template_localtime(option["label"])))
            parts.append(
                f'\n  <option value="{esc(option["value"])}"'
                f"{_attrs(option['attrs'])}>{label}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's last newline
    return "".join(parts)


class WrittenChoices(BaseChoiceIterator):
    """A select's choices as (value, label) or (group, [(value, label), …]), normalised once,
    with each option's HTML written once: for a form built on every request from the same
    choices (the public catalogue's areas and topics).

    Setting a field's choices normalises them again (a walk of every option) and rendering
    makes a dict per option before writing it: at city scale the catalogue's two choices were
    a quarter of its page without results. Django leaves a `BaseChoiceIterator` as it is; a
    `WrittenSelect` writes its options from here. The labels must already be text in the
    language the page is written in: keep one per language.
    """

    def __init__(self, choices):
        self._choices = [
            (value, [(v, str(label)) for v, label in label])
            if isinstance(label, (list, tuple))
            else (value, str(label))
            for value, label in choices
        ]
        self._parts = []  # ("open"/"close", html) or (value, before " selected", after)
        for value, label in self._choices:
            grouped = isinstance(label, list)
            tagged = grouped and value  # a group without a name: its options without the tag
            if tagged:
                self._parts.append(("", f'\n  <optgroup label="{esc(value)}">', None))
            for v, text in label if grouped else [(value, label)]:
                v = "" if v is None else str(v)
                self._parts.append((v, f'\n  <option value="{esc(v)}"', f">{esc(text)}</option>\n"))
            if tagged:
                self._parts.append(("", "\n  </optgroup>", None))

    def __iter__(self):
        return iter(self._choices)

    def __len__(self):
        return len(self._choices)

    def __getitem__(self, index):
        return self._choices[index]

    def select_html(self, name: str, attrs: dict, chosen: list[str]) -> str:
        """`select_html` of these choices: the first option whose value is chosen selected."""
        out = [f'<select name="{esc(name)}"{_attrs(attrs)}>']
        selected = False
        for value, before, after in self._parts:
            if after is None:
                out.append(before)
            elif not selected and value in chosen:
                selected = True
                out.append(f"{before} selected{after}")
            else:
                out.append(f"{before}{after}")
        out.append("\n</select>")
        return "".join(out)


class WrittenSelect(forms.Select):
    """A `<select>` that writes `WrittenChoices` directly (any other choices as Django does)."""

    def render(self, name, value, attrs=None, renderer=None):
        if not isinstance(self.choices, WrittenChoices):
            return super().render(name, value, attrs, renderer)
        html = self.choices.select_html(name, self.build_attrs(self.attrs, attrs),
                                        self.format_value(value))  # fmt: skip
        return mark_safe(html)  # noqa: S308 - every value and label is escaped


def apply_domain_errors(
    form, error: DomainError, *, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's validation errors on the form fields they belong to."""
    field_map = field_map or {}
    placed = False
    for key, messages in error.field_errors.items():
        name = field_map.get(key, key)
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
                placed = True
            else:
                form.add_error(None, message)
                placed = True
    if not placed:
        form.add_error(None, error.message)
