"""`get_FOO_display()` of our models (`core.models.ChoiceLabelsMixin`) gives what Django's
own gives, in the language of the moment, for a known value, an unknown one and none."""

from __future__ import annotations

from django.db import models as django_models
from django.utils import translation

from ketenzorg.coordination.models import CareLevel, Case, CaseStatus


def _django(case, name):
    return django_models.Model._get_FIELD_display(case, Case._meta.get_field(name))


def test_labels_follow_the_language_and_match_djangos():
    case = Case(level=CareLevel.PROCESCOORDINATIE, status=CaseStatus.CLOSED)
    for language, level, status in (
        ("nl", "3 · procescoördinatie", "gesloten"),
        ("en", "3 · process coordination", "closed"),
        ("nl", "3 · procescoördinatie", "gesloten"),
    ):
        with translation.override(language):
            assert (case.get_level_display(), case.get_status_display()) == (level, status)
            assert case.get_level_display() == _django(case, "level")
            assert case.get_status_display() == _django(case, "status")


def test_a_value_outside_the_choices_is_shown_as_it_is():
    for case in (Case(level=9, status="onbekend"), Case(level=None, status=None)):
        with translation.override("en"):
            assert case.get_level_display() == _django(case, "level") == case.level
            assert case.get_status_display() == _django(case, "status") == case.status
