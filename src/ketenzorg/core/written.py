"""What a row written in Python (decision 0019) does per value, without Django's general
machinery on every call.

`conditional_escape` passes each value through `keep_lazy`'s check of its arguments, and a
`get_FOO_display()` asks for the active language (a context-local lookup) each time: on the
dashboard's fifty rows these two were most of the written rows' time. `esc` is the same
escape; a row writer takes a field's labels once (`core.models.choice_labels`) and looks each
row's value up in them (`core.models.choice_label`). A whole number printed in a template
looks up the locale's number formats on each call (`localize`); `number` writes it as that
gives it.
"""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeData


def esc(value) -> str:
    """`conditional_escape(value)`: text that is already safe as it is, anything else escaped
    (`&`, `<`, `>`, `"` and `'`, as Django's `escape`)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def number(value) -> str:
    """`localize(value)`, as a template prints a value: a whole number without the locale's
    format lookups when the settings want no thousands separators (the same text)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return str(localize(value))


_LINE_BREAK = re.compile(r"\r\n|\r")


def lines(text) -> str:
    """`{{ text|linebreaksbr }}` as a template writes it: escaped (unless already safe), every
    line break (`\r\n`, `\r`, `\n`) a `<br>`. Django's filter passes the text through three
    lazy-text wrappers and a regular expression on the way: a history row has up to four."""
    value = str(text)
    if "\r" in value:
        value = _LINE_BREAK.sub("\n", value)
    if not isinstance(text, SafeData):
        value = html.escape(value)
    return value.replace("\n", "<br>")
