"""Django's `i18n` template library, with `{% translate "…" %}` of a fixed text rendered once.

`TEMPLATES`' `libraries` loads this module as `i18n`, so `{% load i18n %}` gives every tag and
filter of Django's own library. The one difference: a `{% translate %}` of a literal text
(no filter, no context, not `noop`) keeps what it rendered per language and autoescape setting.
Django translates such a text again on every render: a catalogue lookup behind the active
language's thread-local, the value escaped and its `%%` restored. The case page has 85 of them;
they were a quarter of its render time. The text and its translation do not change while the
process runs (the catalogues are read once), so the rendered text may be kept on the node,
which the cached template loader keeps with its template.
"""

from __future__ import annotations

from django import template
from django.templatetags import i18n as django_i18n
from django.utils import translation

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class FixedTranslateNode(django_i18n.TranslateNode):
    """A `TranslateNode` of a literal text: rendered once per language and autoescape."""

    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        self.rendered: dict[tuple[str | None, bool], str] = {}
        # Django's own node for the text alone, without `as`: a template's nodes are shared
        # by the threads that render it, so this node's own fields are never changed.
        self.text = django_i18n.TranslateNode(filter_expression, noop, None, message_context)

    def render(self, context):
        key = (translation.get_language(), context.autoescape)
        value = self.rendered.get(key)
        if value is None:
            value = self.rendered[key] = self.text.render(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


def _is_fixed(node: django_i18n.TranslateNode) -> bool:
    expression = node.filter_expression
    return (
        not node.noop
        and node.message_context is None
        and not expression.filters
        and getattr(expression.var, "literal", None) is not None
    )


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    if not _is_fixed(node):
        return node
    return FixedTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
