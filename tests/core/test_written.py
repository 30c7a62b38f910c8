"""`core.written.esc` is Django's `conditional_escape`, and the choice labels are
`get_FOO_display()`'s, for what the written rows give them."""

import pytest
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.coordination.models import CareLevel, Case
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc, number


@given(st.one_of(st.text(), st.integers(), st.none(), st.floats(allow_nan=False)))
def test_esc_is_conditional_escape(value):
    assert esc(value) == conditional_escape(value)


@pytest.mark.parametrize(
    "value", [mark_safe("<b>al veilig</b>"), gettext_lazy("Gezinnen"), "<'\"&>", 1234]
)
def test_esc_keeps_safe_text_and_escapes_the_rest(value):
    assert esc(value) == conditional_escape(value)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("level", [*CareLevel.values, 9])
def test_a_label_looked_up_is_get_display(language, level):
    with translation.override(language):
        labels = choice_labels(Case._meta.get_field("level"))
        assert choice_label(labels, level) == Case(level=level).get_level_display()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("separators", [False, True])
def test_number_is_localize(language, separators, settings):
    from decimal import Decimal

    from django.utils.formats import localize

    settings.USE_THOUSAND_SEPARATOR = separators
    with translation.override(language):
        for value in (0, 7, -3, 1234, 10**7, True, 2.5, Decimal("1234.50"), None, "12"):
            assert number(value) == str(localize(value))


@given(st.text(alphabet=st.sampled_from("ab <>&'\"\r\n\t é")))
def test_lines_is_linebreaksbr(text):
    from django.template.defaultfilters import linebreaksbr

    from ketenzorg.core.written import lines

    assert lines(text) == linebreaksbr(text, autoescape=True)
    safe = mark_safe(text)  # noqa: S308 - text a caller already made safe stays as it is
    assert lines(safe) == linebreaksbr(safe, autoescape=True)
