"""Form rendering shared by every screen: labels, help and errors tied to each field."""

from django.forms.renderers import TemplatesSetting

from ketenzorg.core.errors import DomainError


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


def apply_domain_errors(form, error: DomainError, *, field_map: dict[str, str] | None = None) -> None:
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
