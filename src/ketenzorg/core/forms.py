"""Form rendering shared by every screen: labels, help and errors tied to each field."""

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime

from ketenzorg.core.errors import DomainError

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
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        """A `<select>`, an `<input>` and a `<textarea>` are written here, the rest (the field
        around them, a widget with its own template) by the templates.

        Django's select template includes a template per option: the public catalogue's area
        choice (every stadsdeel and gebied) cost a third of its page at city scale, and most of
        it at nation scale. An input is three templates deep (`text.html`, `input.html`,
        `attrs.html`): a form of four fields was a fifth of the catalogue's page. The HTML is
        the templates', byte for byte (a test compares them).
        """
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
            if html is not None:
                return html
        elif template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        return super().render(template_name, context, request)


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    """Django's input.html (with attrs.html) for a widget's context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def textarea_html(widget: dict) -> str:
    """Django's textarea.html for a widget's context."""
    value = widget["value"]
    text = conditional_escape(localize(template_localtime(value))) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


def select_html(widget: dict) -> str | None:
    """Django's select.html and select_option.html for a widget's context; None for a widget
    with its own option template, which the templates then render."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            label = conditional_escape(localize(template_localtime(option["label"])))
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{label}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's last newline
    return "".join(parts)


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
